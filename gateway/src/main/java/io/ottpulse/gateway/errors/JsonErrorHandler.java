package io.ottpulse.gateway.errors;

import io.ottpulse.gateway.limits.PayloadTooLargeException;
import io.ottpulse.gateway.resilience.UpstreamFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Turns every failure that reaches the web layer (no route, upstream unreachable, body too large while streaming,
 * a bug) into the gateway's JSON error body. Runs before Spring Boot's own handler, which would answer with its
 * different shape.
 */
@Order(-2)
public final class JsonErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(failure);
        }
        GatewayError error = classify(failure);
        if (error == GatewayError.INTERNAL) {
            log.error("Failed {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), failure);
        }
        return GatewayErrors.write(exchange, error, message(error, failure, exchange));
    }

    static GatewayError classify(Throwable failure) {
        if (failure instanceof PayloadTooLargeException) {
            return GatewayError.PAYLOAD_TOO_LARGE;
        }
        if (failure instanceof ResponseStatusException status) {
            return byStatus(status.getStatusCode());
        }
        if (UpstreamFailure.of(failure) != UpstreamFailure.NONE) {
            return GatewayError.UPSTREAM_UNREACHABLE;
        }
        return GatewayError.INTERNAL;
    }

    private static GatewayError byStatus(HttpStatusCode status) {
        for (GatewayError error : GatewayError.values()) {
            if (error.status().value() == status.value()) {
                return error;
            }
        }
        return status.is4xxClientError() ? GatewayError.BAD_REQUEST : GatewayError.INTERNAL;
    }

    private static String message(GatewayError error, Throwable failure, ServerWebExchange exchange) {
        return switch (error) {
            case NOT_FOUND -> "nothing is served at " + exchange.getRequest().getMethod() + " "
                    + exchange.getRequest().getPath().value();
            case NO_INSTANCE -> "no instance of the service is available; retry later";
            case UPSTREAM_UNREACHABLE -> "no instance of the service could be reached; retry later";
            case UPSTREAM_TIMEOUT -> "the service did not answer in time";
            case PAYLOAD_TOO_LARGE -> failure.getMessage();
            case INTERNAL -> "the gateway failed to handle the request";
            default -> failure instanceof ResponseStatusException status && status.getReason() != null
                    ? status.getReason() : HttpStatus.valueOf(error.status().value()).getReasonPhrase();
        };
    }
}
