package io.ottpulse.stats.platform;

import io.ottpulse.stats.StatsConfig;
import io.ottpulse.stats.StatsStores;
import io.ottpulse.stats.api.ChannelViewers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The platform-wide view, in one partition: every channel's current viewers (for the top channels and the platform
 * total), a per-minute history of them, and viewer-drop alerts evaluated on the wall clock against that history.
 * Emits each alert when it fires and when it resolves.
 */
public final class PlatformProcessor implements Processor<String, ChannelViewers, String, Alert> {

    /** The history key of the platform total (channel ids cannot be empty). */
    static final String PLATFORM_TOTAL = "";
    private static final long MINUTE_MS = 60_000;

    private final StatsConfig.Alerts config;
    private final AlertRules rules;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Long> channels;
    private KeyValueStore<String, byte[]> history;
    private KeyValueStore<String, Alert> alerts;
    private long lastSampledMinute = -1;

    public PlatformProcessor(StatsConfig.Alerts config) {
        this.config = config;
        this.rules = new AlertRules(config);
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.channels = context.getStateStore(StatsStores.PLATFORM_CHANNELS);
        this.history = context.getStateStore(StatsStores.PLATFORM_HISTORY);
        this.alerts = context.getStateStore(StatsStores.PLATFORM_ALERTS);
        if (config.enabled()) {
            context.schedule(Duration.ofSeconds(config.evaluationIntervalSeconds()), PunctuationType.WALL_CLOCK_TIME,
                    this::evaluate);
        }
    }

    @Override
    public void process(Record<String, ChannelViewers> record) {
        ChannelViewers load = record.value();
        if (load.viewers() > 0) {
            channels.put(load.channelId(), load.viewers());
        } else {
            channels.delete(load.channelId());
        }
    }

    private void evaluate(long now) {
        Map<String, Long> current = currentViewers();
        long platformViewers = current.values().stream().mapToLong(Long::longValue).sum();
        double platformBaseline = ViewerHistory.fromBytes(history.get(PLATFORM_TOTAL)).average();
        TreeSet<String> evaluated = new TreeSet<>(current.keySet());
        try (KeyValueIterator<String, byte[]> all = history.all()) {
            all.forEachRemaining(entry -> evaluated.add(entry.key));
        }
        evaluated.remove(PLATFORM_TOTAL);
        for (String channelId : evaluated) {
            long viewers = current.getOrDefault(channelId, 0L);
            Alert existing = alerts.get(channelId);
            if (existing != null && existing.active()) {
                if (rules.recovered(existing, viewers)) {
                    emit(existing.resolved(now));
                }
            } else {
                double baseline = ViewerHistory.fromBytes(history.get(channelId)).average();
                Optional<Alert> alert = Double.isNaN(baseline) ? Optional.empty()
                        : rules.evaluate(channelId, viewers, baseline, platformViewers, platformBaseline, now);
                alert.ifPresent(this::emit);
            }
        }
        long minute = now / MINUTE_MS;
        if (minute != lastSampledMinute) {
            lastSampledMinute = minute;
            for (String channelId : evaluated) {
                sample(channelId, current.getOrDefault(channelId, 0L));
            }
            sample(PLATFORM_TOTAL, platformViewers);
        }
    }

    private void emit(Alert alert) {
        alerts.put(alert.channelId(), alert);
        context.forward(new Record<>(alert.channelId(), alert, alert.resolvedAt() == null ? alert.firedAt()
                : alert.resolvedAt()));
    }

    private void sample(String key, long viewers) {
        ViewerHistory samples = ViewerHistory.fromBytes(history.get(key)).add(viewers, config.baselineMinutes());
        history.put(key, samples.toBytes());
    }

    private Map<String, Long> currentViewers() {
        Map<String, Long> current = new HashMap<>();
        try (KeyValueIterator<String, Long> all = channels.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                current.put(entry.key, entry.value);
            }
        }
        return current;
    }
}
