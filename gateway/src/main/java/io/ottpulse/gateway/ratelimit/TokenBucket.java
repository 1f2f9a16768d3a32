package io.ottpulse.gateway.ratelimit;

/**
 * A token bucket: holds up to {@code burst} tokens, refills at {@code rate} per second, and a request takes one.
 * Time comes from the caller (nanoseconds, e.g. {@link System#nanoTime()}), so tests can drive it.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double tokensPerNano;
    private final double capacity;
    private double tokens;
    private long updatedAt;

    TokenBucket(int ratePerSecond, int burst, long now) {
        this.tokensPerNano = ratePerSecond / NANOS_PER_SECOND;
        this.capacity = burst;
        this.tokens = burst;
        this.updatedAt = now;
    }

    /** Takes a token if there is one; returns 0 then, otherwise the nanoseconds until the next token. */
    synchronized long tryTake(long now) {
        refill(now);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) / tokensPerNano);
    }

    /** True once the bucket has refilled completely: it then behaves exactly like a new one and can be dropped. */
    synchronized boolean isFull(long now) {
        refill(now);
        return tokens >= capacity;
    }

    private void refill(long now) {
        if (now > updatedAt) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerNano);
            updatedAt = now;
        }
    }
}
