package io.ottpulse.activity.viewing;

/**
 * Whatever keeps the numbers a viewer's events earn (watch time per channel, decayed scores, the stays of a session).
 * {@link Viewing#step} reports each event's effect to it; {@link ViewingStretch} joins ledgers of consecutive stretches.
 *
 * @param <L> the ledger's own type, so a ledger can take in a later one of its kind
 */
public interface ViewingLedger<L extends ViewingLedger<L>> {

    /** {@code watchedMs} of watching credited to {@code channelId} by the event at {@code atMs}. */
    void credit(String channelId, long watchedMs, long atMs);

    /**
     * A stay on {@code channelId} began at {@code atMs}.
     *
     * @param switched true when the viewer came straight from another channel (a zap, not a tune-in)
     */
    default void entered(String channelId, long atMs, boolean switched) {
    }

    /** The current stay ended without a switch: pause, stop, or a silence longer than the viewer timeout. */
    default void left(long atMs) {
    }

    /** This ledger begins inside a stay on {@code channelId} that began before it (the tail of a stretch). */
    default void resumed(String channelId) {
    }

    /** Adds what a later ledger recorded; it begins exactly where this one ends. */
    void append(L later);

    /** A copy that shares nothing mutable with this ledger. */
    L copy();
}
