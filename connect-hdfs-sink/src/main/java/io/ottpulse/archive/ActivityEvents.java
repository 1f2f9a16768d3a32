package io.ottpulse.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventBatchParser;
import io.ottpulse.activity.event.EventLimits;
import io.ottpulse.activity.event.FieldError;
import io.ottpulse.activity.event.ParsedEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads schemaless values as activity events (schema v1) through activity-core's parser, the project's one validation
 * path: a String or byte[] holding the event JSON (StringConverter, ByteArrayConverter), or the Map that JsonConverter
 * gives with {@code schemas.enable=false}.
 */
final class ActivityEvents {

    /** The archive keeps what ingest accepted, whatever size limits ingest was configured with. */
    private static final int UNLIMITED = Integer.MAX_VALUE;
    private static final EventBatchParser PARSER = new EventBatchParser(
            new EventLimits(UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED, UNLIMITED));
    private static final ObjectMapper JSON = new ObjectMapper();

    private ActivityEvents() {
    }

    static ActivityEvent fromValue(Object value) {
        ParsedEvent parsed = PARSER.parseOne(jsonOf(value));
        if (parsed instanceof ParsedEvent.Accepted accepted) {
            return accepted.event();
        }
        ParsedEvent.Rejected rejected = (ParsedEvent.Rejected) parsed;
        throw new DataException("not an activity event: " + rejected.errors().stream()
                .map(ActivityEvents::describe).collect(Collectors.joining("; ")));
    }

    /** An error by its field alone: the parser's paths start with the position in a request, here always 0. */
    private static String describe(FieldError error) {
        String field = error.path().replaceFirst("^events\\[0\\]\\.?", "");
        return (field.isEmpty() ? "value" : field) + ": " + error.message();
    }

    private static byte[] jsonOf(Object value) {
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof Map<?, ?> map) {
            try {
                return JSON.writeValueAsBytes(JsonValues.plain(map));
            } catch (IOException e) {
                throw new DataException("cannot read the value as JSON: " + e.getMessage(), e);
            }
        }
        throw new DataException("a schemaless value must be a JSON string, bytes or a map to be archived as an "
                + "activity event, not " + (value == null ? "null" : value.getClass().getName()));
    }
}
