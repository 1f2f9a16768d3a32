package io.ottpulse.stats.viewers;

import java.util.Arrays;

/**
 * The eventIds of a viewer's recent events, each with its event time: what finds a resend without a store of every
 * eventId. Events are keyed by user, so a client's resend meets its original in the same viewer's timeline.
 */
public final class RecentEventIds {

    static final RecentEventIds NONE = new RecentEventIds(new String[0], new long[0]);

    private final String[] ids;
    private final long[] times;

    RecentEventIds(String[] ids, long[] times) {
        this.ids = ids;
        this.times = times;
    }

    /** Whether {@code eventId} is here with a time within {@code windowMs} of {@code time} (both ends included). */
    boolean contains(String eventId, long time, long windowMs) {
        for (int i = 0; i < ids.length; i++) {
            if (Math.abs(times[i] - time) <= windowMs && ids[i].equals(eventId)) {
                return true;
            }
        }
        return false;
    }

    /** These ids less the ones older than {@code forgetBefore}, plus {@code eventId} at {@code time}. */
    RecentEventIds with(String eventId, long time, long forgetBefore) {
        int kept = 0;
        String[] nextIds = new String[ids.length + 1];
        long[] nextTimes = new long[ids.length + 1];
        for (int i = 0; i < ids.length; i++) {
            if (times[i] >= forgetBefore) {
                nextIds[kept] = ids[i];
                nextTimes[kept++] = times[i];
            }
        }
        nextIds[kept] = eventId;
        nextTimes[kept++] = time;
        return new RecentEventIds(Arrays.copyOf(nextIds, kept), Arrays.copyOf(nextTimes, kept));
    }

    /** Time of the newest event here, {@link Long#MIN_VALUE} when empty. */
    long newest() {
        long newest = Long.MIN_VALUE;
        for (long time : times) {
            newest = Math.max(newest, time);
        }
        return newest;
    }

    int size() {
        return ids.length;
    }

    String id(int index) {
        return ids[index];
    }

    long time(int index) {
        return times[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecentEventIds that && Arrays.equals(ids, that.ids) && Arrays.equals(times, that.times);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(times);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < ids.length; i++) {
            text.append(i == 0 ? "" : ", ").append(ids[i]).append('@').append(times[i]);
        }
        return text.append(']').toString();
    }
}
