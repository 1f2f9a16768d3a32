package io.ottpulse.gateway.forwarding;

import io.ottpulse.gateway.ApiHeaders;
import io.ottpulse.gateway.auth.ApiClient;
import io.ottpulse.gateway.auth.ApiKeyAuthenticationFilter;
import java.util.Locale;
import java.util.Set;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers an upstream may trust, because the gateway alone sets them: any client-sent copy of
 * {@code X-Gateway-Token}, {@code X-Client-Id}, {@code X-Request-Id}, {@code X-Forwarded-*} or {@code Forwarded} is
 * dropped, as is the caller's {@code X-Api-Key}; then the request gets {@code X-Client-Id} (the client name),
 * {@code X-Request-Id}, {@code X-Forwarded-For} (the caller's address) and, on its way to an ingest instance only,
 * the shared secret {@code X-Gateway-Token}.
 *
 * <p>Applied to the outgoing request as the last of Spring Cloud Gateway's header filters, so none of theirs can
 * undo it.
 */
public final class ForwardedHeaders implements HttpHeadersFilter, Ordered {

    private static final Set<String> DROPPED = Set.of(
            ApiHeaders.GATEWAY_TOKEN.toLowerCase(Locale.ROOT),
            ApiHeaders.CLIENT_ID.toLowerCase(Locale.ROOT),
            ApiHeaders.REQUEST_ID.toLowerCase(Locale.ROOT),
            ApiHeaders.API_KEY.toLowerCase(Locale.ROOT),
            "forwarded");
    private static final String FORWARDED_PREFIX = "x-forwarded-";

    private final String ingestServiceId;
    private final String ingestToken;

    public ForwardedHeaders(String ingestServiceId, String ingestToken) {
        this.ingestServiceId = ingestServiceId;
        this.ingestToken = ingestToken;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders forwarded = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!isGatewayOwned(name)) {
                forwarded.addAll(name, values);
            }
        });
        ApiClient client = exchange.getAttribute(ApiKeyAuthenticationFilter.CLIENT_ATTR);
        if (client != null) {
            forwarded.set(ApiHeaders.CLIENT_ID, client.name());
        }
        String requestId = exchange.getAttribute(RequestIdWebFilter.REQUEST_ID_ATTR);
        if (requestId != null) {
            forwarded.set(ApiHeaders.REQUEST_ID, requestId);
        }
        forwarded.set(ApiHeaders.FORWARDED_FOR, ClientAddress.of(exchange.getRequest()));
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route != null && ingestServiceId.equalsIgnoreCase(route.getUri().getHost())) {
            forwarded.set(ApiHeaders.GATEWAY_TOKEN, ingestToken);
        }
        return forwarded;
    }

    private static boolean isGatewayOwned(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return DROPPED.contains(lower) || lower.startsWith(FORWARDED_PREFIX);
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
