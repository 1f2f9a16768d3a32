package io.ottpulse.stats.viewers;

import io.ottpulse.activity.event.EventType;
import io.ottpulse.activity.presence.ViewerState;
import io.ottpulse.activity.viewing.ViewingEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** A compact binary form of {@link ViewerTimeline} for the viewers store (it is read and written per event). */
public final class ViewerTimelineSerde {

    private static final EventType[] TYPES = EventType.values();

    private ViewerTimelineSerde() {
    }

    public static Serde<ViewerTimeline> serde() {
        Serializer<ViewerTimeline> serializer = (topic, timeline) -> timeline == null ? null : write(timeline);
        Deserializer<ViewerTimeline> deserializer = (topic, bytes) -> bytes == null ? null : read(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] write(ViewerTimeline timeline) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            ViewerState settled = timeline.settled();
            out.writeBoolean(settled != null);
            if (settled != null) {
                out.writeUTF(settled.channelId());
                out.writeLong(settled.since());
                out.writeLong(settled.lastSeen());
            }
            out.writeLong(timeline.settledThrough());
            out.writeShort(timeline.pending().size());
            for (ViewingEvent event : timeline.pending()) {
                out.writeByte(event.type().ordinal());
                writeNullable(out, event.channelId());
                out.writeLong(event.timestamp());
            }
            writeNullable(out, timeline.countedOn());
            out.writeLong(timeline.timerBucket());
            out.writeLong(timeline.seenMinute());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    private static ViewerTimeline read(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            ViewerState settled = in.readBoolean() ? new ViewerState(in.readUTF(), in.readLong(), in.readLong()) : null;
            long settledThrough = in.readLong();
            int count = in.readShort();
            List<ViewingEvent> pending = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                pending.add(new ViewingEvent(TYPES[in.readByte()], readNullable(in), in.readLong()));
            }
            return new ViewerTimeline(settled, settledThrough, pending, readNullable(in), in.readLong(), in.readLong());
        } catch (IOException e) {
            throw new UncheckedIOException("a corrupt viewer timeline", e);
        }
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeUTF(value);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
