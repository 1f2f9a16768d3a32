package io.ottpulse.gateway.cors;

import io.ottpulse.gateway.GatewaySettings;
import io.ottpulse.gateway.ApiHeaders;
import io.ottpulse.gateway.errors.GatewayError;
import io.ottpulse.gateway.errors.GatewayErrors;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsProcessor;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * CORS for browser players on other origins: only the configured origins, only GET and POST, only the headers a
 * client sends ({@code Content-Type}, {@code X-Api-Key}); the request id and {@code Retry-After} are readable by the
 * page. Preflights are answered here (204) and go no further; a request from an origin not allowed is answered 403
 * with the JSON error body. Same-origin requests (the dashboard served through the gateway) are untouched.
 */
public final class GatewayCorsFilter implements WebFilter, Ordered {

    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    private final CorsConfiguration config;
    private final CorsProcessor processor = new DefaultCorsProcessor();

    public GatewayCorsFilter(GatewaySettings.Cors settings) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(settings.allowedOrigins());
        cors.setAllowedMethods(List.of(HttpMethod.GET.name(), HttpMethod.POST.name()));
        cors.setAllowedHeaders(List.of(HttpHeaders.CONTENT_TYPE, ApiHeaders.API_KEY));
        cors.setExposedHeaders(List.of(ApiHeaders.REQUEST_ID, HttpHeaders.RETRY_AFTER));
        cors.setAllowCredentials(false);
        cors.setMaxAge(settings.maxAge());
        this.config = cors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!CorsUtils.isCorsRequest(request)) {
            return chain.filter(exchange);
        }
        if (!processor.process(config, exchange)) {
            return GatewayErrors.write(exchange, GatewayError.CORS_REJECTED, "cross-origin request from "
                    + request.getHeaders().getOrigin() + " is not allowed");
        }
        if (CorsUtils.isPreFlightRequest(request)) {
            exchange.getResponse().setStatusCode(HttpStatus.NO_CONTENT);
            return Mono.empty();
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
