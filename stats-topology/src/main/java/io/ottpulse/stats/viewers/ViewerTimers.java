package io.ottpulse.stats.viewers;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the timer index: the bucket (big-endian, so keys sort by time) then the user id. The punctuator range-scans
 * the buckets that are due instead of every viewer; entries are never updated in place, a viewer whose timer moves is
 * indexed again under the new bucket and the stale entry finds nothing to do when its bucket comes due.
 */
final class ViewerTimers {

    private final long bucketMs;

    ViewerTimers(long bucketMs) {
        this.bucketMs = bucketMs;
    }

    long bucketOf(long dueAt) {
        return Math.floorDiv(dueAt, bucketMs);
    }

    Bytes key(long bucket, String userId) {
        byte[] user = userId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + user.length).putLong(bucket).put(user).array());
    }

    /** The first key after every key of the buckets up to {@code bucket}. */
    Bytes upperBound(long bucket) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(bucket + 1).array());
    }

    /** The smallest key: bucket 0 (nothing expires before the epoch). */
    Bytes lowerBound() {
        return Bytes.wrap(new byte[Long.BYTES]);
    }

    static String userOf(Bytes key) {
        byte[] bytes = key.get();
        return new String(bytes, Long.BYTES, bytes.length - Long.BYTES, StandardCharsets.UTF_8);
    }
}
