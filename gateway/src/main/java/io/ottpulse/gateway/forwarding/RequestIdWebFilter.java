package io.ottpulse.gateway.forwarding;

import io.ottpulse.gateway.ApiHeaders;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request a new id, returned to the caller as {@code X-Request-Id} (errors included) and sent upstream by
 * {@link ForwardedHeaders}. A client-sent id is not reused: ids must be unique to be worth logging.
 */
public final class RequestIdWebFilter implements WebFilter, Ordered {

    /** Exchange attribute holding the request id. */
    public static final String REQUEST_ID_ATTR = RequestIdWebFilter.class.getName() + ".id";
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = newId();
        exchange.getAttributes().put(REQUEST_ID_ATTR, id);
        exchange.getResponse().getHeaders().set(ApiHeaders.REQUEST_ID, id);
        return chain.filter(exchange);
    }

    /** 128 random bits as 32 hex digits; ThreadLocalRandom, because SecureRandom would serialise the event loops. */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return hex16(random.nextLong()) + hex16(random.nextLong());
    }

    private static String hex16(long value) {
        String hex = Long.toHexString(value);
        return "0".repeat(16 - hex.length()) + hex;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
