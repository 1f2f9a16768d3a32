package io.ottpulse.loadgen.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.loadgen.LoadGen;
import io.ottpulse.testkit.ConnectCluster;
import io.ottpulse.testkit.ConnectorJson;
import io.ottpulse.testkit.FreePorts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The load generator against the real ingest connector on a real Connect cluster and KRaft broker: it sends at a
 * fixed rate straight to the task's listener (with the gateway's secret), and its loss check reads the topic back.
 */
class SimulateAgainstIngestTest {

    private static final String TOKEN = "loadgen-test-token";
    private static final String TOPIC = "ott.activity";
    private static final String BASELINE_TOPIC = "ott.baseline";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static ConnectCluster connect;
    private static int port;

    @BeforeAll
    static void start() throws InterruptedException {
        connect = ConnectCluster.start(1);
        connect.connect().kafka().createTopic(TOPIC, 3);
        connect.connect().kafka().createTopic("ott.activity.rejected", 1);
        connect.connect().kafka().createTopic(BASELINE_TOPIC, 3);
        port = FreePorts.pick();
        ConnectorJson source = ConnectorJson.load("http-source.json").with(Map.of(
                "listener.port", Integer.toString(port), "eureka.service.urls", "", "gateway.token", TOKEN));
        connect.connect().configureConnector(source.name(), source.config());
        connect.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(source.name(), 1, "not running");
    }

    @AfterAll
    static void stop() {
        connect.close();
    }

