package io.ottpulse.gateway.limits;

import io.ottpulse.gateway.errors.GatewayError;
import io.ottpulse.gateway.errors.GatewayErrors;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies over the limit with 413, without holding any body: a declared {@code Content-Length} over
 * the limit is answered before a byte is read, and a chunked body is counted as it streams through and cut off at
 * the first buffer past the limit (that buffer is released at once; the ones before it are already downstream).
 */
public final class BodySizeLimitWebFilter implements WebFilter, Ordered {

    /** Right after CORS: a preflight has no body, anything else is measured before any other work. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 30;

    private final long maxBytes;

    public BodySizeLimitWebFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long declared = request.getHeaders().getContentLength();
        if (declared > maxBytes) {
            return GatewayErrors.write(exchange, GatewayError.PAYLOAD_TOO_LARGE,
                    "the request body of " + declared + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
        if (declared >= 0 || !mayHaveBody(request)) {
            // The server reads exactly Content-Length bytes, or there is no body: nothing to count.
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return limit(super.getBody(), maxBytes);
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private static boolean mayHaveBody(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        return request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)
                || !(HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method));
    }

    static Flux<DataBuffer> limit(Flux<DataBuffer> body, long maxBytes) {
        return Flux.defer(() -> {
            long[] seen = {0};
            return body.handle((buffer, sink) -> {
                seen[0] += buffer.readableByteCount();
                if (seen[0] > maxBytes) {
                    DataBufferUtils.release(buffer);
                    sink.error(new PayloadTooLargeException(maxBytes));
                } else {
                    sink.next(buffer);
                }
            });
        });
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
