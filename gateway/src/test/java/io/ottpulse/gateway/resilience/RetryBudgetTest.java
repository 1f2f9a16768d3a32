package io.ottpulse.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void allowsTheFloorPerSecondWithoutTraffic() {
        RetryBudget budget = new RetryBudget(0.2, 3, now::get);
        assertThat(withdrawals(budget)).isEqualTo(3);
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(withdrawals(budget)).isEqualTo(3);
    }

    @Test
    void allowsAFractionOfTheRequests() {
        RetryBudget budget = new RetryBudget(0.2, 0, now::get);
        for (int i = 0; i < 50; i++) {
            budget.deposit();
        }
        assertThat(withdrawals(budget)).isEqualTo(10);
    }

    @Test
    void doesNotSaveUpAStormDuringQuietTimes() {
        RetryBudget budget = new RetryBudget(0.2, 10, now::get);
        now.addAndGet(TimeUnit.HOURS.toNanos(1));
        assertThat(withdrawals(budget)).isEqualTo(10 * 10 + 20);
    }

    private static int withdrawals(RetryBudget budget) {
        int count = 0;
        while (budget.tryWithdraw()) {
            count++;
        }
        return count;
    }
}
