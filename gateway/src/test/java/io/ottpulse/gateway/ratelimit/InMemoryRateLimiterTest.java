package io.ottpulse.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.gateway.auth.ApiClient;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(now::get);
    private final ApiClient client = new ApiClient("tv", 2, 3);

    @Test
    void allowsABurstThenTheRateAndSaysWhenToComeBack() {
        assertThat(limiter.decide(client, "tv").allowed()).isTrue();
        assertThat(limiter.decide(client, "tv").allowed()).isTrue();
        assertThat(limiter.decide(client, "tv").allowed()).isTrue();
        RateDecision refused = limiter.decide(client, "tv");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);

        advance(499);
        assertThat(limiter.decide(client, "tv").allowed()).as("half a token after 499 ms").isFalse();
        advance(1);
        assertThat(limiter.decide(client, "tv").allowed()).as("one token after 500 ms at 2/s").isTrue();
        assertThat(limiter.decide(client, "tv").allowed()).isFalse();
    }

    @Test
    void refillsNoMoreThanTheBurst() {
        for (int i = 0; i < 3; i++) {
            limiter.decide(client, "tv");
        }
        advance(60_000);
        int allowed = 0;
        while (limiter.decide(client, "tv").allowed()) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(3);
    }

    @Test
    void keepsOneBucketPerBucketId() {
        ApiClient anonymous = new ApiClient(ApiClient.ANONYMOUS_NAME, 1, 1);
        assertThat(limiter.decide(anonymous, "address:10.0.0.1").allowed()).isTrue();
        assertThat(limiter.decide(anonymous, "address:10.0.0.1").allowed()).isFalse();
        assertThat(limiter.decide(anonymous, "address:10.0.0.2").allowed()).isTrue();
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        ApiClient slow = new ApiClient("slow", 1, 1);
        limiter.decide(slow, "slow");
        advance(100);
        assertThat(limiter.decide(slow, "slow").retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void dropsRefilledBucketsOnceThereAreManyButKeepsBusyOnes() {
        ApiClient anonymous = new ApiClient(ApiClient.ANONYMOUS_NAME, 1, 1);
        for (int i = 0; i < InMemoryRateLimiter.SWEEP_THRESHOLD; i++) {
            limiter.decide(anonymous, "address:" + i);
        }
        advance(2_000);
        limiter.decide(anonymous, "address:busy");
        assertThat(limiter.bucketCount()).isEqualTo(1);
        assertThat(limiter.decide(anonymous, "address:busy").allowed()).as("the busy bucket kept its state").isFalse();
    }

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
