package io.ottpulse.ingest;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.FieldError;
import io.ottpulse.activity.event.ParsedEvent;
import java.util.Date;
import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The Connect schemas of the records this connector writes, so any converter can serialise them. With the default
 * JsonConverter (schemas disabled) an activity record is the schema v1 JSON with the timestamp in epoch millis.
 */
final class ActivitySchemas {

    static final Schema EVENT = SchemaBuilder.struct()
            .name("io.ottpulse.ActivityEvent")
            .version(1)
            .doc("A viewer activity event, schema v1.")
            .field("eventId", Schema.STRING_SCHEMA)
            .field("userId", Schema.STRING_SCHEMA)
            .field("deviceId", Schema.OPTIONAL_STRING_SCHEMA)
            .field("sessionId", Schema.OPTIONAL_STRING_SCHEMA)
            .field("type", Schema.STRING_SCHEMA)
            .field("channelId", Schema.OPTIONAL_STRING_SCHEMA)
            .field("timestamp", Timestamp.SCHEMA)
            .field("attributes", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
            .build();

    static final Schema REJECTED = SchemaBuilder.struct()
            .name("io.ottpulse.RejectedEvent")
            .version(1)
            .doc("An event that failed validation, as the client sent it, with every reason.")
            .field("rawEvent", Schema.STRING_SCHEMA)
            .field("errors", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("index", Schema.INT32_SCHEMA)
            .field("clientId", Schema.OPTIONAL_STRING_SCHEMA)
            .field("receivedAt", Timestamp.SCHEMA)
            .build();

    /** The fields, looked up once: {@code Struct.put(String, …)} would look each name up per record. */
    private static final Field EVENT_ID = EVENT.field("eventId");
    private static final Field USER_ID = EVENT.field("userId");
    private static final Field DEVICE_ID = EVENT.field("deviceId");
    private static final Field SESSION_ID = EVENT.field("sessionId");
    private static final Field TYPE = EVENT.field("type");
    private static final Field CHANNEL_ID = EVENT.field("channelId");
    private static final Field TIMESTAMP = EVENT.field("timestamp");
    private static final Field ATTRIBUTES = EVENT.field("attributes");

    private ActivitySchemas() {
    }

    static Struct event(ActivityEvent event) {
        return new Struct(EVENT)
                .put(EVENT_ID, event.eventId())
                .put(USER_ID, event.userId())
                .put(DEVICE_ID, event.deviceId())
                .put(SESSION_ID, event.sessionId())
                .put(TYPE, event.type().wireName())
                .put(CHANNEL_ID, event.channelId())
                .put(TIMESTAMP, new Date(event.timestamp()))
                .put(ATTRIBUTES, event.attributes());
    }

    static Struct rejected(ParsedEvent.Rejected rejected, String clientId, long receivedAt) {
        List<String> errors = rejected.errors().stream().map(FieldError::toString).toList();
        return new Struct(REJECTED)
                .put("rawEvent", rejected.rawJson())
                .put("errors", errors)
                .put("index", rejected.index())
                .put("clientId", clientId)
                .put("receivedAt", new Date(receivedAt));
    }
}
