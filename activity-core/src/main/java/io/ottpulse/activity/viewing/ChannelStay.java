package io.ottpulse.activity.viewing;

import java.util.Optional;

/**
 * One uninterrupted stay of a viewer on a channel.
 *
 * @param enteredAt event time the stay began, or null for a stay carried in from before the ledger began
 * @param watchedMs watch time credited to the stay so far
 * @param exit how it ended
 */
public record ChannelStay(String channelId, Long enteredAt, long watchedMs, Exit exit) {

    /** How a stay ended. */
    public enum Exit {
        /** Still going. */
        OPEN("open"),
        /** The viewer switched straight to another channel. */
        SWITCH("switch"),
        /** Pause, stop, or a silence longer than the viewer timeout. */
        LEAVE("leave");

        private final String wireName;

        Exit(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<Exit> fromWireName(String wireName) {
            for (Exit exit : values()) {
                if (exit.wireName.equals(wireName)) {
                    return Optional.of(exit);
                }
            }
            return Optional.empty();
        }
    }

    ChannelStay credited(long ms) {
        return new ChannelStay(channelId, enteredAt, watchedMs + ms, exit);
    }

    ChannelStay ended(Exit how) {
        return new ChannelStay(channelId, enteredAt, watchedMs, how);
    }
}
