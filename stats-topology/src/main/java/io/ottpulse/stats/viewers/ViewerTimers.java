package io.ottpulse.stats.viewers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which viewers to settle or expire when, by time bucket, so the punctuator visits the due buckets instead of every
 * viewer. It lives in memory only: each viewer's timeline records its bucket, so the processor rebuilds the index from
 * the viewers store whenever it starts (after a restore too), and no store write or changelog record is spent on it.
 * Entries are never moved: a viewer whose timer moves is added to the new bucket, and the stale entry finds nothing to
 * do when its bucket comes due.
 */
final class ViewerTimers {

    private final long bucketMs;
    private final TreeMap<Long, Set<String>> buckets = new TreeMap<>();

    ViewerTimers(long bucketMs) {
        this.bucketMs = bucketMs;
    }

    long bucketOf(long dueAt) {
        return Math.floorDiv(dueAt, bucketMs);
    }

    void add(long bucket, String userId) {
        buckets.computeIfAbsent(bucket, empty -> new HashSet<>()).add(userId);
    }

    /** Removes and returns up to {@code max} viewers of the buckets up to {@code lastBucket}, the oldest first. */
    List<String> takeDue(long lastBucket, int max) {
        List<String> due = new ArrayList<>();
        while (due.size() < max && !buckets.isEmpty() && buckets.firstKey() <= lastBucket) {
            Map.Entry<Long, Set<String>> oldest = buckets.firstEntry();
            Iterator<String> users = oldest.getValue().iterator();
            while (due.size() < max && users.hasNext()) {
                due.add(users.next());
                users.remove();
            }
            if (oldest.getValue().isEmpty()) {
                buckets.remove(oldest.getKey());
            }
        }
        return due;
    }

    void clear() {
        buckets.clear();
    }
}
