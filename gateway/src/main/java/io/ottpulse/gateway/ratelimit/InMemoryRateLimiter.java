package io.ottpulse.gateway.ratelimit;

import io.ottpulse.gateway.auth.ApiClient;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * One token bucket per bucket id in this gateway's memory: exact and free of network calls, but each gateway instance
 * enforces the limit on its own (with N instances behind a balancer a client gets up to N times its rate). Buckets
 * that have refilled completely are dropped once their number passes a threshold, so per-address buckets of
 * anonymous callers cannot grow without bound.
 */
public final class InMemoryRateLimiter implements ClientRateLimiter {

    static final int SWEEP_THRESHOLD = 10_000;
    private static final long SWEEP_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final double NANOS_PER_SECOND = 1e9;

    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final AtomicLong lastSweep;

    public InMemoryRateLimiter() {
        this(System::nanoTime);
    }

    InMemoryRateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.lastSweep = new AtomicLong(nanoClock.getAsLong());
    }

    @Override
    public Mono<RateDecision> tryAcquire(ApiClient client, String bucketId) {
        return Mono.just(decide(client, bucketId));
    }

    RateDecision decide(ApiClient client, String bucketId) {
        long now = nanoClock.getAsLong();
        TokenBucket bucket = buckets.get(bucketId);
        if (bucket == null) {
            sweepIfCrowded(now);
            bucket = buckets.computeIfAbsent(bucketId, id -> new TokenBucket(client.ratePerSecond(), client.burst(), now));
        }
        long waitNanos = bucket.tryTake(now);
        return waitNanos == 0 ? RateDecision.ALLOWED : RateDecision.refused((long) Math.ceil(waitNanos / NANOS_PER_SECOND));
    }

    int bucketCount() {
        return buckets.size();
    }

    private void sweepIfCrowded(long now) {
        long last = lastSweep.get();
        if (buckets.size() >= SWEEP_THRESHOLD && now - last >= SWEEP_INTERVAL_NANOS && lastSweep.compareAndSet(last, now)) {
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
    }
}
