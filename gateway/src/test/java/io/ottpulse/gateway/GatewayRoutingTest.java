package io.ottpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.gateway.support.Upstream;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing by Eureka service id, balanced over two instances of each service; nothing else is exposed. */
class GatewayRoutingTest extends GatewayTestBase {

    private static Upstream ingestA;
    private static Upstream ingestB;
    private static Upstream statsA;
    private static Upstream statsB;

    @BeforeAll
    static void upstreams() throws Exception {
        ingestA = Upstream.start("activity-ingest", "routing-ingest-a", eurekaUrl());
        ingestB = Upstream.start("activity-ingest", "routing-ingest-b", eurekaUrl());
        statsA = Upstream.start("stats-service", "routing-stats-a", eurekaUrl());
        statsB = Upstream.start("stats-service", "routing-stats-b", eurekaUrl());
    }

    @AfterAll
    static void stopUpstreams() {
        Stream.of(ingestA, ingestB, statsA, statsB).forEach(Upstream::close);
    }

    @BeforeEach
    void gatewaySeesThem() {
        awaitInstances("activity-ingest", List.of("routing-ingest-a", "routing-ingest-b"));
        awaitInstances("stats-service", List.of("routing-stats-a", "routing-stats-b"));
    }

    @Test
    void balancesEventsOverBothIngestInstances() throws Exception {
        Map<String, Long> answeredBy = answeredBy(20, () -> postEvents(PLAYER_KEY), 202);

        assertThat(answeredBy).containsOnlyKeys("routing-ingest-a", "routing-ingest-b");
        assertThat(answeredBy.values()).allMatch(count -> count >= 5);
        assertThat(ingestA.received()).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.uri()).isEqualTo("/v1/events");
            assertThat(new String(request.body(), StandardCharsets.UTF_8)).isEqualTo(EVENTS_JSON);
        });
    }

    @Test
    void balancesStatsQueriesAndTheDashboardOverBothStatsInstances() throws Exception {
        Map<String, Long> answeredBy = answeredBy(20,
                () -> HttpRequest.newBuilder(gateway("/v1/stats/channels?limit=5")).header("X-Api-Key", PLAYER_KEY),
                200);
        assertThat(answeredBy).containsOnlyKeys("routing-stats-a", "routing-stats-b");
        assertThat(answeredBy.values()).allMatch(count -> count >= 5);

        assertThat(send(HttpRequest.newBuilder(gateway("/"))).body()).endsWith(" GET /");
        assertThat(send(HttpRequest.newBuilder(gateway("/dashboard/app.js"))).body()).endsWith(" GET /dashboard/app.js");
        assertThat(send(HttpRequest.newBuilder(gateway("/v1/stats/channels?limit=5"))).body())
                .as("stats are readable without a key").endsWith(" GET /v1/stats/channels?limit=5");
    }

    @Test
    void streamsServerSentEventsAsTheyComeWithoutBuffering() throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(gateway(Upstream.STREAM_PATH))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            // The upstream holds the stream open after its first event: reading it proves nothing waits for the end.
            assertThat(events.readLine()).isEqualTo("data: first");
            statsA.finishStreams();
            statsB.finishStreams();
            assertThat(events.readLine()).isEmpty();
            assertThat(events.readLine()).isEqualTo("data: last");
        }
    }

    @Test
    void exposesNothingElse() throws Exception {
        for (String path : List.of("/eureka/apps", "/connectors", "/actuator/env", "/actuator/gateway/routes",
                "/v1/other")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(gateway(path)).header("X-Api-Key", PLAYER_KEY));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).startsWith("{\"error\":\"not_found\",\"message\":");
        }
        HttpResponse<String> wrongMethod = send(HttpRequest.newBuilder(gateway("/v1/events")).header("X-Api-Key",
                PLAYER_KEY));
        assertThat(wrongMethod.statusCode()).isEqualTo(404);
        HttpResponse<String> postToStats = send(HttpRequest.newBuilder(gateway("/v1/stats/channels"))
                .header("X-Api-Key", PLAYER_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(postToStats.statusCode()).isEqualTo(404);
    }

    private Map<String, Long> answeredBy(int requests, Supplier<HttpRequest.Builder> request,
            int expectedStatus) throws Exception {
        List<String> instances = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> response = send(request.get());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
            instances.add(response.body().split(" ")[0]);
        }
        return instances.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
