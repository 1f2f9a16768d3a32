package io.ottpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.ottpulse.discovery.EurekaInstance;
import io.ottpulse.discovery.EurekaRegistration;
import io.ottpulse.discovery.EurekaSettings;
import io.ottpulse.testkit.EurekaServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The real gateway routing by service id to upstreams registered in the real registry. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTest {

    private static EurekaServer eureka;
    private static HttpServer upstream;
    private static EurekaRegistration ingest;
    private static EurekaRegistration stats;

    @LocalServerPort
    private int gatewayPort;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry registry) throws IOException {
        eureka = EurekaServer.start(Files.createTempDirectory("gateway-test"));
        upstream = HttpServer.create(new InetSocketAddress("localhost", 0), 16);
        upstream.createContext("/", exchange -> {
            byte[] body = (exchange.getRequestMethod() + " " + exchange.getRequestURI())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        int port = upstream.getAddress().getPort();
        EurekaSettings settings = EurekaSettings.of(eureka.serviceUrl());
        ingest = EurekaRegistration.start(
                new EurekaInstance("activity-ingest", "ingest-" + port, "localhost", port, "/health", Map.of()), settings);
        stats = EurekaRegistration.start(
                new EurekaInstance("stats-service", "stats-" + port, "localhost", port, "/health", Map.of()), settings);
        registry.add("eureka.client.service-url.defaultZone", eureka::serviceUrl);
    }

    @AfterAll
    static void stop() throws Exception {
        ingest.close();
        stats.close();
        upstream.stop(0);
        eureka.close();
    }

    @Test
    void routesEventsToIngestAndStatsQueriesToStats() throws Exception {
        assertThat(awaitOk(HttpRequest.newBuilder(gateway("/v1/events"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")))
                .isEqualTo("POST /v1/events");
        assertThat(awaitOk(HttpRequest.newBuilder(gateway("/v1/stats/channels?x=1"))))
                .isEqualTo("GET /v1/stats/channels?x=1");
    }

    @Test
    void exposesNothingElse() throws Exception {
        assertThat(send(HttpRequest.newBuilder(gateway("/eureka/apps"))).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(gateway("/v1/events"))).statusCode()).isEqualTo(404);
    }

    private URI gateway(String path) {
        return URI.create("http://localhost:" + gatewayPort + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The gateway learns of instances within a registry fetch; until then it answers 503. */
    private String awaitOk(HttpRequest.Builder request) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        HttpResponse<String> response = send(request);
        while (response.statusCode() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
            response = send(request);
        }
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
