package io.ottpulse.activity.event;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The schema v1 rules that look at an event's fields together: presence, identifiers and the type. */
final class EventValidator {

    private final String path;
    private final EventLimits limits;
    private final List<FieldError> errors;

    /** @param errors problems found so far; this validator adds to them */
    EventValidator(String path, EventLimits limits, List<FieldError> errors) {
        this.path = path;
        this.limits = limits;
        this.errors = errors;
    }

    EventObjectReader.ReadResult validate(Map<EventField, String> texts, Long timestamp, Map<String, String> attributes) {
        String eventId = id(texts, EventField.EVENT_ID, true);
        String userId = id(texts, EventField.USER_ID, true);
        String deviceId = id(texts, EventField.DEVICE_ID, false);
        String sessionId = id(texts, EventField.SESSION_ID, false);
        EventType type = type(texts.get(EventField.TYPE));
        String channelId = channel(texts, type);
        if (timestamp == null && !hasError(EventField.TIMESTAMP)) {
            errors.add(error(EventField.TIMESTAMP, "required"));
        }
        if (!errors.isEmpty()) {
            return new EventObjectReader.ReadResult(null, List.copyOf(errors));
        }
        ActivityEvent event =
                new ActivityEvent(eventId, userId, deviceId, sessionId, type, channelId, timestamp, attributes);
        return new EventObjectReader.ReadResult(event, List.of());
    }

    private String id(Map<EventField, String> texts, EventField field, boolean required) {
        String value = texts.get(field);
        if (value == null) {
            if (required && !hasError(field)) {
                errors.add(error(field, "required"));
            }
            return null;
        }
        Optional<String> problem = idProblem(value);
        problem.ifPresent(message -> errors.add(error(field, message)));
        return problem.isPresent() ? null : value;
    }

    private Optional<String> idProblem(String value) {
        if (value.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (value.length() > limits.maxIdLength()) {
            return Optional.of("longer than " + limits.maxIdLength() + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return Optional.of("contains control characters");
            }
        }
        return Optional.empty();
    }

    private EventType type(String wireName) {
        if (wireName == null) {
            if (!hasError(EventField.TYPE)) {
                errors.add(error(EventField.TYPE, "required"));
            }
            return null;
        }
        Optional<EventType> type = EventType.fromWireName(wireName);
        if (type.isEmpty()) {
            errors.add(error(EventField.TYPE,
                    "unknown type \"" + abbreviate(wireName) + "\"; expected one of " + EventType.WIRE_NAMES));
        }
        return type.orElse(null);
    }

    private String channel(Map<EventField, String> texts, EventType type) {
        boolean required = type != null && type.requiresChannel();
        if (required && texts.get(EventField.CHANNEL_ID) == null && !hasError(EventField.CHANNEL_ID)) {
            errors.add(error(EventField.CHANNEL_ID, "required for type " + type.wireName()));
            return null;
        }
        return id(texts, EventField.CHANNEL_ID, false);
    }

    private boolean hasError(EventField field) {
        String fieldPath = path + "." + field.jsonName();
        return errors.stream().anyMatch(e -> e.path().equals(fieldPath));
    }

    private FieldError error(EventField field, String message) {
        return new FieldError(path + "." + field.jsonName(), message);
    }

    private String abbreviate(String text) {
        return text.length() <= limits.maxIdLength() ? text : text.substring(0, limits.maxIdLength()) + "…";
    }
}
