package io.ottpulse.ingest;

import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.MeasurableStat;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Rate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's metrics, registered with Connect's plugin metrics (so they appear in JMX beside Connect's own, tagged
 * with the connector and task): requests and events by outcome, answer latency, and what is held in flight.
 */
final class IngestMetrics {

    private static final Logger log = LoggerFactory.getLogger(IngestMetrics.class);

    private final PluginMetrics metrics;
    /** Sensor names are global to the worker's metrics registry; this keeps each task's own. */
    private final String sensorPrefix = UUID.randomUUID() + "-";
    private final Sensor requests;
    private final Sensor latency;
    private final Sensor accepted;
    private final Sensor rejected;
    private final Sensor dropped;
    private final Sensor refused;
    private final Sensor overloaded;
    private final Sensor unconfirmed;

    IngestMetrics(PluginMetrics metrics, InFlightBudget budget, RecordQueue queue) {
        this.metrics = metrics;
        requests = countAndRate("requests", "request", "HTTP requests answered");
        latency = metrics.addSensor(sensorPrefix + "request-latency");
        add(latency, "request-latency-avg", "Average ms from receiving a request to answering it", new Avg());
        add(latency, "request-latency-max", "Longest ms from receiving a request to answering it", new Max());
        accepted = sumAndRate("events-accepted", "Events written to the activity topic");
        rejected = sumAndRate("events-rejected", "Events failing validation, written to the rejected topic");
        dropped = sumAndRate("events-dropped", "Events Connect dropped instead of writing (transformation, errors.tolerance)");
        refused = countAndRate("requests-refused", "request-refused", "Requests refused as a whole (400, 401, 413, 415)");
        overloaded = countAndRate("requests-overloaded", "request-overloaded", "Requests answered 429 (in-flight bound reached)");
        unconfirmed = countAndRate("requests-unconfirmed", "request-unconfirmed",
                "Requests answered 503 (Kafka did not confirm in time, or the task stopped)");
        gauge("in-flight-events", "Events accepted and not yet settled by Kafka", budget::events);
        gauge("in-flight-bytes", "Request bytes accepted and not yet settled by Kafka", budget::bytes);
        gauge("queued-records", "Records waiting for the task's next poll", queue::size);
    }

    void answered(int status, long latencyMs) {
        requests.record();
        latency.record(latencyMs);
        if (status == 429) {
            overloaded.record();
        } else if (status == 503) {
            unconfirmed.record();
        } else if (status >= 400 && status != 422) {
            refused.record();
        }
    }

    void settled(int acceptedEvents, int rejectedEvents, int droppedEvents) {
        accepted.record(acceptedEvents);
        rejected.record(rejectedEvents);
        dropped.record(droppedEvents);
    }

    private Sensor countAndRate(String sensorName, String metricPrefix, String description) {
        Sensor sensor = metrics.addSensor(sensorPrefix + sensorName);
        add(sensor, metricPrefix + "-total", description + ", in total", new CumulativeCount());
        add(sensor, metricPrefix + "-rate", description + ", per second", new Rate());
        return sensor;
    }

    private Sensor sumAndRate(String sensorName, String description) {
        Sensor sensor = metrics.addSensor(sensorPrefix + sensorName);
        add(sensor, sensorName + "-total", description + ", in total", new CumulativeSum());
        add(sensor, sensorName + "-rate", description + ", per second", new Rate());
        return sensor;
    }

    /**
     * Registers a metric. A previous instance of this task that Connect gave up on (its thread still blocked in the
     * producer) can hold the same names for a while; this instance then runs without that metric rather than failing.
     */
    private void add(Sensor sensor, String metric, String description, MeasurableStat stat) {
        try {
            sensor.add(name(metric, description), stat);
        } catch (IllegalArgumentException taken) {
            log.warn("Metric {} is still held by a previous instance of this task; it is not reported by this one",
                    metric);
        }
    }

    private void gauge(String metric, String description, Supplier<? extends Number> value) {
        try {
            metrics.addMetric(name(metric, description), (Gauge<Number>) (config, now) -> value.get());
        } catch (IllegalArgumentException taken) {
            log.warn("Metric {} is still held by a previous instance of this task; it is not reported by this one",
                    metric);
        }
    }

    private MetricName name(String name, String description) {
        return metrics.metricName(name, description, new LinkedHashMap<>());
    }
}
