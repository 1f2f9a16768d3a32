package io.ottpulse.activity.event;

/**
 * The request as a whole cannot be read: nothing in it is accepted. Per-event problems are not exceptions; they
 * are {@link ParsedEvent.Rejected} entries of the batch.
 */
public class InvalidRequestException extends Exception {

    /** Why the request was refused; the HTTP layer maps each to a status code. */
    public enum Reason {
        /** Not well-formed JSON. */
        MALFORMED_JSON,
        /** Well-formed JSON, but not an event, an array of events or {"events": [...]}. */
        NOT_A_BATCH,
        /** More events than the batch limit. */
        TOO_MANY_EVENTS,
        /** One event larger than the event size limit. */
        EVENT_TOO_LARGE
    }

    private final Reason reason;
    private final FieldError error;

    public InvalidRequestException(Reason reason, FieldError error) {
        super(error.toString());
        this.reason = reason;
        this.error = error;
    }

    public Reason reason() {
        return reason;
    }

    public FieldError error() {
        return error;
    }
}
