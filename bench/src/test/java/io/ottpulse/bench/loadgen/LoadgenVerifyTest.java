package io.ottpulse.bench.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.loadgen.LoadGen;
import io.ottpulse.stats.StatsConfig;
import io.ottpulse.stats.StatsService;
import io.ottpulse.testkit.ConnectCluster;
import io.ottpulse.testkit.ConnectorJson;
import io.ottpulse.testkit.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * loadgen's checks against the real pipeline: the ingest connector on a real Connect cluster and KRaft broker, and
 * the stats application on the same broker. An audience with realistic habits (zaps, watches, pauses, stops) sends
 * straight to the ingest task; afterwards the stats must show exactly the simulator's ground truth, every
 * acknowledged event must be in the topic, and the freshness probe must have seen the effect of each of its events.
 * Here rather than in loadgen, whose tests cannot use the stats module (the stats tests use loadgen's audience).
 */
class LoadgenVerifyTest {

    private static final String TOKEN = "loadgen-verify-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void statsMatchTheGroundTruthWithPausesAndStopsAndEveryProbeEffectIsSeen() throws Exception {
        try (ConnectCluster connect = ConnectCluster.start(1)) {
            connect.connect().kafka().createTopic("ott.activity", 3);
            connect.connect().kafka().createTopic("ott.activity.rejected", 1);
            int ingestPort = FreePorts.pick();
            ConnectorJson source = ConnectorJson.load("http-source.json").with(Map.of(
                    "listener.port", Integer.toString(ingestPort), "eureka.service.urls", "", "gateway.token", TOKEN));
            connect.connect().configureConnector(source.name(), source.config());
            connect.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(source.name(), 1,
                    "not running");
            int statsPort = FreePorts.pick();
            StatsConfig config = StatsConfig.parse("""
                    {"bootstrapServers":"%s","stateDir":"%s","gracePeriodSeconds":2,"server":{"port":%d},
                     "streams":{"commit.interval.ms":"100"}}
                    """.formatted(connect.bootstrapServers(), tmp.resolve("state"), statsPort));
            try (StatsService stats = StatsService.start(config)) {
                awaitHealthy(URI.create("http://localhost:" + statsPort + "/health"));
                Path file = tmp.resolve("report.json");

                // Short stays, pauses and absences so that a 10 s run has plenty of each.
                int exit = new CommandLine(new LoadGen()).execute("simulate",
                        "--gateway", "http://localhost:" + ingestPort, "--api-key", "",
                        "--header", "X-Gateway-Token=" + TOKEN, "--stats-url", "http://localhost:" + statsPort,
                        "--bootstrap-servers", connect.bootstrapServers(),
                        "--viewers", "500", "--channels", "20", "--switch-interval", "4", "--zap-dwell", "1",
                        "--pause-duration", "2", "--away-duration", "5", "--pause-share", "0.1", "--stop-share",
                        "0.1", "--heartbeat", "0", "--ramp-up", "2", "--rate", "200", "--batch", "5",
                        "--duration", "10", "--verify=loss,accuracy,freshness", "--verify-timeout", "120",
                        "--freshness-interval", "0.5", "--progress", "2", "--report", file.toString());

                JsonNode report = JSON.readTree(file.toFile());
                assertThat(exit).as(report.toPrettyString()).isZero();
                assertThat(report.path("eventsAcknowledged").asLong()).isEqualTo(2_000);
                assertThat(report.path("loss").path("missing").asLong()).isZero();
                assertThat(report.path("accuracy").path("exact").asBoolean()).isTrue();
                assertThat(report.path("accuracy").path("expectedViewers").asLong()).isBetween(1L, 499L);
                assertThat(report.path("freshness").path("samples").asLong()).isPositive();
                assertThat(report.path("freshness").path("timedOut").asLong()).isZero();
            }
        }
    }

    /** Waits until the stats application serves queries (its tasks are running), up to 2 minutes. */
    private static void awaitHealthy(URI health) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            try {
                if (http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError(health + " not healthy within 2 minutes");
            }
            Thread.sleep(200);
        }
    }
}
