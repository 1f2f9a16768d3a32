package io.ottpulse.activity.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/** Writes events as schema v1 JSON, the form they have in {@code ott.activity}. Reading is {@link EventBatchParser}'s. */
public final class EventJson {

    private static final JsonFactory JSON = new JsonFactory();

    private EventJson() {
    }

    public static byte[] write(ActivityEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("eventId", event.eventId());
            json.writeStringField("userId", event.userId());
            writeOptional(json, "deviceId", event.deviceId());
            writeOptional(json, "sessionId", event.sessionId());
            json.writeStringField("type", event.type().wireName());
            writeOptional(json, "channelId", event.channelId());
            json.writeStringField("timestamp", Instant.ofEpochMilli(event.timestamp()).toString());
            if (!event.attributes().isEmpty()) {
                json.writeObjectFieldStart("attributes");
                for (Map.Entry<String, String> attribute : event.attributes().entrySet()) {
                    json.writeStringField(attribute.getKey(), attribute.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void writeOptional(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }
}
