package io.ottpulse.activity.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the fields of one event object from a streaming parser and checks their JSON types, collecting every problem
 * instead of stopping at the first. The schema rules that need all fields at once are {@link EventValidator}'s.
 */
final class EventObjectReader {

    static final String TIMESTAMP_ERROR = "not ISO-8601 or epoch millis";
    /** 9999-12-31T23:59:59.999Z: the last instant ISO-8601 writes with a four-digit year. */
    static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;

    private final JsonParser parser;
    private final String path;
    private final EventLimits limits;
    private final EnumSet<EventField> seen = EnumSet.noneOf(EventField.class);
    private final List<FieldError> errors = new ArrayList<>();
    private final Map<EventField, String> texts = new EnumMap<>(EventField.class);
    private Long timestamp;
    private Map<String, String> attributes;

    private EventObjectReader(JsonParser parser, String path, EventLimits limits) {
        this.parser = parser;
        this.path = path;
        this.limits = limits;
    }

    /**
     * Reads fields from {@code first} (the token after the object's START_OBJECT) up to and including its
     * END_OBJECT, then validates them.
     */
    static ReadResult read(JsonParser parser, JsonToken first, String path, EventLimits limits) throws IOException {
        EventObjectReader reader = new EventObjectReader(parser, path, limits);
        reader.readFields(first);
        return reader.result();
    }

    private void readFields(JsonToken first) throws IOException {
        for (JsonToken token = first; token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            EventField field = EventField.byJsonName(name);
            if (field == null) {
                errors.add(error(name, "unknown field (custom data belongs in attributes)"));
                parser.skipChildren();
            } else if (!seen.add(field)) {
                errors.add(error(name, "duplicated field"));
                parser.skipChildren();
            } else {
                readField(field, value);
            }
        }
    }

    private void readField(EventField field, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        switch (field) {
            case TIMESTAMP -> readTimestamp(value);
            case ATTRIBUTES -> readAttributes(value);
            default -> {
                if (value == JsonToken.VALUE_STRING) {
                    texts.put(field, parser.getText());
                } else {
                    errors.add(error(field.jsonName(), "expected a string"));
                    parser.skipChildren();
                }
            }
        }
    }

    private void readTimestamp(JsonToken value) throws IOException {
        long millis;
        if (value == JsonToken.VALUE_STRING) {
            try {
                millis = IsoTimestamps.parseMillis(parser.getText());
            } catch (DateTimeException | ArithmeticException e) {
                errors.add(error("timestamp", TIMESTAMP_ERROR));
                return;
            }
        } else if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            millis = parser.getLongValue();
        } else {
            errors.add(error("timestamp", TIMESTAMP_ERROR));
            parser.skipChildren();
            return;
        }
        if (millis < 0 || millis > MAX_EPOCH_MILLIS) {
            errors.add(error("timestamp", "out of range (1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z)"));
            return;
        }
        timestamp = millis;
    }

    private void readAttributes(JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            errors.add(error("attributes", "expected an object"));
            parser.skipChildren();
            return;
        }
        attributes = new LinkedHashMap<>();
        int count = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken entry = parser.nextToken();
            count++;
            String entryPath = "attributes." + name;
            if (attributes.containsKey(name)) {
                errors.add(error(entryPath, "duplicated field"));
                parser.skipChildren();
            } else if (entry == JsonToken.VALUE_STRING || entry == JsonToken.VALUE_NUMBER_INT
                    || entry == JsonToken.VALUE_NUMBER_FLOAT || entry == JsonToken.VALUE_TRUE
                    || entry == JsonToken.VALUE_FALSE) {
                checkAttribute(entryPath, name, parser.getText());
            } else if (entry != JsonToken.VALUE_NULL) {
                errors.add(error(entryPath, "expected a string, number or boolean"));
                parser.skipChildren();
            }
        }
        if (count > limits.maxAttributes()) {
            errors.add(error("attributes", count + " entries, more than the limit of " + limits.maxAttributes()));
        }
    }

    private void checkAttribute(String entryPath, String name, String text) {
        if (name.isEmpty() || name.length() > limits.maxIdLength()) {
            errors.add(error(entryPath, "name must be 1 to " + limits.maxIdLength() + " characters"));
        } else if (text.length() > limits.maxAttributeValueLength()) {
            errors.add(error(entryPath, "longer than " + limits.maxAttributeValueLength() + " characters"));
        } else {
            attributes.put(name, text);
        }
    }

    private ReadResult result() {
        return new EventValidator(path, limits, errors).validate(texts, timestamp, attributes);
    }

    private FieldError error(String field, String message) {
        return new FieldError(path + "." + field, message);
    }

    /** Either an event or the reasons there is none. */
    record ReadResult(ActivityEvent event, List<FieldError> errors) {
    }
}
