package io.ottpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.gateway.support.GatewayProcess;
import io.ottpulse.gateway.support.RedisServerProcess;
import io.ottpulse.gateway.support.RegistryProcess;
import io.ottpulse.gateway.support.Upstream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits kept in a real Redis server (profile {@code redis}: Spring Cloud Gateway's {@code RedisRateLimiter}):
 * two gateway instances, each in a JVM of its own, share every client's bucket, so a client's limit holds across
 * both while other clients pass. Then Redis stops, and requests pass unlimited rather than wait for it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisRateLimitTest {

    @TempDir
    static Path workDir;

    private static RedisServerProcess redis;
    private static Upstream ingest;
    private static final List<GatewayProcess> gateways = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start(workDir);
        ingest = Upstream.start("activity-ingest", "redis-ingest", RegistryProcess.shared().eurekaUrl());
        startGateways("gateway-a", "gateway-b");
        for (GatewayProcess gateway : gateways) {
            awaitRoutesToIngest(gateway);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (GatewayProcess gateway : gateways) {
            gateway.close();
        }
        if (ingest != null) {
            ingest.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void aClientsLimitHoldsAcrossGatewaysSharingRedisWhileOtherClientsPass() throws Exception {
        GatewayProcess a = gateways.get(0);
        GatewayProcess b = gateways.get(1);
        awaitStartOfASecond();
        List<HttpResponse<String>> tiny = List.of(
                post(a, GatewayTestBase.TINY_KEY), post(b, GatewayTestBase.TINY_KEY),
                post(a, GatewayTestBase.TINY_KEY), post(b, GatewayTestBase.TINY_KEY));
        HttpResponse<String> otherClientOnA = post(a, GatewayTestBase.PLAYER_KEY);
        HttpResponse<String> otherClientOnB = post(b, GatewayTestBase.PLAYER_KEY);

        assertThat(tiny).extracting(HttpResponse::statusCode)
                .as("tiny may send 2 at once, then 1 per second, whichever gateway it calls")
                .containsExactly(202, 202, 429, 429);
        for (HttpResponse<String> refused : tiny.subList(2, 4)) {
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(refused.body()).isEqualTo("{\"error\":\"rate_limited\","
                    + "\"message\":\"client tiny is over its limit of 1 requests per second\"}");
        }
        assertThat(otherClientOnA.statusCode()).isEqualTo(202);
        assertThat(otherClientOnB.statusCode()).isEqualTo(202);
        assertThat(redis.command("EXISTS", "request_rate_limiter.{tiny.tiny}.tokens"))
                .as("the client's bucket is kept in Redis (key: limiter id, then bucket id)").isEqualTo(":1");

        GatewayTestBase.pause(1_100);
        assertThat(post(b, GatewayTestBase.TINY_KEY).statusCode()).as("a token came back after a second")
                .isEqualTo(202);
    }

    /**
     * Without a Redis command timeout the limiter's call would wait for Lettuce's default of 60 s, past the test
     * client's 30 s: every request would hang while Redis is away. With {@code spring.data.redis.timeout} the call
     * fails fast and the limiter lets the request through.
     */
    @Test
    @Order(2)
    void requestsPassUnlimitedWhileRedisIsDown() throws Exception {
        redis.close();
        List<Integer> statuses = new ArrayList<>();
        for (GatewayProcess gateway : gateways) {
            for (int i = 0; i < 4; i++) {
                statuses.add(post(gateway, GatewayTestBase.TINY_KEY).statusCode());
            }
        }
        assertThat(statuses).as("tiny, limited to 2 at once, is not limited while Redis is down")
                .containsOnly(202).hasSize(8);
    }

    private static void startGateways(String... names) throws Exception {
        ExecutorService starter = Executors.newFixedThreadPool(names.length);
        try {
            List<Future<GatewayProcess>> starting = new ArrayList<>();
            for (String name : names) {
                Path dir = Files.createDirectories(workDir.resolve(name));
                starting.add(starter.submit(() -> GatewayProcess.start(dir, List.of(
                        "--spring.profiles.active=redis",
                        "--spring.data.redis.url=" + redis.url(),
                        "--eureka.client.service-url.defaultZone=" + RegistryProcess.shared().eurekaUrl(),
                        "--eureka.client.register-with-eureka=false",
                        "--ottpulse.gateway.ingest-token=" + GatewayTestBase.INGEST_TOKEN,
                        "--ottpulse.gateway.api-keys=player:" + GatewayTestBase.PLAYER_KEY + ":1000,tiny:"
                                + GatewayTestBase.TINY_KEY + ":1:2"))));
            }
            // Every started gateway is kept for @AfterAll, even when another failed to start.
            Exception failure = null;
            for (Future<GatewayProcess> gateway : starting) {
                try {
                    gateways.add(gateway.get());
                } catch (Exception e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            starter.shutdown();
        }
    }

    /** Until the gateway's registry copy has the ingest instance (the other client's requests pass through it). */
    private static void awaitRoutesToIngest(GatewayProcess gateway) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        int status;
        while ((status = post(gateway, GatewayTestBase.PLAYER_KEY).statusCode()) != 202) {
            assertThat(Instant.now()).as("%s routes to ingest (last answer %d)", gateway.baseUrl(), status)
                    .isBefore(deadline);
            GatewayTestBase.pause(200);
        }
    }

    /**
     * The limiter's script refills buckets by whole seconds of Redis's clock (this machine's): starting early in a
     * second keeps the few requests of a burst from straddling a refill.
     */
    private static void awaitStartOfASecond() {
        long intoSecond = System.currentTimeMillis() % 1000;
        if (intoSecond > 50) {
            GatewayTestBase.pause(1000 - intoSecond);
        }
    }

    private static HttpResponse<String> post(GatewayProcess gateway, String apiKey) throws Exception {
        return GatewayTestBase.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/events"))
                .header("X-Api-Key", apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(GatewayTestBase.EVENTS_JSON)));
    }
}
