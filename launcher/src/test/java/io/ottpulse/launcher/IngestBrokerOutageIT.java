package io.ottpulse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ottpulse.testkit.FreePorts;
import io.ottpulse.testkit.ProjectPaths;
import io.ottpulse.testkit.TopicReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest connector on a real Connect worker while its only Kafka broker is killed and restarted (each in its own
 * JVM): requests are answered 503 while Kafka is away, and every acknowledged event is in the topic afterwards.
 */
class IngestBrokerOutageIT {

    private static final String TOKEN = "outage-test-token";
    private static final Duration START = Duration.ofMinutes(2);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dataDir;

    @RegisterExtension
    final ChildLogsOnFailure childLogs = new ChildLogsOnFailure(() -> dataDir.resolve("logs"));

    private final List<ChildProcess> children = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private int ingestPort;

    @AfterEach
    void stopAll() {
        children.forEach(ChildProcess::kill);
    }

    @Test
    void answers503WhileTheBrokerIsDownAndLosesNoAcknowledgedEvent() throws Exception {
        StackLayout layout = new StackLayout(ProjectPaths.home(), dataDir);
        Components components = new Components(layout, children::add);
        int kafkaPort = FreePorts.pick();
        int controllerPort = FreePorts.pick();
        int connectPort = FreePorts.pick();
        ingestPort = FreePorts.pick();
        String bootstrap = "localhost:" + kafkaPort;

        ChildProcess broker = components.kafka("kafka", dataDir.resolve("kafka"), kafkaPort, controllerPort);
        Readiness.await(broker, "serving", START, () -> KafkaTopics.answers(bootstrap));
        KafkaTopics.create(bootstrap, List.of(new NewTopic("ott.activity", 1, (short) 1),
                new NewTopic("ott.activity.rejected", 1, (short) 1)));
        // A worker that rejoins after losing its coordinator may find its tasks held for a lost member: give them back
        // after 10 s instead of Connect's 5 minutes.
        ChildProcess connect = components.connect("connect", bootstrap, connectPort,
                Map.of("scheduled.rebalance.max.delay.ms", "10000"));
        Readiness.await(connect, "REST API", START, () -> Readiness.answers("http://localhost:" + connectPort + "/", 200));
        ConnectorDeployer deployer = new ConnectorDeployer("http://localhost:" + connectPort);
        String name = deployer.deploy(layout.connectorsDir().resolve("http-source.json"), Map.of(
                "listener.port", Integer.toString(ingestPort), "eureka.service.urls", "", "gateway.token", TOKEN,
                "ack.timeout.ms", "2000"), START);
        Readiness.await(connect, "connector running", START, () -> deployer.running(name));

        List<String> acknowledged = new ArrayList<>();
        assertThat(send("before", acknowledged)).isEqualTo(202);

        broker.kill();
        HttpResponse<String> during = post("during");
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(during.body()).contains("\"error\":\"not_confirmed\"");

        ChildProcess restarted = components.kafka("kafka", dataDir.resolve("kafka"), kafkaPort, controllerPort);
        Readiness.await(restarted, "serving again", START, () -> KafkaTopics.answers(bootstrap));
        // Meanwhile the worker, which lost its group coordinator with the broker, stopped the task and starts it
        // again once it rejoins: until then connections are refused (behind the gateway: 503 from the gateway).
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> send("after-" + System.nanoTime(), acknowledged) == 202);
        for (int i = 0; i < 20; i++) {
            send("steady-" + i, acknowledged);
        }

        List<String> inKafka = new TopicReader(bootstrap).readAll("ott.activity", Duration.ofSeconds(30)).stream()
                .map(ConsumerRecord::value).toList();
        assertThat(acknowledged).hasSizeGreaterThan(20);
        for (String eventId : acknowledged) {
            assertThat(inKafka).as("acknowledged %s", eventId).anyMatch(value -> value.contains("\"" + eventId + "\""));
        }
    }

    private int send(String eventId, List<String> acknowledged) throws IOException, InterruptedException {
        int status = post(eventId).statusCode();
        if (status == 202) {
            acknowledged.add(eventId);
        }
        return status;
    }

    private HttpResponse<String> post(String eventId) throws IOException, InterruptedException {
        String event = "{\"eventId\":\"" + eventId + "\",\"userId\":\"u-" + eventId + "\",\"type\":\"channel_switch\","
                + "\"channelId\":\"ch\",\"timestamp\":" + System.currentTimeMillis() + "}";
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ingestPort + "/v1/events"))
                .header("Content-Type", "application/json")
                .header("X-Gateway-Token", TOKEN)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("[" + event + "]")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
