package io.ottpulse.bench.ingest;

import java.time.Duration;

/** One stop-the-world pause of a JVM: when it ended (the log's timestamp), how long all threads stood, and why. */
record Pause(long endEpochMillis, Duration length, String operation) {

    long startEpochMillis() {
        return endEpochMillis - length.toMillis();
    }

    boolean overlaps(long fromEpochMillis, long toEpochMillis) {
        return startEpochMillis() <= toEpochMillis && endEpochMillis >= fromEpochMillis;
    }
}
