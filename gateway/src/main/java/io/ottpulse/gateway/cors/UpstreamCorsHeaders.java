package io.ottpulse.gateway.cors;

import java.util.Locale;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Drops {@code Access-Control-*} headers from upstream responses: the gateway alone decides CORS, and a second
 * {@code Access-Control-Allow-Origin} from an upstream would make browsers refuse the response.
 */
public final class UpstreamCorsHeaders implements HttpHeadersFilter {

    private static final String PREFIX = "access-control-";

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        boolean any = input.headerNames().stream().anyMatch(UpstreamCorsHeaders::isCors);
        if (!any) {
            return input;
        }
        HttpHeaders kept = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!isCors(name)) {
                kept.addAll(name, values);
            }
        });
        return kept;
    }

    private static boolean isCors(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }
}
