package io.ottpulse.stats.presence;

import io.ottpulse.activity.presence.ViewerState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** A compact binary form of a viewer's state (two longs and the channel id), for the presence store. */
public final class ViewerStateSerde {

    private ViewerStateSerde() {
    }

    public static Serde<ViewerState> serde() {
        Serializer<ViewerState> serializer = (topic, state) -> {
            if (state == null) {
                return null;
            }
            byte[] channel = state.channelId().getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(16 + channel.length)
                    .putLong(state.since())
                    .putLong(state.lastSeen())
                    .put(channel)
                    .array();
        };
        Deserializer<ViewerState> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long since = buffer.getLong();
            long lastSeen = buffer.getLong();
            String channel = new String(bytes, 16, bytes.length - 16, StandardCharsets.UTF_8);
            return new ViewerState(channel, since, lastSeen);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
