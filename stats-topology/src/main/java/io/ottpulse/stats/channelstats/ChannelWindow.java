package io.ottpulse.stats.channelstats;

import io.ottpulse.stats.viewers.ChannelActivity;
import java.nio.ByteBuffer;
import org.apache.datasketches.hll.HllSketch;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One channel's activity in one window: tune-ins, the viewers seen (each viewer is reported once per channel and
 * window, so a count is exact), and the stays that ended with their total watch time and how many were zaps.
 */
public final class ChannelWindow {

    private static final int BYTES = 5 * Long.BYTES;

    private long tuneIns;
    private long viewers;
    private long stays;
    private long dwellMs;
    private long zaps;

    public ChannelWindow() {
        this(0, 0, 0, 0, 0);
    }

    private ChannelWindow(long tuneIns, long viewers, long stays, long dwellMs, long zaps) {
        this.tuneIns = tuneIns;
        this.viewers = viewers;
        this.stays = stays;
        this.dwellMs = dwellMs;
        this.zaps = zaps;
    }

    /** Counts one activity; a stay shorter than {@code zapMs} is a zap. */
    public ChannelWindow add(ChannelActivity activity, long zapMs) {
        if (activity.tunedIn()) {
            tuneIns++;
        }
        if (activity.seen()) {
            viewers++;
        }
        if (activity.stayEnded()) {
            stays++;
            dwellMs += activity.endedStayMs();
            if (activity.endedStayMs() < zapMs) {
                zaps++;
            }
        }
        return this;
    }

    /** The window's figures as published. */
    public ChannelWindowReport report(String channelId, long windowStart, long windowEnd) {
        double averageDwellSeconds = stays == 0 ? 0 : dwellMs / 1000.0 / stays;
        return new ChannelWindowReport(channelId, windowStart, windowEnd, tuneIns, viewers, stays, averageDwellSeconds,
                zaps);
    }

    public static Serde<ChannelWindow> serde() {
        Serializer<ChannelWindow> serializer = (topic, window) -> window == null ? null
                : ByteBuffer.allocate(BYTES).putLong(window.tuneIns).putLong(window.viewers).putLong(window.stays)
                        .putLong(window.dwellMs).putLong(window.zaps).array();
        Deserializer<ChannelWindow> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return bytes.length == BYTES
                    ? new ChannelWindow(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong(),
                            buffer.getLong())
                    : withSketch(buffer);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /**
     * A window written before viewers were counted: four counters, then a HyperLogLog sketch of the viewers, whose
     * estimate becomes the count (such windows close within a window and its grace after an upgrade).
     */
    private static ChannelWindow withSketch(ByteBuffer buffer) {
        long tuneIns = buffer.getLong();
        long stays = buffer.getLong();
        long dwellMs = buffer.getLong();
        long zaps = buffer.getLong();
        byte[] sketch = new byte[buffer.remaining()];
        buffer.get(sketch);
        return new ChannelWindow(tuneIns, Math.round(HllSketch.heapify(sketch).getEstimate()), stays, dwellMs, zaps);
    }
}
