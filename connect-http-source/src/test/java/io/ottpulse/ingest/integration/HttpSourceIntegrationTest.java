package io.ottpulse.ingest.integration;

import static io.ottpulse.ingest.integration.IngestClient.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.testkit.ConnectCluster;
import io.ottpulse.testkit.ConnectorJson;
import io.ottpulse.testkit.EurekaServer;
import io.ottpulse.testkit.FreePorts;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped connector config, and variations of it, on a real Connect cluster, Kafka broker and Eureka server. */
class HttpSourceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TOPIC = "ott.activity";

    @TempDir
    static Path tmp;

    private static ConnectCluster connect;
    private static EurekaServer eureka;
    private static IngestClient client;
    private static int port;

    @BeforeAll
    static void start() throws InterruptedException {
        eureka = EurekaServer.start(tmp.resolve("eureka"));
        connect = ConnectCluster.start(1);
        connect.connect().kafka().createTopic(TOPIC, 3);
        connect.connect().kafka().createTopic("ott.activity.rejected", 1);
        port = FreePorts.pick();
        client = new IngestClient(port);
        deploy("http-source", Map.of("listener.port", Integer.toString(port)), 1);
    }

    @AfterAll
    static void stop() throws Exception {
        connect.close();
        eureka.close();
    }

    /** Deploys the shipped config under another name with some settings changed, and waits for its listeners. */
    private static ConnectorJson deploy(String name, Map<String, String> overrides, int tasks)
            throws InterruptedException {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "eureka.service.urls", eureka.serviceUrl(),
                "gateway.token", IngestClient.TOKEN,
                "tasks.max", Integer.toString(tasks)));
        settings.putAll(overrides);
        ConnectorJson source = ConnectorJson.load("http-source.json").with(settings);
        connect.connect().configureConnector(name, source.config());
        connect.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(name, tasks, "tasks not running");
        return source;
    }

    private static List<ConsumerRecord<String, String>> recordsContaining(String topic, String marker) {
        return connect.reader().readAll(topic, TIMEOUT).stream().filter(r -> r.value().contains(marker)).toList();
    }

    @Test
    void answersOnlyOnceKafkaHasTheEvents() throws Exception {
        HttpResponse<String> response = client.post("[" + event("a-1", "u-1", "ch-1") + "," + event("a-2", "u-2", "ch-2") + "]");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(response.body()).path("accepted").asInt()).isEqualTo(2);
        // No waiting: the answer came after Kafka acknowledged, so the records are readable now.
        List<ConsumerRecord<String, String>> records = recordsContaining(TOPIC, "\"a-");
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("u-1", "u-2");
        ConsumerRecord<String, String> first = records.stream().filter(r -> r.key().equals("u-1")).findFirst().get();
        JsonNode value = JSON.readTree(first.value());
        assertThat(value.path("eventId").asText()).isEqualTo("a-1");
        assertThat(value.path("channelId").asText()).isEqualTo("ch-1");
        assertThat(value.path("timestamp").asLong()).isEqualTo(1_795_683_600_123L);
        assertThat(value.path("attributes").path("app").asText()).isEqualTo("tv");
        assertThat(first.timestamp()).isEqualTo(1_795_683_600_123L);
        assertThat(new String(first.headers().lastHeader("eventId").value(), StandardCharsets.UTF_8)).isEqualTo("a-1");
        assertThat(first.headers().lastHeader("ingestTime")).isNotNull();
    }

    @Test
    void rejectsBadEventsWithReasonsWhileTheirNeighboursGoThrough() throws Exception {
        String bad = "{\"eventId\":\"b-2\",\"userId\":\"u-9\",\"type\":\"play\",\"timestamp\":\"soon\"}";
        HttpResponse<String> response = client.post("{\"events\":[" + event("b-1", "u-8", "ch-8") + "," + bad + "]}");

        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("accepted").asInt()).isEqualTo(1);
        assertThat(body.path("rejected").asInt()).isEqualTo(1);
        JsonNode result = body.path("results").get(0);
        assertThat(result.path("index").asInt()).isEqualTo(1);
        assertThat(result.path("status").asText()).isEqualTo("rejected");
        assertThat(result.path("errors")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "events[1].channelId: required for type play", "events[1].timestamp: not ISO-8601 or epoch millis");

        assertThat(recordsContaining(TOPIC, "\"b-1\"")).hasSize(1);
        assertThat(recordsContaining(TOPIC, "\"b-2\"")).isEmpty();
        JsonNode rejected = JSON.readTree(recordsContaining("ott.activity.rejected", "b-2").get(0).value());
        assertThat(rejected.path("rawEvent").asText()).isEqualTo(bad);
        assertThat(rejected.path("clientId").asText()).isEqualTo("it-client");
        assertThat(rejected.path("index").asInt()).isEqualTo(1);
        assertThat(rejected.path("errors")).hasSize(2);
    }

    @Test
    void answers422WhenNoEventIsValid() throws Exception {
        HttpResponse<String> response = client.post("[{\"eventId\":\"c-1\"}]");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).path("results").get(0).path("errors").get(0).asText())
                .isEqualTo("events[0].userId: required");
    }

    @Test
    void refusesEachBadRequestWithItsStatusAndTheField() throws Exception {
        String big = "[" + event("d-1", "u", "ch").replace("\"tv\"", "\"" + "x".repeat(900) + "\"") + "]";
        String manyEvents = IntStream.range(0, 501).mapToObj(i -> event("d-" + i, "u", "ch"))
                .collect(Collectors.joining(",", "[", "]"));
        String hugeEvent = "[" + event("d-2", "u", "ch").replace("\"app\":\"tv\"",
                IntStream.range(0, 20).mapToObj(i -> "\"a" + i + "\":\"" + "y".repeat(1000) + "\"")
                        .collect(Collectors.joining(","))) + "]";
        String hugeBody = "[" + (event("d-3", "u", "ch") + ",").repeat(10000) + event("d-4", "u", "ch") + "]";

        expect(client.send(client.events("[{\"eventId\":]")), 400, "malformed_json", "body (line 1, column 13, byte 12)");
        expect(client.send(client.events("42")), 400, "not_a_batch", "body");
        expect(client.send(client.events(big).setHeader("Content-Type", "text/plain")), 415, "unsupported_media_type",
                "Content-Type");
        expect(client.send(client.events(manyEvents)), 413, "too_many_events", "events");
        expect(client.send(client.events(hugeEvent)), 413, "event_too_large", "events[0]");
        expect(client.send(client.events(hugeBody)), 413, "request_too_large", "body");
        expect(client.send(client.request("/v1/events").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(big))), 401, "unauthorized", "X-Gateway-Token");
        expect(client.send(client.events(big).setHeader("X-Gateway-Token", "wrong")), 401, "unauthorized",
                "X-Gateway-Token");
        expect(client.send(client.request("/v1/events").GET()), 405, "method_not_allowed", "method");
        expect(client.send(client.request("/v2/other").GET()), 404, "not_found", "path");
        assertThat(recordsContaining(TOPIC, "\"d-")).isEmpty();
    }

    private static void expect(HttpResponse<String> response, int status, String error, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("field").asText()).isEqualTo(field);
        assertThat(body.path("message").asText()).startsWith(field + ": ");
    }

    @Test
    void acceptsGzipEncodedBodies() {
        HttpResponse<String> response = client.send(client.gzippedEvents("[" + event("g-1", "u-g", "ch-g") + "]"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(recordsContaining(TOPIC, "\"g-1\"")).hasSize(1);
    }

    @Test
    void registersTheTaskInEurekaAndReportsHealthAndMetrics() throws Exception {
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eureka.instances("activity-ingest"))
                .anySatisfy(instance -> {
                    assertThat(instance.path("status").asText()).isEqualTo("UP");
                    assertThat(instance.path("port").path("$").asInt()).isEqualTo(port);
                    assertThat(instance.path("hostName").asText()).isEqualTo("localhost");
                }));
        HttpResponse<String> health = client.send(client.request("/health").GET());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("ready");

        client.post("[" + event("m-1", "u-m", "ch-m") + "]");
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName plugin = new ObjectName("kafka.connect:type=plugins,connector=http-source,task=0");
        List<String> attributes = java.util.Arrays.stream(jmx.getMBeanInfo(plugin).getAttributes())
                .map(javax.management.MBeanAttributeInfo::getName).toList();
        assertThat(attributes).contains("request-total", "request-latency-avg", "events-accepted-total",
                "events-rejected-total", "request-overloaded-total", "in-flight-events", "queued-records");
        assertThat((Double) jmx.getAttribute(plugin, "request-total")).isPositive();
        assertThat((Double) jmx.getAttribute(plugin, "events-accepted-total")).isPositive();
    }

    @Test
    void twoTasksListenOnTwoPortsAndLeaveNothingWhenDeleted() throws InterruptedException {
        int first = FreePorts.pick();
        int second = FreePorts.pick();
        deploy("two-tasks", Map.of("listener.ports", first + "," + second, "eureka.service.id", "ingest-two"), 2);

        for (int taskPort : List.of(first, second)) {
            assertThat(new IngestClient(taskPort).post("[" + event("t-" + taskPort, "u-" + taskPort, "ch") + "]")
                    .statusCode()).isEqualTo(202);
            assertThat(recordsContaining(TOPIC, "\"t-" + taskPort + "\"")).hasSize(1);
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(eureka.instances("ingest-two"))
                .extracting(i -> i.path("port").path("$").asInt()).containsExactlyInAnyOrder(first, second));

        connect.connect().deleteConnector("two-tasks");

        await().atMost(TIMEOUT).untilAsserted(() -> {
            for (int taskPort : List.of(first, second)) {
                assertThat(refused(taskPort)).as("port %d closed", taskPort).isTrue();
            }
            assertThat(eureka.instances("ingest-two")).isEmpty();
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .noneMatch(name -> name.startsWith("ingest-" + first) || name.startsWith("ingest-" + second)
                            || name.startsWith("eureka-ingest-two"));
        });
    }

    private static boolean refused(int taskPort) {
        try {
            new IngestClient(taskPort).send(new IngestClient(taskPort).request("/health").GET());
            return false;
        } catch (java.io.UncheckedIOException e) {
            return e.getCause() instanceof ConnectException;
        }
    }

    @Test
    void aTaskWhosePortIsTakenFailsNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> settings = new java.util.HashMap<>(ConnectorJson.load("http-source.json").config());
            settings.put("listener.port", Integer.toString(taken.getLocalPort()));
            settings.put("listener.bind.timeout.ms", "1000");
            settings.put("eureka.service.urls", "");
            connect.connect().configureConnector("taken-port", settings);

            await().atMost(TIMEOUT).untilAsserted(() -> {
                var status = connect.connect().connectorStatus("taken-port");
                assertThat(status.tasks()).singleElement().satisfies(task -> {
                    assertThat(task.state()).isEqualTo("FAILED");
                    assertThat(task.trace()).contains("port " + taken.getLocalPort() + " is already in use");
                });
            });
            connect.connect().deleteConnector("taken-port");
        }
    }

    @Test
    void backpressureRefusesWhatDoesNotFitAndLosesNothingAccepted() throws Exception {
        int bounded = FreePorts.pick();
        IngestClient boundedClient = new IngestClient(bounded);
        deploy("bounded", Map.of("listener.port", Integer.toString(bounded), "max.in.flight.events", "50",
                "eureka.service.id", "ingest-bounded"), 1);

        // Paused, the task is not polled: a first request holds 40 events in flight, a second one does not fit.
        connect.connect().pauseConnector("bounded");
        connect.connect().assertions().assertConnectorAndExactlyNumTasksArePaused("bounded", 1, "not paused");
        String forty = IntStream.range(0, 40).mapToObj(i -> event("p-a" + i, "u-p" + i, "ch"))
                .collect(Collectors.joining(",", "[", "]"));
        CompletableFuture<HttpResponse<String>> held = boundedClient.sendAsync(boundedClient.events(forty));
        await().atMost(TIMEOUT).until(() -> JSON.readTree(boundedClient.send(boundedClient.request("/health").GET())
                .body()).path("inFlightEvents").asInt() == 40);
        HttpResponse<String> refused = boundedClient.post(IntStream.range(0, 20)
                .mapToObj(i -> event("p-b" + i, "u", "ch")).collect(Collectors.joining(",", "[", "]")));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        connect.connect().resumeConnector("bounded");
        assertThat(held.get().statusCode()).isEqualTo(202);

        // A flood from many concurrent clients: each request is answered 202 or 429, every 202 event is in Kafka.
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        for (int r = 0; r < 200; r++) {
            String batch = IntStream.range(0, 20).mapToObj(i -> event("f-" + flood.size() + "-" + i, "u-f", "ch"))
                    .collect(Collectors.joining(",", "[", "]"));
            flood.add(boundedClient.sendAsync(boundedClient.events(batch)));
        }
        List<Integer> statuses = flood.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        assertThat(statuses).containsOnly(202, 429).contains(202);
        long acceptedEvents = statuses.stream().filter(s -> s == 202).count() * 20;
        assertThat(recordsContaining(TOPIC, "\"f-")).hasSize((int) acceptedEvents);
        assertThat(JSON.readTree(boundedClient.send(boundedClient.request("/health").GET()).body())
                .path("inFlightEvents").asInt()).isZero();
        connect.connect().deleteConnector("bounded");
    }
}
