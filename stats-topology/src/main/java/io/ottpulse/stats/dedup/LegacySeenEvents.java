package io.ottpulse.stats.dedup;

import java.time.Duration;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The eventIds the previous version's duplicate filter kept in its window store (eventId -> event time), read and no
 * longer written: after an upgrade, a resend of an event processed before it is still found there. Nothing newer than
 * the upgrade is in it, so it is asked only about events within the dedup window of its newest entry, and never in a
 * deployment that started with this version (its store is empty).
 */
public final class LegacySeenEvents {

    /**
     * Segments of {@code Stores.persistentWindowStore} span {@code max(retention / 2, 60 s)}: every entry of the newest
     * segment is within that of the first one an iterator from the end meets.
     */
    private static final long MIN_SEGMENT_MS = 60_000;

    private final WindowStore<String, Long> store;
    private final long windowMs;
    private final long newestBound;

    private LegacySeenEvents(WindowStore<String, Long> store, long windowMs, long newestBound) {
        this.store = store;
        this.windowMs = windowMs;
        this.newestBound = newestBound;
    }

    /**
     * Finds the bound of the store's newest entry, once: call it when the store is restored (a processor's init).
     * {@code window} is the dedup window, {@code retention} the store's.
     */
    public static LegacySeenEvents of(WindowStore<String, Long> store, Duration window, Duration retention) {
        long segmentMs = Math.max(retention.toMillis() / 2, MIN_SEGMENT_MS);
        try (KeyValueIterator<Windowed<String>, Long> newestFirst = store.backwardAll()) {
            if (!newestFirst.hasNext()) {
                return new LegacySeenEvents(store, window.toMillis(), Long.MIN_VALUE);
            }
            KeyValue<Windowed<String>, Long> entry = newestFirst.next();
            return new LegacySeenEvents(store, window.toMillis(), entry.key.window().start() + segmentMs);
        }
    }

    /** Whether the old store saw {@code eventId} at a time within the dedup window of {@code time}. */
    public boolean contains(String eventId, long time) {
        if (newestBound == Long.MIN_VALUE || time - windowMs > newestBound) {
            return false;
        }
        try (WindowStoreIterator<Long> earlier = store.fetch(eventId, time - windowMs, time + windowMs)) {
            return earlier.hasNext();
        }
    }
}
