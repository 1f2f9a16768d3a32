package io.ottpulse.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationTest {

    @TempDir
    Path tmp;

    @Test
    void accuracyComparesEveryCatalogueChannelCountingAbsentOnesAsZero() {
        AccuracyCheck.Result result = AccuracyCheck.compare(load(Map.of("ch-1", 5L, "ch-2", 3L), Map.of()),
                Map.of("ch-1", 5L, "ch-3", 2L, "other", 9L), List.of("ch-1", "ch-2", "ch-3"), 10);

        assertThat(result.exact()).isFalse();
        assertThat(result.expectedViewers()).isEqualTo(8);
        assertThat(result.reportedViewers()).isEqualTo(7);
        assertThat(result.absoluteError()).isEqualTo(5);
        assertThat(result.maxChannelError()).isEqualTo(3);
        assertThat(result.channelsWrong()).isEqualTo(2);
        assertThat(AccuracyCheck.compare(load(Map.of("ch-1", 5L), Map.of()), Map.of("ch-1", 5L),
                List.of("ch-1", "ch-2"), 0).exact()).isTrue();
    }

    @Test
    void expiringViewersMayCountOrNotButNoMoreThanThem() {
        AckLedger.ExpectedLoad expected = load(Map.of("ch-1", 5L), Map.of("ch-1", 2L, "ch-2", 1L));
        List<String> channels = List.of("ch-1", "ch-2");

        assertThat(AccuracyCheck.compare(expected, Map.of("ch-1", 5L), channels, 0).exact()).isTrue();
        assertThat(AccuracyCheck.compare(expected, Map.of("ch-1", 7L, "ch-2", 1L), channels, 0).exact()).isTrue();
        AccuracyCheck.Result tooMany = AccuracyCheck.compare(expected, Map.of("ch-1", 8L), channels, 0);
        AccuracyCheck.Result tooFew = AccuracyCheck.compare(expected, Map.of("ch-1", 4L), channels, 0);
        assertThat(tooMany.exact()).isFalse();
        assertThat(tooMany.absoluteError()).isEqualTo(1);
        assertThat(tooMany.expiringViewers()).isEqualTo(3);
        assertThat(tooFew.absoluteError()).isEqualTo(1);
    }

    private static AckLedger.ExpectedLoad load(Map<String, Long> viewers, Map<String, Long> expiring) {
        return new AckLedger.ExpectedLoad(viewers, expiring);
    }

    @Test
    void lossCheckMatchesOnlyThisRunsEventIds() {
        LossCheck check = new LossCheck("localhost:1", "ott.activity", "1-abc");

        assertThat(check.sequenceOfEventId("1-abc-42")).isEqualTo(42);
        assertThat(check.sequenceOfEventId("1-abcd-42")).isEqualTo(-1);
        assertThat(check.sequenceOfEventId("2-abc-42")).isEqualTo(-1);
        assertThat(check.sequenceOfEventId("1-abc-x")).isEqualTo(-1);
        assertThat(check.sequenceOfEventId(null)).isEqualTo(-1);
    }

    @Test
    void reportFailsVerificationOnLossOrInexactAccuracyAndWritesJson() throws Exception {
        Histogram micros = new Histogram(3);
        micros.recordValue(1_500);
        micros.recordValue(20_000);
        LossCheck.Result noLoss = new LossCheck.Result(10, 10, 0, 0, List.of(), 12);
        LossCheck.Result lost = new LossCheck.Result(10, 9, 1, 0, List.of("r-3"), 11);
        AccuracyCheck.Result exact = new AccuracyCheck.Result(true, 4, 0, 4, 0, 0, 0, 100);
        AccuracyCheck.Result off = new AccuracyCheck.Result(false, 4, 0, 3, 1, 1, 1, 100);

        assertThat(report(micros, noLoss, exact).verified()).isTrue();
        assertThat(report(micros, null, null).verified()).isTrue();
        assertThat(report(micros, lost, exact).verified()).isFalse();
        assertThat(report(micros, noLoss, off).verified()).isFalse();

        Path file = tmp.resolve("report.json");
        report(micros, lost, exact).writeJson(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.path("eventsAcknowledged").asLong()).isEqualTo(10);
        assertThat(json.path("requestsByStatus").path("202").asLong()).isEqualTo(9);
        assertThat(json.path("latencyMillis").path("p50").asDouble()).isEqualTo(1.5);
        assertThat(json.path("latencyMillis").path("max").asDouble()).isBetween(20.0, 20.03);
        assertThat(json.path("loss").path("missing").asLong()).isEqualTo(1);
        assertThat(json.path("loss").path("missingSample").get(0).asText()).isEqualTo("r-3");
        assertThat(json.path("accuracy").path("exact").asBoolean()).isTrue();
        assertThat(report(micros, lost, off).toText()).contains("1 of 10 acknowledged events missing", "NOT EXACT");

        Path unverified = tmp.resolve("unverified.json");
        report(micros, null, null).writeJson(unverified);
        assertThat(Files.readString(unverified)).contains("\"eventsSent\"").doesNotContain("\"loss\"", "\"accuracy\"");
    }

    @Test
    void freshnessFailsTheRunWhenAnEffectWasNotSeenOrNothingWasSampled() throws Exception {
        Histogram micros = new Histogram(3);
        micros.recordValue(1_000);
        FreshnessProbe.Result seen = new FreshnessProbe.Result(20, 0, 1, 120.5, 480.0, 512.0);

        assertThat(report(micros, null, null, seen).verified()).isTrue();
        assertThat(report(micros, null, null, new FreshnessProbe.Result(20, 1, 0, 120, 480, 30_000)).verified())
                .isFalse();
        assertThat(report(micros, null, null, new FreshnessProbe.Result(0, 0, 3, 0, 0, 0)).verified()).isFalse();
        assertThat(report(micros, null, null, seen).toText()).contains("freshness     p50 120.5 ms  p99 480.0 ms",
                "20 samples, 0 not seen in time, 1 probe events refused");
        Path file = tmp.resolve("fresh.json");
        report(micros, null, null, seen).writeJson(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile()).path("freshness");
        assertThat(json.path("p99Millis").asDouble()).isEqualTo(480.0);
        assertThat(json.path("samples").asLong()).isEqualTo(20);
    }

    private static RunReport report(Histogram micros, LossCheck.Result loss, AccuracyCheck.Result accuracy) {
        return report(micros, loss, accuracy, null);
    }

    private static RunReport report(Histogram micros, LossCheck.Result loss, AccuracyCheck.Result accuracy,
            FreshnessProbe.Result freshness) {
        Map<String, Long> statuses = new TreeMap<>(Map.of("202", 9L, "503", 1L));
        return new RunReport("r", "http://localhost:8080", 100, 1, 10, 10, 10, 10, 0, statuses,
                RunReport.Latency.of(micros), 100, 100, null, loss, accuracy, freshness, null);
    }
}
