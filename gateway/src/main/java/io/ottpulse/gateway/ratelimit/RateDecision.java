package io.ottpulse.gateway.ratelimit;

/**
 * The answer of a rate limiter for one request.
 *
 * @param allowed whether the request may go on
 * @param retryAfterSeconds when refused, the whole seconds after which a request will be allowed again (at least 1)
 */
public record RateDecision(boolean allowed, long retryAfterSeconds) {

    public static final RateDecision ALLOWED = new RateDecision(true, 0);

    public static RateDecision refused(long retryAfterSeconds) {
        return new RateDecision(false, Math.max(1, retryAfterSeconds));
    }
}
