package io.ottpulse.gateway.errors;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the gateway's own answers: {@code {"error": "...", "message": "..."}} with the error's status, and notes the
 * error on the exchange so the request metrics can count rejections by reason.
 */
public final class GatewayErrors {

    /** Exchange attribute holding the {@link GatewayError} the gateway answered with, if any. */
    public static final String ERROR_ATTR = GatewayErrors.class.getName() + ".error";

    private static final JsonMapper JSON = JsonMapper.shared();

    private GatewayErrors() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, GatewayError error, String message) {
        return write(exchange, error, message, HttpHeaders.EMPTY);
    }

    /** Answers with the error unless the response has already started, in which case nothing can be said. */
    public static Mono<Void> write(ServerWebExchange exchange, GatewayError error, String message, HttpHeaders headers) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        exchange.getAttributes().put(ERROR_ATTR, error);
        response.setStatusCode(error.status());
        response.getHeaders().putAll(headers);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        byte[] body = body(error, message);
        response.getHeaders().setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    static byte[] body(GatewayError error, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", message);
        return JSON.writeValueAsBytes(body);
    }
}
