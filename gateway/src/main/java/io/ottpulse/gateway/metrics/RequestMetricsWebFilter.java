package io.ottpulse.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.ottpulse.gateway.auth.ApiClient;
import io.ottpulse.gateway.auth.ApiKeyAuthenticationFilter;
import io.ottpulse.gateway.errors.GatewayError;
import io.ottpulse.gateway.errors.GatewayErrors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Times every request that is not the gateway's own actuator: {@code ottpulse.gateway.requests} by route, client,
 * method and status (a streamed response counts when it ends), and counts the gateway's own refusals
 * {@code ottpulse.gateway.rejections} by route, client and reason. A web filter rather than a gateway filter, so that
 * requests refused before or without a route (CORS, body size, no route) are counted as well.
 */
public final class RequestMetricsWebFilter implements WebFilter, Ordered {

    public static final String REQUESTS = "ottpulse.gateway.requests";
    public static final String REJECTIONS = "ottpulse.gateway.rejections";
    /** No route matched, or the request was refused before routing. */
    static final String NO_ROUTE = "none";
    /** Refused before the caller was identified. */
    static final String NO_CLIENT = "unidentified";

    /**
     * The timer of each tag combination, looked up once: building the tags and the meter id for every request was a
     * measurable share of the gateway's own work. As bounded as the tags themselves (routes, configured clients,
     * methods, statuses).
     */
    private record TimerKey(String route, String client, String method, int status) {
    }

    private final MeterRegistry meters;
    private final String actuatorPrefix;
    private final ConcurrentMap<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    public RequestMetricsWebFilter(MeterRegistry meters, String actuatorBasePath) {
        this.meters = meters;
        this.actuatorPrefix = actuatorBasePath.endsWith("/") ? actuatorBasePath : actuatorBasePath + "/";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().startsWith(actuatorPrefix)) {
            return chain.filter(exchange);
        }
        Timer.Sample sample = Timer.start(meters);
        return chain.filter(exchange).doFinally(signal -> record(exchange, sample));
    }

    private void record(ServerWebExchange exchange, Timer.Sample sample) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        ApiClient client = exchange.getAttribute(ApiKeyAuthenticationFilter.CLIENT_ATTR);
        String routeId = route == null ? NO_ROUTE : route.getId();
        String clientName = client == null ? NO_CLIENT : client.name();
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        TimerKey key = new TimerKey(routeId, clientName, exchange.getRequest().getMethod().name(),
                status == null ? -1 : status.value());
        sample.stop(timers.computeIfAbsent(key, this::timer));
        GatewayError error = exchange.getAttribute(GatewayErrors.ERROR_ATTR);
        if (error != null) {
            meters.counter(REJECTIONS, "route", routeId, "client", clientName, "reason", error.code()).increment();
        }
    }

    private Timer timer(TimerKey key) {
        return meters.timer(REQUESTS, Tags.of("route", key.route(), "client", key.client(), "method", key.method(),
                "status", key.status() < 0 ? "none" : Integer.toString(key.status())));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
