package io.ottpulse.activity.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The kinds of activity a player reports, with their wire names as they appear in the JSON schema v1. */
public enum EventType {
    CHANNEL_SWITCH("channel_switch", true),
    HEARTBEAT("heartbeat", true),
    PLAY("play", true),
    PAUSE("pause", false),
    STOP("stop", false),
    BUFFERING_START("buffering_start", false),
    BUFFERING_END("buffering_end", false),
    ERROR("error", false);

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));

    /** The wire names, comma separated, for error messages and docs. */
    public static final String WIRE_NAMES =
            Arrays.stream(values()).map(EventType::wireName).collect(Collectors.joining(", "));

    private final String wireName;
    private final boolean requiresChannel;

    EventType(String wireName, boolean requiresChannel) {
        this.wireName = wireName;
        this.requiresChannel = requiresChannel;
    }

    public String wireName() {
        return wireName;
    }

    /** True for the types that say which channel the viewer is on, so they must name it. */
    public boolean requiresChannel() {
        return requiresChannel;
    }

    public static Optional<EventType> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }
}
