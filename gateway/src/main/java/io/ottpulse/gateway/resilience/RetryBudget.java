package io.ottpulse.gateway.resilience;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Caps retries across the whole gateway, so that a failing service gets at most a fraction more traffic instead of
 * a multiple of it (a retry storm). Every request deposits {@code ratio} of a retry; time deposits
 * {@code minPerSecond}; a retry withdraws one. The balance is capped at ten seconds' worth of the floor plus a
 * hundred requests' worth of deposits, so a long quiet spell does not save up a storm either. Counted in millionths
 * of a retry, so that deposits add up exactly.
 */
public final class RetryBudget {

    private static final long UNITS_PER_RETRY = 1_000_000;
    private static final long NANOS_PER_UNIT_PER_SECOND = TimeUnit.SECONDS.toNanos(1) / UNITS_PER_RETRY;
    private static final long CAP_SECONDS = 10;
    private static final long CAP_REQUESTS = 100;
    /** Accrual is counted for at most this long: more only overflows, the cap is reached long before. */
    private static final long MAX_ACCRUAL_NANOS = TimeUnit.HOURS.toNanos(1);
    /** Keeps {@code MAX_ACCRUAL_NANOS * minPerSecond} within a long. */
    public static final int MAX_MIN_PER_SECOND = 1_000_000;

    private final long unitsPerRequest;
    private final long minPerSecond;
    private final long cap;
    private final LongSupplier nanoClock;
    private long balance;
    private long updatedAt;

    public RetryBudget(double ratio, int minPerSecond) {
        this(ratio, minPerSecond, System::nanoTime);
    }

    RetryBudget(double ratio, int minPerSecond, LongSupplier nanoClock) {
        if (ratio < 0 || minPerSecond < 0 || minPerSecond > MAX_MIN_PER_SECOND) {
            throw new IllegalArgumentException("the retry budget needs a ratio >= 0 and 0 to " + MAX_MIN_PER_SECOND
                    + " retries per second; were " + ratio + " and " + minPerSecond);
        }
        this.unitsPerRequest = Math.round(ratio * UNITS_PER_RETRY);
        this.minPerSecond = minPerSecond;
        this.cap = minPerSecond * CAP_SECONDS * UNITS_PER_RETRY + unitsPerRequest * CAP_REQUESTS;
        this.nanoClock = nanoClock;
        this.updatedAt = nanoClock.getAsLong();
        this.balance = minPerSecond * UNITS_PER_RETRY;
    }

    /** A first attempt was made. */
    public synchronized void deposit() {
        accrue();
        balance = Math.min(cap, balance + unitsPerRequest);
    }

    /** True, withdrawing one retry, when the budget allows one now. */
    public synchronized boolean tryWithdraw() {
        accrue();
        if (balance >= UNITS_PER_RETRY) {
            balance -= UNITS_PER_RETRY;
            return true;
        }
        return false;
    }

    private void accrue() {
        long now = nanoClock.getAsLong();
        long elapsed = Math.min(now - updatedAt, MAX_ACCRUAL_NANOS);
        if (elapsed > 0) {
            balance = Math.min(cap, balance + elapsed * minPerSecond / NANOS_PER_UNIT_PER_SECOND);
            updatedAt = now;
        }
    }
}
