package io.ottpulse.gateway.resilience;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Caps retries across the whole gateway, so that a failing service gets at most a fraction more traffic instead of
 * a multiple of it (a retry storm). Every request deposits {@code ratio} of a retry; time deposits
 * {@code minPerSecond}; a retry withdraws one. The balance is capped at ten seconds' worth of the floor plus a
 * hundred requests' worth of deposits, so a long quiet spell does not save up a storm either.
 */
public final class RetryBudget {

    private static final double NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final double CAP_SECONDS = 10;
    private static final double CAP_REQUESTS = 100;

    private final double ratio;
    private final double perNano;
    private final double cap;
    private final LongSupplier nanoClock;
    private double balance;
    private long updatedAt;

    public RetryBudget(double ratio, int minPerSecond) {
        this(ratio, minPerSecond, System::nanoTime);
    }

    RetryBudget(double ratio, int minPerSecond, LongSupplier nanoClock) {
        this.ratio = ratio;
        this.perNano = minPerSecond / NANOS_PER_SECOND;
        this.cap = minPerSecond * CAP_SECONDS + ratio * CAP_REQUESTS;
        this.nanoClock = nanoClock;
        this.updatedAt = nanoClock.getAsLong();
        this.balance = minPerSecond;
    }

    /** A first attempt was made. */
    public synchronized void deposit() {
        accrue();
        balance = Math.min(cap, balance + ratio);
    }

    /** True, withdrawing one retry, when the budget allows one now. */
    public synchronized boolean tryWithdraw() {
        accrue();
        if (balance >= 1) {
            balance -= 1;
            return true;
        }
        return false;
    }

    private void accrue() {
        long now = nanoClock.getAsLong();
        if (now > updatedAt) {
            balance = Math.min(cap, balance + (now - updatedAt) * perNano);
            updatedAt = now;
        }
    }
}
