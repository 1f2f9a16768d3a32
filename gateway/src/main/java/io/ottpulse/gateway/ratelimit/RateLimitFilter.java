package io.ottpulse.gateway.ratelimit;

import io.ottpulse.gateway.GatewayFilterOrder;
import io.ottpulse.gateway.auth.ApiClient;
import io.ottpulse.gateway.auth.ApiKeyAuthenticationFilter;
import io.ottpulse.gateway.errors.GatewayError;
import io.ottpulse.gateway.errors.GatewayErrors;
import io.ottpulse.gateway.forwarding.ClientAddress;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Takes a token from the caller's bucket, or answers 429 with {@code Retry-After}. A client with a key has one
 * bucket; anonymous callers have one each, by address.
 */
public final class RateLimitFilter implements GlobalFilter, Ordered {

    private final ClientRateLimiter limiter;

    public RateLimitFilter(ClientRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ApiClient client = exchange.getRequiredAttribute(ApiKeyAuthenticationFilter.CLIENT_ATTR);
        String bucket = client.isAnonymous() ? "address:" + ClientAddress.of(exchange.getRequest()) : client.name();
        return limiter.tryAcquire(client, bucket).flatMap(decision -> {
            if (decision.allowed()) {
                return chain.filter(exchange);
            }
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            String message = client.isAnonymous()
                    ? "requests without an API key are limited to " + client.ratePerSecond() + " per second per address"
                    : "client " + client.name() + " is over its limit of " + client.ratePerSecond() + " requests per second";
            return GatewayErrors.write(exchange, GatewayError.RATE_LIMITED, message, headers);
        });
    }

    @Override
    public int getOrder() {
        return GatewayFilterOrder.RATE_LIMIT;
    }
}
