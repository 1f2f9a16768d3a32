package io.ottpulse.stats.channelstats;

import io.ottpulse.stats.viewers.ChannelActivity;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One channel's activity in one window: tune-ins, the viewers seen (a HyperLogLog sketch: about 1.6% error, a few
 * kilobytes whatever the audience), and the stays that ended with their total watch time and how many were zaps.
 */
public final class ChannelWindow {

    /** 2^12 buckets: relative standard error about 1.6%. */
    private static final int LG_K = 12;

    private long tuneIns;
    private final HllSketch viewers;
    private long stays;
    private long dwellMs;
    private long zaps;

    public ChannelWindow() {
        this(0, new HllSketch(LG_K, TgtHllType.HLL_8), 0, 0, 0);
    }

    private ChannelWindow(long tuneIns, HllSketch viewers, long stays, long dwellMs, long zaps) {
        this.tuneIns = tuneIns;
        this.viewers = viewers;
        this.stays = stays;
        this.dwellMs = dwellMs;
        this.zaps = zaps;
    }

    /** Counts one activity; a stay shorter than {@code zapMs} is a zap. */
    public ChannelWindow add(ChannelActivity activity, long zapMs) {
        switch (activity.kind()) {
            case ChannelActivity.TUNE_IN -> tuneIns++;
            case ChannelActivity.SEEN -> viewers.update(activity.userId().getBytes(StandardCharsets.UTF_8));
            case ChannelActivity.STAY_END -> {
                stays++;
                dwellMs += activity.dwellMs();
                if (activity.dwellMs() < zapMs) {
                    zaps++;
                }
            }
            default -> throw new IllegalArgumentException("unknown channel activity " + activity.kind());
        }
        return this;
    }

    /** The window's figures as published. */
    public ChannelWindowReport report(String channelId, long windowStart, long windowEnd) {
        double averageDwellSeconds = stays == 0 ? 0 : dwellMs / 1000.0 / stays;
        return new ChannelWindowReport(channelId, windowStart, windowEnd, tuneIns, Math.round(viewers.getEstimate()),
                stays, averageDwellSeconds, zaps);
    }

    public static Serde<ChannelWindow> serde() {
        Serializer<ChannelWindow> serializer = (topic, window) -> {
            if (window == null) {
                return null;
            }
            // The updatable form, not the compact one: the window is read and written back for every activity,
            // and reading the compact form of a sketch still in its coupon-set mode re-inserts every coupon one by
            // one, while the updatable form is copied as it is. The estimate is the same either way.
            byte[] sketch = window.viewers.toUpdatableByteArray();
            return ByteBuffer.allocate(4 * Long.BYTES + sketch.length)
                    .putLong(window.tuneIns).putLong(window.stays).putLong(window.dwellMs).putLong(window.zaps)
                    .put(sketch).array();
        };
        Deserializer<ChannelWindow> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long tuneIns = buffer.getLong();
            long stays = buffer.getLong();
            long dwellMs = buffer.getLong();
            long zaps = buffer.getLong();
            byte[] sketch = new byte[buffer.remaining()];
            buffer.get(sketch);
            return new ChannelWindow(tuneIns, HllSketch.heapify(sketch), stays, dwellMs, zaps);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
