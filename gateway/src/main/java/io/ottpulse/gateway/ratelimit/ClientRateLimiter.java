package io.ottpulse.gateway.ratelimit;

import io.ottpulse.gateway.auth.ApiClient;
import reactor.core.publisher.Mono;

/** Decides whether a client's request fits its rate limit, taking a token from the named bucket if it does. */
public interface ClientRateLimiter {

    /**
     * @param client whose limits apply
     * @param bucketId the bucket to take from: the client name, or a per-address bucket for anonymous callers
     */
    Mono<RateDecision> tryAcquire(ApiClient client, String bucketId);
}
