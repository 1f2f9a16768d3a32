package io.ottpulse.activity.viewing;

import java.util.ArrayList;
import java.util.List;

/** The stays of a viewer in order (the path of channels through a session), from which zapping is read. */
public final class ChannelStays implements ViewingLedger<ChannelStays> {

    private final List<ChannelStay> stays;

    public ChannelStays() {
        this(List.of());
    }

    public ChannelStays(List<ChannelStay> stays) {
        this.stays = new ArrayList<>(stays);
    }

    @Override
    public void credit(String channelId, long watchedMs, long atMs) {
        int last = stays.size() - 1;
        stays.set(last, stays.get(last).credited(watchedMs));
    }

    @Override
    public void entered(String channelId, long atMs, boolean switched) {
        if (switched) {
            endLast(ChannelStay.Exit.SWITCH);
        }
        stays.add(new ChannelStay(channelId, atMs, 0, ChannelStay.Exit.OPEN));
    }

    @Override
    public void left(long atMs) {
        endLast(ChannelStay.Exit.LEAVE);
    }

    @Override
    public void resumed(String channelId) {
        stays.add(new ChannelStay(channelId, null, 0, ChannelStay.Exit.OPEN));
    }

    @Override
    public void append(ChannelStays later) {
        List<ChannelStay> rest = later.stays;
        if (!rest.isEmpty() && rest.get(0).enteredAt() == null) {
            ChannelStay carried = rest.get(0);
            int last = stays.size() - 1;
            stays.set(last, stays.get(last).credited(carried.watchedMs()).ended(carried.exit()));
            rest = rest.subList(1, rest.size());
        }
        stays.addAll(rest);
    }

    @Override
    public ChannelStays copy() {
        return new ChannelStays(stays);
    }

    public List<ChannelStay> stays() {
        return List.copyOf(stays);
    }

    private void endLast(ChannelStay.Exit how) {
        int last = stays.size() - 1;
        stays.set(last, stays.get(last).ended(how));
    }
}
