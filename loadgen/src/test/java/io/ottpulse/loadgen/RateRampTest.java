package io.ottpulse.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateRampTest {

    @TempDir
    Path tmp;

    /** 1,000 answered requests: all at {@code fastMicros} but the slowest {@code slowShare} at {@code slowMicros}. */
    private static Histogram latencies(long fastMicros, double slowShare, long slowMicros) {
        Histogram histogram = new Histogram(3);
        int slow = (int) Math.round(1_000 * slowShare);
        histogram.recordValueWithCount(fastMicros, 1_000 - slow);
        if (slow > 0) {
            histogram.recordValueWithCount(slowMicros, slow);
        }
        return histogram;
    }

    @Test
    void theRateGrowsByTheFactorWhileStepsHoldAndTheLastThatHeldIsTheMaximum() {
        RateRamp ramp = new RateRamp(1_000, 1.25, 50, 0.1, 1);

        assertThat(ramp.record(1_000, 0, latencies(2_000, 0.01, 40_000)).held()).isTrue();
        assertThat(ramp.rate()).isEqualTo(1_250);
        assertThat(ramp.record(1_000, 1, latencies(2_000, 0.01, 50_000)).held()).isTrue();
        assertThat(ramp.rate()).isEqualTo(1_562.5);
        assertThat(ramp.goesOn()).isTrue();
        // 2% of requests at 80 ms: the p99 is 80 ms, over the 50 ms bound.
        RateRamp.Step broken = ramp.record(1_000, 0, latencies(2_000, 0.02, 80_000));

        assertThat(broken.held()).isFalse();
        assertThat(broken.p99Millis()).isBetween(79.9, 80.1);
        assertThat(ramp.goesOn()).isFalse();
        RateRamp.Result result = ramp.result();
        assertThat(result.maxSustainedEventsPerSecond()).isEqualTo(1_250);
        assertThat(result.stoppedBy()).isEqualTo("p99");
        assertThat(result.steps()).extracting(RateRamp.Step::eventsPerSecond).containsExactly(1_000.0, 1_250.0,
                1_562.5);
    }

    @Test
    void errorsAboveTheirShareStopTheRampEvenWithAGoodP99() {
        RateRamp ramp = new RateRamp(2_000, 1.5, 50, 0.1, 50);
        ramp.record(10_000, 10, latencies(1_000, 0, 0));

        RateRamp.Step step = ramp.record(10_000, 11, latencies(1_000, 0, 0));

        assertThat(step.held()).isFalse();
        RateRamp.Result result = ramp.result();
        assertThat(result.stoppedBy()).isEqualTo("errors");
        assertThat(result.maxSustainedEventsPerSecond()).isEqualTo(2_000);
        assertThat(result.maxSustainedRequestsPerSecond()).isEqualTo(40);
    }

    @Test
    void aStepWithNoAnswerDoesNotHoldAndAFirstFailedStepLeavesNoMaximum() {
        RateRamp ramp = new RateRamp(1_000, 1.25, 50, 0.1, 1);

        assertThat(ramp.record(1_000, 1_000, new Histogram(3)).held()).isFalse();
        assertThat(ramp.result().maxSustainedEventsPerSecond()).isNull();
        assertThat(ramp.result().stoppedBy()).isEqualTo("errors");
    }

    @Test
    void theDurationCanEndTheRampWhileItStillHolds() {
        RateRamp ramp = new RateRamp(1_000, 2, 50, 0, 1);
        ramp.record(100, 0, latencies(1_000, 0, 0));

        ramp.stop("duration");

        assertThat(ramp.goesOn()).isFalse();
        assertThat(ramp.result().stoppedBy()).isEqualTo("duration");
        assertThat(ramp.result().maxSustainedEventsPerSecond()).isEqualTo(1_000);
        assertThatThrownBy(() -> new RateRamp(1_000, 1, 50, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReportShowsEveryStepAndTheMaximum() throws Exception {
        RateRamp ramp = new RateRamp(1_000, 1.25, 50, 0.1, 1);
        ramp.record(1_000, 0, latencies(2_000, 0, 0));
        ramp.record(1_250, 0, latencies(2_000, 0.5, 90_000));
        RunReport report = new RunReport("r", "http://localhost:8080", 1_250, 1, 40, 2_250, 2_250, 2_250, 0,
                Map.of("202", 2_250L), RunReport.Latency.of(latencies(2_000, 0, 0)), 56, 56, ramp.result(), null,
                null, null, null);

        assertThat(report.toText()).contains("1000.0 events/s (1000.0 requests/s) sustained with p99 <= 50.0 ms",
                "stopped by p99", "1250.0 events/s: 1250 requests, 0 errors", "NOT HELD");
        Path file = tmp.resolve("ramp.json");
        report.writeJson(file);
        JsonNode json = new ObjectMapper().readTree(file.toFile()).path("findMax");
        assertThat(json.path("maxSustainedEventsPerSecond").asDouble()).isEqualTo(1_000);
        assertThat(json.path("steps")).hasSize(2);
        assertThat(json.path("steps").get(1).path("held").asBoolean()).isFalse();
    }
}
