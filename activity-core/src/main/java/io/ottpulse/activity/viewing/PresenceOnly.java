package io.ottpulse.activity.viewing;

/** A ledger that keeps nothing, for folds that only need where the viewer is. */
public final class PresenceOnly implements ViewingLedger<PresenceOnly> {

    @Override
    public void credit(String channelId, long watchedMs, long atMs) {
        // where the viewer is lives in the stretch's state; there is nothing to count
    }

    @Override
    public void append(PresenceOnly later) {
        // nothing kept, nothing to add
    }

    @Override
    public PresenceOnly copy() {
        return new PresenceOnly();
    }
}
