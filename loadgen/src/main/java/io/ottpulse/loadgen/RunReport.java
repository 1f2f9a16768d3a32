package io.ottpulse.loadgen;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The final report of a run, printed as text and written as JSON. Latencies are in milliseconds, from each
 * request's intended send time to its answer, over every request answered with an HTTP status. {@code loss} and
 * {@code accuracy} are present only when verified.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RunReport(String runId, double targetEventsPerSecond, int batch, double seconds, long requestsSent,
        long eventsSent, long eventsAcknowledged, long requestsUnanswered, Map<String, Long> requestsByStatus,
        Latency latencyMillis, double achievedEventsPerSecond, double achievedRequestsPerSecond,
        LossCheck.Result loss, AccuracyCheck.Result accuracy) {

    /** Percentiles of request latency in milliseconds; {@code count} requests were measured. */
    record Latency(long count, double p50, double p99, double p999, double max) {

        static Latency of(Histogram micros) {
            return new Latency(micros.getTotalCount(), millis(micros.getValueAtPercentile(50)),
                    millis(micros.getValueAtPercentile(99)), millis(micros.getValueAtPercentile(99.9)),
                    millis(micros.getMaxValue()));
        }

        private static double millis(long micros) {
            return micros / 1000.0;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** True when every requested check passed: no acknowledged event lost, the stats exactly the ground truth. */
    boolean verified() {
        return (loss == null || loss.missing() == 0) && (accuracy == null || accuracy.exact());
    }

    void writeJson(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("run %s: %.1f s at a target of %.1f events/s in requests of up to %d events%n",
                runId, seconds, targetEventsPerSecond, batch));
        text.append(String.format("  sent          %d requests, %d events (%.1f events/s, %.1f requests/s)%n",
                requestsSent, eventsSent, achievedEventsPerSecond, achievedRequestsPerSecond));
        text.append(String.format("  acknowledged  %d events (2xx)%n", eventsAcknowledged));
        text.append(String.format("  answers       %s, unanswered %d%n", requestsByStatus, requestsUnanswered));
        text.append(String.format("  latency ms    p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (%d requests, from "
                + "the intended send time)%n", latencyMillis.p50(), latencyMillis.p99(), latencyMillis.p999(),
                latencyMillis.max(), latencyMillis.count()));
        if (loss != null) {
            text.append(String.format("  loss          %d of %d acknowledged events missing from the topic "
                    + "(%d duplicated, %d records read)%s%n", loss.missing(), loss.acknowledged(), loss.duplicates(),
                    loss.recordsRead(), loss.missing() == 0 ? "" : ", e.g. " + loss.missingSample()));
        }
        if (accuracy != null) {
            text.append(String.format("  accuracy      %s: stats %d viewers, ground truth %d (+%d expiring), error %d "
                    + "viewers on %d channels (at most %d on one), after %d ms%n",
                    accuracy.exact() ? "exact" : "NOT EXACT", accuracy.reportedViewers(), accuracy.expectedViewers(),
                    accuracy.expiringViewers(), accuracy.absoluteError(),
                    accuracy.channelsWrong(), accuracy.maxChannelError(), accuracy.waitedMillis()));
        }
        return text.toString();
    }
}
