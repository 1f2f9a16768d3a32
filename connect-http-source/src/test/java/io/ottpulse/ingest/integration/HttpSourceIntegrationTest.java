package io.ottpulse.ingest.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.testkit.ConnectCluster;
import io.ottpulse.testkit.ConnectorJson;
import io.ottpulse.testkit.EurekaServer;
import io.ottpulse.testkit.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped connector config on a real Connect cluster, Kafka broker and Eureka server. */
class HttpSourceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path tmp;

    private static ConnectCluster connect;
    private static EurekaServer eureka;
    private static int port;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        eureka = EurekaServer.start(tmp.resolve("eureka"));
        connect = ConnectCluster.start(1);
        connect.connect().kafka().createTopic("ott.activity", 3);
        connect.connect().kafka().createTopic("ott.activity.rejected", 1);
        port = FreePorts.pick();
        ConnectorJson source = ConnectorJson.load("http-source.json").with(Map.of(
                "listener.port", Integer.toString(port),
                "eureka.service.urls", eureka.serviceUrl()));
        connect.connect().configureConnector(source.name(), source.config());
        connect.connect().assertions().assertConnectorAndAtLeastNumTasksAreRunning(source.name(), 1, "task not running");
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> get("/health").statusCode() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        connect.close();
        eureka.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events"))
                        .header("Content-Type", "application/json")
                        .header("X-Client-Id", "it-client")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String event(String eventId, String userId, String channel) {
        return "{\"eventId\":\"" + eventId + "\",\"userId\":\"" + userId + "\",\"type\":\"channel_switch\","
                + "\"channelId\":\"" + channel + "\",\"timestamp\":\"2026-11-26T09:00:00.123Z\","
                + "\"attributes\":{\"app\":\"tv\"}}";
    }

    @Test
    void answersOnlyOnceKafkaHasTheEvents() throws Exception {
        HttpResponse<String> response = post("[" + event("a-1", "u-1", "ch-1") + "," + event("a-2", "u-2", "ch-2") + "]");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(response.body()).path("accepted").asInt()).isEqualTo(2);
        // No waiting: the answer came after Kafka acknowledged, so the records are readable now.
        List<ConsumerRecord<String, String>> records = connect.reader().readAll("ott.activity", TIMEOUT).stream()
                .filter(r -> r.value().contains("\"a-"))
                .toList();
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("u-1", "u-2");
        ConsumerRecord<String, String> first = records.stream().filter(r -> r.key().equals("u-1")).findFirst().get();
        JsonNode value = JSON.readTree(first.value());
        assertThat(value.path("eventId").asText()).isEqualTo("a-1");
        assertThat(value.path("channelId").asText()).isEqualTo("ch-1");
        assertThat(value.path("timestamp").asLong()).isEqualTo(1_795_683_600_123L);
        assertThat(value.path("attributes").path("app").asText()).isEqualTo("tv");
        assertThat(first.timestamp()).isEqualTo(1_795_683_600_123L);
        assertThat(new String(first.headers().lastHeader("eventId").value(), StandardCharsets.UTF_8)).isEqualTo("a-1");
    }

    @Test
    void rejectsBadEventsWithReasonsWhileTheirNeighboursGoThrough() throws Exception {
        String bad = "{\"eventId\":\"b-2\",\"userId\":\"u-9\",\"type\":\"play\",\"timestamp\":\"soon\"}";
        HttpResponse<String> response = post("{\"events\":[" + event("b-1", "u-8", "ch-8") + "," + bad + "]}");

        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("accepted").asInt()).isEqualTo(1);
        assertThat(body.path("rejected").asInt()).isEqualTo(1);
        JsonNode result = body.path("results").get(0);
        assertThat(result.path("index").asInt()).isEqualTo(1);
        assertThat(result.path("status").asText()).isEqualTo("rejected");
        assertThat(result.path("errors")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "events[1].channelId: required for type play", "events[1].timestamp: not ISO-8601 or epoch millis");

        assertThat(connect.reader().readAll("ott.activity", TIMEOUT)).extracting(ConsumerRecord::value)
                .anyMatch(v -> v.contains("\"b-1\""))
                .noneMatch(v -> v.contains("\"b-2\""));
        JsonNode rejected = JSON.readTree(connect.reader().readAll("ott.activity.rejected", TIMEOUT).stream()
                .filter(r -> r.value().contains("b-2")).findFirst().orElseThrow().value());
        assertThat(rejected.path("rawEvent").asText()).isEqualTo(bad);
        assertThat(rejected.path("clientId").asText()).isEqualTo("it-client");
        assertThat(rejected.path("errors")).hasSize(2);
    }

    @Test
    void refusesMalformedJsonNamingThePosition() throws Exception {
        HttpResponse<String> response = post("[{\"eventId\":]");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo("malformed_json");
        assertThat(body.path("field").asText()).isEqualTo("body (line 1, column 13, byte 12)");
    }

    @Test
    void registersTheTaskInEureka() {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eureka.instances("activity-ingest"))
                .singleElement()
                .satisfies(instance -> {
                    assertThat(instance.path("status").asText()).isEqualTo("UP");
                    assertThat(instance.path("port").path("$").asInt()).isEqualTo(port);
                    assertThat(instance.path("hostName").asText()).isEqualTo("localhost");
                }));
    }
}
