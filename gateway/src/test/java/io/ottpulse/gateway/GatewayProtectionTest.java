package io.ottpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import io.ottpulse.gateway.support.Upstream;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the gateway refuses and how (401, 413, 415, 429, CORS), and what it guarantees upstreams (its own headers
 * only, the ingest secret to ingest only), through the real gateway to real upstreams found in the real registry.
 */
class GatewayProtectionTest extends GatewayTestBase {

    private static final int MIB = 1024 * 1024;

    private static Upstream ingest;
    private static Upstream stats;

    @BeforeAll
    static void upstreams() throws Exception {
        ingest = Upstream.start("activity-ingest", "protection-ingest", eurekaUrl());
        stats = Upstream.start("stats-service", "protection-stats", eurekaUrl());
    }

    @AfterAll
    static void stopUpstreams() {
        ingest.close();
        stats.close();
    }

    @BeforeEach
    void gatewaySeesThem() {
        awaitInstances("activity-ingest", List.of("protection-ingest"));
        awaitInstances("stats-service", List.of("protection-stats"));
    }

    @Test
    void refusesMissingAndUnknownKeysWith401() throws Exception {
        int before = ingest.received().size();

        HttpResponse<String> missing = send(postEvents(null));
        HttpResponse<String> unknown = send(postEvents("not-a-known-key-0123456789"));
        HttpResponse<String> unknownOnStats = send(HttpRequest.newBuilder(gateway("/v1/stats/channels"))
                .header("X-Api-Key", "not-a-known-key-0123456789"));

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).isEqualTo(
                "{\"error\":\"unauthorized\",\"message\":\"an API key is required in the X-Api-Key header\"}");
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo("{\"error\":\"unauthorized\",\"message\":\"the API key is not valid\"}");
        assertThat(unknownOnStats.statusCode()).isEqualTo(401);
        assertThat(ingest.received()).hasSize(before);
    }

    @Test
    void refusesBodiesOverOneMebibyteWith413() throws Exception {
        int before = ingest.received().size();

        HttpResponse<String> declared = send(postEvents(PLAYER_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json(MIB + 1))));
        HttpResponse<String> chunked = send(postEvents(PLAYER_KEY).POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(json(MIB + 1)))));
        HttpResponse<String> atTheLimit = send(postEvents(PLAYER_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json(MIB))));

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).isEqualTo("{\"error\":\"payload_too_large\",\"message\":\"the request body of "
                + (MIB + 1) + " bytes exceeds the limit of " + MIB + " bytes\"}");
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).isEqualTo("{\"error\":\"payload_too_large\",\"message\":\"the request body exceeds"
                + " the limit of " + MIB + " bytes\"}");
        assertThat(atTheLimit.statusCode()).isEqualTo(202);
        assertThat(ingest.received()).hasSize(before + 1);
        assertThat(ingest.received().get(before).body()).hasSize(MIB);
    }

    @Test
    void refusesOtherContentTypesWith415() throws Exception {
        HttpResponse<String> text = send(postEvents(PLAYER_KEY).setHeader("Content-Type", "text/plain"));
        HttpResponse<String> none = send(HttpRequest.newBuilder(gateway("/v1/events")).header("X-Api-Key", PLAYER_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(EVENTS_JSON)));
        HttpResponse<String> withCharset = send(postEvents(PLAYER_KEY)
                .setHeader("Content-Type", "application/json; charset=utf-8"));

        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.body()).isEqualTo("{\"error\":\"unsupported_media_type\","
                + "\"message\":\"Content-Type must be application/json; was text/plain\"}");
        assertThat(none.statusCode()).isEqualTo(415);
        assertThat(withCharset.statusCode()).isEqualTo(202);
    }

    @Test
    void limitsEachClientToItsOwnRateWith429AndRetryAfter() throws Exception {
        pause(2_100);
        HttpResponse<String> first = send(postEvents(TINY_KEY));
        HttpResponse<String> second = send(postEvents(TINY_KEY));
        HttpResponse<String> third = send(postEvents(TINY_KEY));
        HttpResponse<String> otherClient = send(postEvents(PLAYER_KEY));

        assertThat(List.of(first.statusCode(), second.statusCode(), third.statusCode())).containsExactly(202, 202, 429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(third.body()).isEqualTo("{\"error\":\"rate_limited\","
                + "\"message\":\"client tiny is over its limit of 1 requests per second\"}");
        assertThat(otherClient.statusCode()).isEqualTo(202);

        pause(1_100);
        assertThat(send(postEvents(TINY_KEY)).statusCode()).as("a token came back after a second").isEqualTo(202);
    }

    @Test
    void answersCorsPreflightsForConfiguredOriginsOnly() throws Exception {
        int before = ingest.received().size();
        HttpResponse<String> allowed = send(preflight(PLAYER_ORIGIN));
        HttpResponse<String> refused = send(preflight("https://elsewhere.example"));

        assertThat(allowed.statusCode()).isEqualTo(204);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PLAYER_ORIGIN);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("POST"));
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                headers -> assertThat(headers.toLowerCase()).contains("x-api-key").contains("content-type"));
        assertThat(allowed.headers().firstValue("Access-Control-Max-Age")).hasValue("3600");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).isEqualTo("{\"error\":\"cors_rejected\","
                + "\"message\":\"cross-origin request from https://elsewhere.example is not allowed\"}");
        assertThat(ingest.received()).as("preflights stop at the gateway").hasSize(before);

        HttpResponse<String> actual = send(postEvents(PLAYER_KEY).header("Origin", PLAYER_ORIGIN));
        assertThat(actual.statusCode()).isEqualTo(202);
        assertThat(actual.headers().allValues("Access-Control-Allow-Origin"))
                .as("the gateway's answer only, not the upstream's *").containsExactly(PLAYER_ORIGIN);
        assertThat(actual.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                exposed -> assertThat(exposed).contains("X-Request-Id").contains("Retry-After"));
    }

    @Test
    void replacesClientCopiesOfItsHeadersAndSendsTheSecretToIngestOnly() throws Exception {
        int ingestBefore = ingest.received().size();
        int statsBefore = stats.received().size();
        HttpResponse<String> event = send(postEvents(PLAYER_KEY)
                .header("X-Gateway-Token", "forged-token-0123456789")
                .header("X-Client-Id", "forged-client")
                .header("X-Request-Id", "forged-id")
                .header("X-Forwarded-For", "203.0.113.66")
                .header("X-Forwarded-Host", "evil.example")
                .header("Forwarded", "for=203.0.113.66"));
        HttpResponse<String> query = send(HttpRequest.newBuilder(gateway("/v1/stats/channels"))
                .header("X-Gateway-Token", "forged-token-0123456789"));

        assertThat(event.statusCode()).isEqualTo(202);
        Upstream.Received atIngest = ingest.received().get(ingestBefore);
        assertThat(atIngest.headers().get("X-Gateway-Token")).containsExactly(INGEST_TOKEN);
        assertThat(atIngest.headers().get("X-Client-Id")).containsExactly("player");
        assertThat(atIngest.headers().get("X-Request-Id")).containsExactly(
                event.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(atIngest.header("X-Request-Id")).hasSize(32).isNotEqualTo("forged-id");
        assertThat(atIngest.headers().get("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(atIngest.headers()).doesNotContainKeys("X-forwarded-host", "Forwarded", "X-api-key");

        assertThat(query.statusCode()).isEqualTo(200);
        Upstream.Received atStats = stats.received().get(statsBefore);
        assertThat(atStats.headers()).doesNotContainKey("X-gateway-token");
        assertThat(atStats.headers().get("X-Client-Id")).containsExactly("anonymous");
    }

    @Test
    void exportsHealthAndPrometheusMetricsPerRouteAndClientWithRejectionsByReason() throws Exception {
        assertThat(send(postEvents(PLAYER_KEY)).statusCode()).isEqualTo(202);
        assertThat(send(postEvents(null)).statusCode()).isEqualTo(401);

        HttpResponse<String> health = send(HttpRequest.newBuilder(gateway("/actuator/health")));
        String metrics = send(HttpRequest.newBuilder(gateway("/actuator/prometheus"))).body();

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(metrics.lines()).anyMatch(line -> line.startsWith("ottpulse_gateway_requests_seconds_count{")
                && line.contains("client=\"player\"") && line.contains("route=\"ingest\"")
                && line.contains("status=\"202\""));
        assertThat(metrics.lines()).anyMatch(line -> line.startsWith("ottpulse_gateway_requests_seconds_bucket{")
                && line.contains("route=\"ingest\""));
        assertThat(metrics.lines()).anyMatch(line -> line.startsWith("ottpulse_gateway_rejections_total{")
                && line.contains("reason=\"unauthorized\"") && line.contains("route=\"ingest\"")
                && line.contains("client=\"unidentified\""));
        assertThat(metrics).doesNotContain(PLAYER_KEY).doesNotContain(INGEST_TOKEN);
    }

    @Test
    void putsNoTurboFilterInFrontOfEveryLoggingCall() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        String metrics = send(HttpRequest.newBuilder(gateway("/actuator/prometheus"))).body();

        assertThat(logging.getTurboFilterList()).isEmpty();
        assertThat(metrics).doesNotContain("logback_events");
    }

    private HttpRequest.Builder preflight(String origin) {
        return HttpRequest.newBuilder(gateway("/v1/events"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-api-key,content-type");
    }

    /** A JSON array of exactly the given size. */
    private static byte[] json(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        body[0] = '[';
        body[size - 1] = ']';
        return body;
    }
}
