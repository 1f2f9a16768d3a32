package io.ottpulse.stats.dedup;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.stats.StatsMetrics;
import java.time.Duration;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops an event whose eventId was seen within the dedup window (a client resending after a 503, say), so a resend
 * never changes a result. Events are keyed by user, so a resend lands in the same partition as the original; the
 * window store forgets ids on its own as its segments expire.
 */
public final class DuplicateFilter implements FixedKeyProcessor<String, ActivityEvent, ActivityEvent> {

    private final String storeName;
    private final long windowMs;
    private FixedKeyProcessorContext<String, ActivityEvent> context;
    private WindowStore<String, Long> seen;
    private Sensor duplicates;

    public DuplicateFilter(String storeName, Duration window) {
        this.storeName = storeName;
        this.windowMs = window.toMillis();
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ActivityEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
        this.duplicates = StatsMetrics.counter(context, "duplicate-events");
    }

    @Override
    public void process(FixedKeyRecord<String, ActivityEvent> record) {
        ActivityEvent event = record.value();
        if (event == null) {
            // Not a valid event (EventSerde logged it): the topology's first step is also where such records stop.
            return;
        }
        long time = event.timestamp();
        try (WindowStoreIterator<Long> earlier = seen.fetch(event.eventId(), time - windowMs, time + windowMs)) {
            if (earlier.hasNext()) {
                duplicates.record();
                return;
            }
        }
        seen.put(event.eventId(), time, time);
        context.forward(record);
    }
}
