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
 * request's intended send time to its answer, over every request answered with an HTTP status (or acknowledged by
 * Kafka, for {@code produce}). {@code findMax} is present only for a ramp, {@code loss}, {@code accuracy} and
 * {@code freshness} only when verified. {@code process} is loadgen's own cost up to the report (the checks included).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RunReport(String runId, String target, double targetEventsPerSecond, int batch, double seconds,
        long requestsSent, long eventsSent, long eventsAcknowledged, long requestsUnanswered,
        Map<String, Long> requestsByStatus, Latency latencyMillis, double achievedEventsPerSecond,
        double achievedRequestsPerSecond, RateRamp.Result findMax, LossCheck.Result loss,
        AccuracyCheck.Result accuracy, FreshnessProbe.Result freshness, ProcessCost process) {

    /**
     * The measured part of a run's report, without checks.
     *
     * @param target what was loaded: the ingest URL, or {@code kafka:<topic>}
     * @param targetEventsPerSecond the rate aimed at; 0 for full speed
     * @param seconds from the start to the last request sent
     */
    static RunReport measured(String runId, String target, double targetEventsPerSecond, int batch, double seconds,
            EventSink sink, long eventsAcknowledged, int unanswered, Histogram latencyMicros,
            RateRamp.Result findMax) {
        return new RunReport(runId, target, targetEventsPerSecond, batch, seconds, sink.requestsSent(),
                sink.eventsSent(), eventsAcknowledged, unanswered, sink.byStatus(), Latency.of(latencyMicros),
                sink.eventsSent() / seconds, sink.requestsSent() / seconds, findMax, null, null, null,
                ProcessCost.now());
    }

    RunReport withChecks(LossCheck.Result loss, AccuracyCheck.Result accuracy, FreshnessProbe.Result freshness) {
        return new RunReport(runId, target, targetEventsPerSecond, batch, seconds, requestsSent, eventsSent,
                eventsAcknowledged, requestsUnanswered, requestsByStatus, latencyMillis, achievedEventsPerSecond,
                achievedRequestsPerSecond, findMax, loss, accuracy, freshness, ProcessCost.now());
    }

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

    /**
     * True when every requested check passed: no acknowledged event lost, the stats exactly the ground truth, and
     * the effect of every acknowledged probe event seen.
     */
    boolean verified() {
        return (loss == null || loss.missing() == 0) && (accuracy == null || accuracy.exact())
                && (freshness == null || freshness.passed());
    }

    void writeJson(Path file) throws IOException {
        JSON.writeValue(file.toFile(), this);
    }

    String toText() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("run %s against %s: %.1f s at %s in requests of up to %d events%n", runId, target,
                seconds, targetEventsPerSecond > 0 ? String.format("a target of %.1f events/s", targetEventsPerSecond)
                        : "full speed", batch));
        text.append(String.format("  sent          %d requests, %d events (%.1f events/s, %.1f requests/s)%n",
                requestsSent, eventsSent, achievedEventsPerSecond, achievedRequestsPerSecond));
        text.append(String.format("  acknowledged  %d events%n", eventsAcknowledged));
        text.append(String.format("  answers       %s, unanswered %d%n", requestsByStatus, requestsUnanswered));
        text.append(String.format("  latency ms    p50 %.3f  p99 %.3f  p99.9 %.3f  max %.3f  (%d requests, from "
                + "the intended send time)%n", latencyMillis.p50(), latencyMillis.p99(), latencyMillis.p999(),
                latencyMillis.max(), latencyMillis.count()));
        if (findMax != null) {
            for (RateRamp.Step step : findMax.steps()) {
                text.append(String.format("  step          %.1f events/s: %d requests, %d errors, p50 %.3f ms, p99 "
                        + "%.3f ms: %s%n", step.eventsPerSecond(), step.requests(), step.errors(), step.p50Millis(),
                        step.p99Millis(), step.held() ? "held" : "NOT HELD"));
            }
            text.append(findMax.maxSustainedEventsPerSecond() == null
                    ? String.format("  find-max      no step held (p99 <= %.1f ms, errors <= %.2f%%)%n",
                            findMax.maxP99Millis(), findMax.maxErrorPercent())
                    : String.format("  find-max      %.1f events/s (%.1f requests/s) sustained with p99 <= %.1f ms "
                            + "and errors <= %.2f%%; stopped by %s%n", findMax.maxSustainedEventsPerSecond(),
                            findMax.maxSustainedRequestsPerSecond(), findMax.maxP99Millis(),
                            findMax.maxErrorPercent(), findMax.stoppedBy()));
        }
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
        if (freshness != null) {
            text.append(String.format("  freshness     p50 %.1f ms  p99 %.1f ms  max %.1f ms from acknowledgement to the "
                    + "stats API (%d samples, %d not seen in time, %d probe events refused)%n", freshness.p50Millis(),
                    freshness.p99Millis(), freshness.maxMillis(), freshness.samples(), freshness.timedOut(),
                    freshness.refused()));
        }
        return text.toString();
    }
}