    private static int simulate(Path report, String... extra) {
        String[] common = {"simulate", "--gateway", "http://localhost:" + port, "--api-key", "",
            "--header", "X-Gateway-Token=" + TOKEN, "--bootstrap-servers", connect.bootstrapServers(),
            "--viewers", "2000", "--channels", "50", "--progress", "1",
            "--report", report.toString()};
        String[] args = new String[common.length + extra.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(extra, 0, args, common.length, extra.length);
        return new CommandLine(new LoadGen()).execute(args);
    }

    @Test
    void everyAcknowledgedEventIsInTheTopic() throws IOException {
        Path file = tmp.resolve("single.json");

        int exit = simulate(file, "--rate", "500", "--batch", "1", "--duration", "4", "--verify=loss",
                "--verify-timeout", "10");

        JsonNode report = JSON.readTree(file.toFile());
        assertThat(exit).as(report.toPrettyString()).isZero();
        assertThat(report.path("requestsSent").asLong()).isEqualTo(2_000);
        assertThat(report.path("eventsAcknowledged").asLong()).isEqualTo(2_000);
        assertThat(report.path("requestsByStatus").path("202").asLong()).isEqualTo(2_000);
        assertThat(report.path("latencyMillis").path("count").asLong()).isEqualTo(2_000);
        assertThat(report.path("loss").path("acknowledged").asLong()).isEqualTo(2_000);
        assertThat(report.path("loss").path("found").asLong()).isEqualTo(2_000);
        assertThat(report.path("loss").path("missing").asLong()).isZero();
        assertThat(report.path("process").path("cpuSeconds").asDouble()).isPositive();
        assertThat(report.path("process").path("peakRssMib").asLong()).isPositive();
        // Independently of the check: the topic holds exactly this run's 2,000 event ids.
        String runId = report.path("runId").asText();
        assertThat(connect.reader().readAll(TOPIC, Duration.ofSeconds(30)).stream()
                .filter(record -> record.value().contains("\"eventId\":\"" + runId + "-"))).hasSize(2_000);
    }

    @Test
    void batchesAreAcknowledgedEventByEvent() throws IOException {
        Path file = tmp.resolve("batches.json");

        int exit = simulate(file, "--rate", "5000", "--batch", "50", "--duration", "3", "--verify=loss",
                "--verify-timeout", "10");

        JsonNode report = JSON.readTree(file.toFile());
        assertThat(exit).as(report.toPrettyString()).isZero();
        assertThat(report.path("requestsSent").asLong()).isEqualTo(300);
        assertThat(report.path("eventsSent").asLong()).isEqualTo(15_000);
        assertThat(report.path("loss").path("found").asLong()).isEqualTo(15_000);
    }

    @Test
    void theLossCheckFailsTheRunWhenAcknowledgedEventsAreNotInTheTopic() throws IOException {
        Path file = tmp.resolve("elsewhere.json");

        // Checked against the rejected topic, where none of these valid events went: every one is missing.
        int exit = simulate(file, "--rate", "200", "--batch", "10", "--duration", "1", "--verify=loss",
                "--topic", "ott.activity.rejected", "--verify-timeout", "2");

        JsonNode report = JSON.readTree(file.toFile());
        assertThat(exit).isEqualTo(1);
        assertThat(report.path("eventsAcknowledged").asLong()).isEqualTo(200);
        assertThat(report.path("loss").path("missing").asLong()).isEqualTo(200);
        assertThat(report.path("loss").path("missingSample")).hasSize(10);
    }

    @Test
    void findMaxRampsTheRateStepByStepAndReportsTheHighestThatHeld() throws IOException {
        Path file = tmp.resolve("ramp.json");

        // 1 s of warm-up, then steps of 1 s from 200 events/s, doubling; 6 s cap: a loaded machine decides how far it
        // gets, not the test.
        int exit = simulate(file, "--find-max", "--warm-up", "1", "--find-max-start", "200", "--find-max-factor", "2",
                "--find-max-step", "1", "--duration", "6", "--batch", "1", "--verify=loss", "--verify-timeout", "10");

        JsonNode report = JSON.readTree(file.toFile());
        assertThat(exit).as(report.toPrettyString()).isZero();
        JsonNode ramp = report.path("findMax");
        assertThat(ramp.path("steps").size()).isBetween(1, 5);
        long requests = 0;
        double rate = 200;
        double lastHeld = 0;
        for (JsonNode step : ramp.path("steps")) {
            assertThat(step.path("eventsPerSecond").asDouble()).isEqualTo(rate);
            requests += step.path("requests").asLong();
            if (step.path("held").asBoolean()) {
                lastHeld = rate;
            }
            rate *= 2;
        }
        // The warm-up's 200 requests are sent, not judged.
        assertThat(requests).isEqualTo(report.path("requestsSent").asLong() - 200);
        assertThat(ramp.path("stoppedBy").asText()).isIn("duration", "p99", "errors");
        if (lastHeld > 0) {
            assertThat(ramp.path("maxSustainedEventsPerSecond").asDouble()).isEqualTo(lastHeld);
        }
        assertThat(report.path("loss").path("missing").asLong()).isZero();
    }

    private static int produce(Path report, String... extra) {
        String[] common = {"produce", "--bootstrap-servers", connect.bootstrapServers(), "--topic", BASELINE_TOPIC,
            "--viewers", "2000", "--channels", "50", "--progress", "1", "--report", report.toString()};
        String[] args = new String[common.length + extra.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(extra, 0, args, common.length, extra.length);
        return new CommandLine(new LoadGen()).execute(args);
    }

    @Test
    void theProducerBaselineWritesTheSameEventsStraightToTheTopic() throws IOException {
        Path paced = tmp.resolve("produce-paced.json");
        Path flatOut = tmp.resolve("produce-flat-out.json");

        int pacedExit = produce(paced, "--rate", "1000", "--batch", "10", "--duration", "2");

        JsonNode report = JSON.readTree(paced.toFile());
        assertThat(pacedExit).as(report.toPrettyString()).isZero();
        assertThat(report.path("target").asText()).isEqualTo("kafka:" + BASELINE_TOPIC);
        assertThat(report.path("requestsSent").asLong()).isEqualTo(200);
        assertThat(report.path("eventsAcknowledged").asLong()).isEqualTo(2_000);
        assertThat(report.path("requestsByStatus").path("ack").asLong()).isEqualTo(200);
        assertThat(report.path("latencyMillis").path("count").asLong()).isEqualTo(200);
        String runId = report.path("runId").asText();
        assertThat(connect.reader().readAll(BASELINE_TOPIC, Duration.ofSeconds(30)).stream()
                .filter(record -> record.value().contains("\"eventId\":\"" + runId + "-"))).hasSize(2_000);

        int flatOutExit = produce(flatOut, "--duration", "2");

        JsonNode full = JSON.readTree(flatOut.toFile());
        assertThat(flatOutExit).as(full.toPrettyString()).isZero();
        assertThat(full.path("targetEventsPerSecond").asDouble()).isZero();
        assertThat(full.path("eventsSent").asLong()).isPositive();
        assertThat(full.path("eventsAcknowledged").asLong()).isEqualTo(full.path("eventsSent").asLong());
        assertThat(full.path("requestsUnanswered").asLong()).isZero();
    }
}
