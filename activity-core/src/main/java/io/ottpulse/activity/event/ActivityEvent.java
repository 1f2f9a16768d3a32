package io.ottpulse.activity.event;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * One viewer activity event, schema v1. Instances are only made from validated input, so the required fields are
 * never null; {@code deviceId}, {@code sessionId} and {@code channelId} may be.
 *
 * @param timestamp event time in epoch milliseconds
 * @param attributes free-form string attributes, never null
 */
public record ActivityEvent(
        String eventId,
        String userId,
        String deviceId,
        String sessionId,
        EventType type,
        String channelId,
        long timestamp,
        Map<String, String> attributes) {

    public ActivityEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        attributes = attributes == null || attributes.isEmpty() ? Map.of() : Collections.unmodifiableMap(attributes);
    }

    public Instant timestampInstant() {
        return Instant.ofEpochMilli(timestamp);
    }
}
