package io.ottpulse.gateway.auth;

import io.ottpulse.gateway.ApiHeaders;
import io.ottpulse.gateway.GatewayFilterOrder;
import io.ottpulse.gateway.errors.GatewayError;
import io.ottpulse.gateway.errors.GatewayErrors;
import java.util.Optional;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Identifies the caller from {@code X-Api-Key}: a known key makes the request its client's; no key is allowed only
 * on the anonymous routes (read-only pages and queries a browser opens, which cannot send headers); anything else is
 * answered with 401. The key never goes further than this filter: it is not logged, not tagged, not forwarded.
 */
public final class ApiKeyAuthenticationFilter implements GlobalFilter, Ordered {

    /** Exchange attribute holding the {@link ApiClient} of an admitted request. */
    public static final String CLIENT_ATTR = ApiKeyAuthenticationFilter.class.getName() + ".client";

    private final ApiKeys keys;
    private final Set<String> anonymousRoutes;
    private final ApiClient anonymous;

    public ApiKeyAuthenticationFilter(ApiKeys keys, Set<String> anonymousRoutes, ApiClient anonymous) {
        this.keys = keys;
        this.anonymousRoutes = Set.copyOf(anonymousRoutes);
        this.anonymous = anonymous;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String key = exchange.getRequest().getHeaders().getFirst(ApiHeaders.API_KEY);
        if (key == null || key.isEmpty()) {
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            if (route != null && anonymousRoutes.contains(route.getId())) {
                return admit(exchange, chain, anonymous);
            }
            return GatewayErrors.write(exchange, GatewayError.UNAUTHORIZED,
                    "an API key is required in the " + ApiHeaders.API_KEY + " header");
        }
        Optional<ApiClient> client = keys.lookup(key);
        if (client.isEmpty()) {
            return GatewayErrors.write(exchange, GatewayError.UNAUTHORIZED, "the API key is not valid");
        }
        return admit(exchange, chain, client.get());
    }

    private static Mono<Void> admit(ServerWebExchange exchange, GatewayFilterChain chain, ApiClient client) {
        exchange.getAttributes().put(CLIENT_ATTR, client);
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return GatewayFilterOrder.AUTHENTICATION;
    }
}
