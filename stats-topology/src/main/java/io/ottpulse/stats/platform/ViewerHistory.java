package io.ottpulse.stats.platform;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** The last n per-minute viewer samples of a channel (or the platform), oldest first, stored as bytes. */
final class ViewerHistory {

    private final long[] samples;

    private ViewerHistory(long[] samples) {
        this.samples = samples;
    }

    static ViewerHistory empty() {
        return new ViewerHistory(new long[0]);
    }

    static ViewerHistory fromBytes(byte[] bytes) {
        if (bytes == null) {
            return empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long[] samples = new long[bytes.length / Long.BYTES];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = buffer.getLong();
        }
        return new ViewerHistory(samples);
    }

    byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(samples.length * Long.BYTES);
        for (long sample : samples) {
            buffer.putLong(sample);
        }
        return buffer.array();
    }

    /** This history with one more sample, keeping at most {@code keep}. */
    ViewerHistory add(long viewers, int keep) {
        long[] next = Arrays.copyOfRange(samples, Math.max(0, samples.length + 1 - keep), samples.length + 1);
        next[next.length - 1] = viewers;
        return new ViewerHistory(next);
    }

    /** The average, or NaN before the first sample. */
    double average() {
        return samples.length == 0 ? Double.NaN : Arrays.stream(samples).average().orElse(Double.NaN);
    }

    int size() {
        return samples.length;
    }
}
