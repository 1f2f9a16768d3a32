package io.ottpulse.activity.event;

/**
 * One problem with a request, located by its path in the request, e.g. {@code events[3].channelId}.
 */
public record FieldError(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
