package io.ottpulse.archive;

import io.ottpulse.activity.event.ActivityEvent;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;

/** Writes {@link ActivityEvent}s as rows of {@link ParquetSchemas#ACTIVITY_EVENT}, field by field, no copies. */
final class ActivityEventWriteSupport extends WriteSupport<ActivityEvent> {

    private RecordConsumer out;

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(ParquetSchemas.ACTIVITY_EVENT, Map.of("ottpulse.schema", "activity-event-v1"));
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(ActivityEvent event) {
        out.startMessage();
        string(0, "eventId", event.eventId());
        string(1, "userId", event.userId());
        string(2, "deviceId", event.deviceId());
        string(3, "sessionId", event.sessionId());
        string(4, "type", event.type().wireName());
        string(5, "channelId", event.channelId());
        out.startField("timestamp", 6);
        out.addLong(event.timestamp());
        out.endField("timestamp", 6);
        attributes(7, event.attributes());
        out.endMessage();
    }

    private void string(int index, String name, String value) {
        if (value != null) {
            out.startField(name, index);
            out.addBinary(utf8(value));
            out.endField(name, index);
        }
    }

    private void attributes(int index, Map<String, String> attributes) {
        out.startField("attributes", index);
        out.startGroup();
        if (!attributes.isEmpty()) {
            out.startField(ParquetSchemas.MAP_GROUP, 0);
            for (Map.Entry<String, String> attribute : attributes.entrySet()) {
                out.startGroup();
                string(0, ParquetSchemas.MAP_KEY, attribute.getKey());
                string(1, ParquetSchemas.MAP_VALUE, attribute.getValue());
                out.endGroup();
            }
            out.endField(ParquetSchemas.MAP_GROUP, 0);
        }
        out.endGroup();
        out.endField("attributes", index);
    }

    /** A byte-array binary: cheaper to hash and compare in Parquet's dictionaries than Binary.fromString's. */
    private static Binary utf8(String value) {
        return Binary.fromConstantByteArray(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
