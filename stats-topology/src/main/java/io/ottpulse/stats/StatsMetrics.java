package io.ottpulse.stats;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/**
 * Counters of what the topology drops or corrects, registered with Kafka Streams' metrics (JMX group
 * {@code stream-ottpulse-metrics}, one entity per task): {@code <name>-total} and {@code <name>-rate}.
 */
public final class StatsMetrics {

    private static final String SCOPE = "ottpulse";

    private StatsMetrics() {
    }

    public static Sensor counter(ProcessingContext context, String name) {
        return context.metrics().addRateTotalSensor(SCOPE, context.taskId().toString(), name,
                Sensor.RecordingLevel.INFO);
    }
}
