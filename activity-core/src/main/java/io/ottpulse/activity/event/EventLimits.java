package io.ottpulse.activity.event;

/**
 * Size bounds on incoming events. The defaults are the documented contract of the ingest API; deployments may
 * tighten or relax them through the connector configuration.
 *
 * @param maxIdLength longest eventId, userId, deviceId, sessionId, channelId or attribute name, in characters
 * @param maxAttributes most entries in an event's attributes
 * @param maxAttributeValueLength longest attribute value, in characters
 * @param maxEventBytes largest single event, in bytes of its JSON
 * @param maxBatchEvents most events in one request
 * @param maxRequestBytes largest request body, in bytes after decompression
 */
public record EventLimits(
        int maxIdLength,
        int maxAttributes,
        int maxAttributeValueLength,
        int maxEventBytes,
        int maxBatchEvents,
        int maxRequestBytes) {

    public static final int DEFAULT_MAX_ID_LENGTH = 128;
    public static final int DEFAULT_MAX_ATTRIBUTES = 32;
    public static final int DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH = 1024;
    public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024;
    public static final int DEFAULT_MAX_BATCH_EVENTS = 500;
    public static final int DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

    public static final EventLimits DEFAULTS = new EventLimits(
            DEFAULT_MAX_ID_LENGTH,
            DEFAULT_MAX_ATTRIBUTES,
            DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH,
            DEFAULT_MAX_EVENT_BYTES,
            DEFAULT_MAX_BATCH_EVENTS,
            DEFAULT_MAX_REQUEST_BYTES);

    public EventLimits {
        requirePositive("maxIdLength", maxIdLength);
        requirePositive("maxAttributes", maxAttributes);
        requirePositive("maxAttributeValueLength", maxAttributeValueLength);
        requirePositive("maxEventBytes", maxEventBytes);
        requirePositive("maxBatchEvents", maxBatchEvents);
        requirePositive("maxRequestBytes", maxRequestBytes);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
