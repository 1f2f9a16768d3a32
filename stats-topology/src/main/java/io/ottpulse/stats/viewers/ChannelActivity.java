package io.ottpulse.stats.viewers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * What one event (or a viewer's timeout) did on one channel, for the per-window channel statistics: published keyed
 * by the channel, at the time it happened, so a switch makes two (the stay that ended, the one that began).
 *
 * @param tunedIn a stay on the channel began
 * @param seen the viewer now counts among the channel's viewers in this window (once per viewer, channel and window)
 * @param endedStayMs the watch time of a stay on the channel that ended, or {@link #NO_STAY_ENDED}
 */
public record ChannelActivity(boolean tunedIn, boolean seen, long endedStayMs) {

    public static final long NO_STAY_ENDED = -1;

    private static final int TUNED_IN = 1;
    private static final int SEEN = 2;
    private static final int STAY_ENDED = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean stayEnded() {
        return endedStayMs != NO_STAY_ENDED;
    }

    /**
     * One byte of flags, then the ended stay's watch time if there is one. Records written before (JSON objects, one
     * per kind of activity, which no flags byte can be mistaken for) are still read, so an upgrade finds its
     * repartition topic readable.
     */
    public static Serde<ChannelActivity> serde() {
        Serializer<ChannelActivity> serializer = (topic, activity) -> {
            if (activity == null) {
                return null;
            }
            int flags = (activity.tunedIn ? TUNED_IN : 0) | (activity.seen ? SEEN : 0)
                    | (activity.stayEnded() ? STAY_ENDED : 0);
            ByteBuffer bytes = ByteBuffer.allocate(activity.stayEnded() ? 1 + Long.BYTES : 1).put((byte) flags);
            return activity.stayEnded() ? bytes.putLong(activity.endedStayMs).array() : bytes.array();
        };
        Deserializer<ChannelActivity> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes[0] == '{') {
                return fromJson(topic, bytes);
            }
            int flags = bytes[0];
            long endedStayMs = (flags & STAY_ENDED) != 0 ? ByteBuffer.wrap(bytes, 1, Long.BYTES).getLong() : NO_STAY_ENDED;
            return new ChannelActivity((flags & TUNED_IN) != 0, (flags & SEEN) != 0, endedStayMs);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** The earlier form: {@code {"kind":"tune_in"|"seen"|"stay_end","dwellMs":…,…}}. */
    private static ChannelActivity fromJson(String topic, byte[] bytes) {
        try {
            JsonNode activity = JSON.readTree(bytes);
            return switch (activity.path("kind").asText()) {
                case "tune_in" -> new ChannelActivity(true, false, NO_STAY_ENDED);
                case "seen" -> new ChannelActivity(false, true, NO_STAY_ENDED);
                case "stay_end" -> new ChannelActivity(false, false, activity.path("dwellMs").asLong());
                default -> throw new IllegalArgumentException("unknown channel activity in " + topic + ": " + activity);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a channel activity from " + topic, e);
        }
    }
}
