package io.ottpulse.gateway.resilience;

import io.micrometer.core.instrument.MeterRegistry;
import io.ottpulse.gateway.GatewayFilterOrder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Route filter {@code RetryOnAnotherInstance}: when the call to an instance fails before its whole answer arrived
 * (connection refused, or broken before or during the answer, as when the instance dies mid-answer) and nothing has
 * gone to the caller yet, the request is sent again, to an instance it has not tried, up to {@code retries} times
 * and only while the gateway-wide {@link RetryBudget} allows. An instance that refused a connection is ejected
 * ({@link InstanceEjections}). Timeouts and whole answers, errors included, are never resent.
 *
 * <p>A request with a body is read into memory first ({@link ReplayableBody}), since a network body can be read only
 * once; requests without one stream as usual.
 */
public final class RetryOnAnotherInstanceGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    private final int retries;
    private final RetryBudget budget;
    private final InstanceEjections ejections;
    private final MeterRegistry meters;

    public RetryOnAnotherInstanceGatewayFilterFactory(int retries, RetryBudget budget, InstanceEjections ejections,
            MeterRegistry meters) {
        super(Object.class);
        this.retries = retries;
        this.budget = budget;
        this.ejections = ejections;
        this.meters = meters;
    }

    @Override
    public GatewayFilter apply(Object config) {
        return new OrderedGatewayFilter(this::filter, GatewayFilterOrder.RETRY);
    }

    private Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        budget.deposit();
        if (hasBody(exchange)) {
            return ReplayableBody.of(exchange).flatMap(replayable -> send(replayable, chain, 0));
        }
        return send(exchange, chain, 0);
    }

    /**
     * One attempt, and on a failure that may be resent, the next. An error handler rather than {@code retryWhen}:
     * the same decisions without the companion sink and serialised subscriber {@code retryWhen} builds for every
     * request, a measurable part of the gateway's own work on a path where nearly every request succeeds.
     */
    private Mono<Void> send(ServerWebExchange exchange, GatewayFilterChain chain, int resendsSoFar) {
        return chain.filter(exchange).onErrorResume(failure -> {
            if (!mayResend(exchange, failure, resendsSoFar)) {
                return Mono.error(failure);
            }
            ServerWebExchangeUtils.reset(exchange);
            return send(exchange, chain, resendsSoFar + 1);
        });
    }

    /** Decides after each failed attempt; {@code resendsSoFar} counts the attempts after the first. */
    private boolean mayResend(ServerWebExchange exchange, Throwable failure, int resendsSoFar) {
        UpstreamFailure kind = UpstreamFailure.of(failure);
        // Headers without their body are no answer; what counts is whether the caller has been sent anything.
        if (kind == UpstreamFailure.NONE || exchange.getResponse().isCommitted()) {
            return false;
        }
        Response<ServiceInstance> chosen = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
        if (chosen != null && chosen.hasServer()) {
            TriedInstances.add(exchange.getAttributes(), chosen.getServer());
            if (kind == UpstreamFailure.CONNECT) {
                ejections.eject(chosen.getServer());
            }
        }
        String result;
        if (resendsSoFar >= retries) {
            result = "retries_exhausted";
        } else if (!budget.tryWithdraw()) {
            result = "budget_exhausted";
        } else {
            result = "resent";
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        meters.counter("ottpulse.gateway.upstream.failures", "route", route == null ? "none" : route.getId(),
                "cause", kind.tag(), "result", result).increment();
        return result.equals("resent");
    }

    private static boolean hasBody(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        return !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method));
    }
}
