package io.ottpulse.gateway.ratelimit;

import io.ottpulse.gateway.auth.ApiClient;
import java.util.Collection;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

/**
 * Buckets in Redis, shared by every gateway instance, through Spring Cloud Gateway's standard {@link RedisRateLimiter}
 * (the one behind its {@code RequestRateLimiter} filter: one Lua script call per request). Its per-route
 * configuration is used per client instead: each client's rate and burst are registered under the client name.
 * Like that limiter, it lets requests through while Redis cannot be reached (it logs the error), so a Redis outage
 * turns limits off rather than the gateway.
 */
public final class RedisClientRateLimiter implements ClientRateLimiter {

    private final RedisRateLimiter redis;

    /** Registers every client's limits up front: the limiter's configuration map is not safe to change later. */
    public RedisClientRateLimiter(RedisRateLimiter redis, Collection<ApiClient> clients) {
        this.redis = redis;
        for (ApiClient client : clients) {
            redis.getConfig().put(client.name(), new RedisRateLimiter.Config()
                    .setReplenishRate(client.ratePerSecond())
                    .setBurstCapacity(client.burst()));
        }
    }

    @Override
    public Mono<RateDecision> tryAcquire(ApiClient client, String bucketId) {
        // A token comes back at rate per second, so one is always available again within a second.
        return redis.isAllowed(client.name(), bucketId)
                .map(response -> response.isAllowed() ? RateDecision.ALLOWED : RateDecision.refused(1));
    }
}
