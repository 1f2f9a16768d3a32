package io.ottpulse.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Records accepted by the listener, waiting for the task's {@code poll()}. Unbounded as a queue, bounded by the
 * {@link InFlightBudget} that admits requests.
 */
final class RecordQueue {

    /** Put by {@link #wakeUp()} to end a blocked take at once. */
    private static final SourceRecord WAKE_UP = new SourceRecord(null, null, "", null, null);

    private final LinkedBlockingQueue<SourceRecord> records = new LinkedBlockingQueue<>();

    void addAll(List<? extends SourceRecord> batch) {
        records.addAll(batch);
    }

    /**
     * Waits up to {@code timeout} for records and returns up to {@code max} of them, or null when none came, as
     * {@code SourceTask.poll()} expects.
     */
    List<SourceRecord> take(int max, Duration timeout) throws InterruptedException {
        SourceRecord first = records.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null || first == WAKE_UP) {
            return null;
        }
        List<SourceRecord> batch = new ArrayList<>(Math.min(max, records.size() + 1));
        batch.add(first);
        records.drainTo(batch, max - 1);
        batch.remove(WAKE_UP);
        return batch;
    }

    /** Ends a take that is waiting, e.g. because the task stops. */
    void wakeUp() {
        records.add(WAKE_UP);
    }

    /** Removes every record not yet taken, abandoning the requests they belong to. */
    void abandonRemaining() {
        List<SourceRecord> remaining = new ArrayList<>();
        records.drainTo(remaining);
        for (SourceRecord record : remaining) {
            if (record instanceof IngestRecord ingestRecord) {
                ingestRecord.abandon();
            }
        }
    }

    int size() {
        return records.size();
    }
}
