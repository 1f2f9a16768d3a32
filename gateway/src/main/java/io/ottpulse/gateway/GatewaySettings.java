package io.ottpulse.gateway;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything the gateway's own filters need, under {@code ottpulse.gateway}. Spring's relaxed binding also reads each
 * key from the environment, e.g. {@code OTTPULSE_GATEWAY_INGEST_TOKEN} for {@code ottpulse.gateway.ingest-token}.
 *
 * @param ingestToken the shared secret sent as {@code X-Gateway-Token} to every ingest instance; required
 * @param ingestServiceId the service id whose instances get that secret
 * @param apiKeys client keys inline: {@code client:key[:rate[:burst]]} entries separated by commas or newlines
 * @param apiKeysFile a file of such entries, one per line ({@code #} starts a comment); empty for none
 * @param anonymousRoutes ids of the routes that may be used without a key (read-only routes a browser opens)
 * @param maxRequestSize the largest request body accepted
 * @param rateLimit per-client token buckets
 * @param cors browser access from other origins
 * @param retry resending to another instance after a connection failure
 */
@ConfigurationProperties("ottpulse.gateway")
public record GatewaySettings(
        String ingestToken,
        @DefaultValue("activity-ingest") String ingestServiceId,
        @DefaultValue("") String apiKeys,
        @DefaultValue("") String apiKeysFile,
        @DefaultValue({"stats-api", "stats-stream", "dashboard"}) List<String> anonymousRoutes,
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Cors cors,
        @DefaultValue Retry retry) {

    /** Shortest shared secret accepted: shorter ones are guessable. */
    public static final int MIN_INGEST_TOKEN_LENGTH = 16;

    public GatewaySettings {
        if (ingestToken == null || ingestToken.isBlank()) {
            throw new IllegalArgumentException("ottpulse.gateway.ingest-token (environment OTTPULSE_GATEWAY_INGEST_TOKEN)"
                    + " is required: the ingest instances refuse requests without it");
        }
        if (ingestToken.length() < MIN_INGEST_TOKEN_LENGTH) {
            throw new IllegalArgumentException("ottpulse.gateway.ingest-token must have at least "
                    + MIN_INGEST_TOKEN_LENGTH + " characters");
        }
        if (maxRequestSize.toBytes() <= 0) {
            throw new IllegalArgumentException("ottpulse.gateway.max-request-size must be positive");
        }
        anonymousRoutes = List.copyOf(anonymousRoutes);
    }

    /**
     * @param backend {@code memory} (one bucket per client in this gateway) or {@code redis} (Spring Cloud Gateway's
     *     RedisRateLimiter: buckets shared by every gateway instance)
     * @param defaultRate requests per second for a key that does not give its own
     * @param defaultBurst bucket size for a key that does not give its own
     * @param anonymousRate requests per second per client address on the anonymous routes
     * @param anonymousBurst bucket size per client address on the anonymous routes
     */
    public record RateLimit(
            @DefaultValue("memory") Backend backend,
            @DefaultValue("100") int defaultRate,
            @DefaultValue("200") int defaultBurst,
            @DefaultValue("20") int anonymousRate,
            @DefaultValue("40") int anonymousBurst) {

        public RateLimit {
            requireRate(defaultRate, defaultBurst, "default");
            requireRate(anonymousRate, anonymousBurst, "anonymous");
        }

        private static void requireRate(int rate, int burst, String which) {
            if (rate < 1 || burst < rate) {
                throw new IllegalArgumentException("ottpulse.gateway.rate-limit." + which + "-rate must be at least 1"
                        + " and " + which + "-burst at least the rate; were " + rate + " and " + burst);
            }
        }
    }

    /** Where the token buckets live. */
    public enum Backend {
        MEMORY,
        REDIS
    }

    /**
     * @param allowedOrigins origins (e.g. {@code https://player.example.com}) or patterns
     *     ({@code https://*.example.com}) whose pages may call the gateway; none by default
     * @param maxAge how long a browser may cache a preflight answer
     */
    public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {

        public Cors {
            allowedOrigins = List.copyOf(allowedOrigins);
        }
    }

    /**
     * @param retries resends of one request after its first attempt, each to an instance not tried yet
     * @param budgetRatio retries allowed per request across the gateway, so a failing service is not hit with a
     *     retry storm (0.2: at most one retry per five requests, over time)
     * @param budgetMinPerSecond retries always allowed per second, so low traffic can still fail over
     * @param ejection how long an instance that refused a connection gets no traffic (unless no other is left)
     */
    public record Retry(
            @DefaultValue("2") int retries,
            @DefaultValue("0.2") double budgetRatio,
            @DefaultValue("10") int budgetMinPerSecond,
            @DefaultValue("30s") Duration ejection) {

        public Retry {
            if (retries < 0 || budgetRatio < 0 || budgetMinPerSecond < 0 || ejection.isNegative()) {
                throw new IllegalArgumentException("ottpulse.gateway.retry.* must not be negative");
            }
        }
    }
}
