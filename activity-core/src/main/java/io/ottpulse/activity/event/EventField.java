package io.ottpulse.activity.event;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The top-level fields of an event object in schema v1, by their JSON names. */
enum EventField {
    EVENT_ID("eventId"),
    USER_ID("userId"),
    DEVICE_ID("deviceId"),
    SESSION_ID("sessionId"),
    TYPE("type"),
    CHANNEL_ID("channelId"),
    TIMESTAMP("timestamp"),
    ATTRIBUTES("attributes");

    private static final Map<String, EventField> BY_JSON_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventField::jsonName, Function.identity()));

    private final String jsonName;

    EventField(String jsonName) {
        this.jsonName = jsonName;
    }

    String jsonName() {
        return jsonName;
    }

    /** The field of that name, or null for a name the schema does not know. */
    static EventField byJsonName(String name) {
        return BY_JSON_NAME.get(name);
    }
}
