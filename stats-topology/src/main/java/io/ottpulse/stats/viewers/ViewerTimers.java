package io.ottpulse.stats.viewers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which viewers to settle or expire when, by time bucket, so the punctuator visits the due buckets instead of every
 * viewer. It lives in memory only: each viewer's timeline records its bucket, so the processor rebuilds the index from
 * the viewers store whenever it starts (after a restore too), and no store write or changelog record is spent on it.
 * Entries are never moved: a viewer whose timer moves is added to the new bucket, and the stale entry is skipped when
 * its bucket comes due (the timeline names the bucket of its timer). A bucket is a plain list, not a set: a viewer
 * in it twice is skipped the second time like any stale entry, and adding to a list costs far less than hashing into
 * a set of up to a whole audience.
 */
final class ViewerTimers {

    private final long bucketMs;
    private final TreeMap<Long, List<String>> buckets = new TreeMap<>();

    ViewerTimers(long bucketMs) {
        this.bucketMs = bucketMs;
    }

    long bucketOf(long dueAt) {
        return Math.floorDiv(dueAt, bucketMs);
    }

    void add(long bucket, String userId) {
        buckets.computeIfAbsent(bucket, empty -> new ArrayList<>()).add(userId);
    }

    /** Removes and returns up to {@code max} viewers of the buckets up to {@code lastBucket}, the oldest first. */
    List<String> takeDue(long lastBucket, int max) {
        List<String> due = new ArrayList<>();
        while (due.size() < max && !buckets.isEmpty() && buckets.firstKey() <= lastBucket) {
            Map.Entry<Long, List<String>> oldest = buckets.firstEntry();
            List<String> users = oldest.getValue();
            while (due.size() < max && !users.isEmpty()) {
                due.add(users.remove(users.size() - 1));
            }
            if (users.isEmpty()) {
                buckets.remove(oldest.getKey());
            }
        }
        return due;
    }

    void clear() {
        buckets.clear();
    }
}
