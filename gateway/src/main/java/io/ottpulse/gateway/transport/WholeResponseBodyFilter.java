package io.ottpulse.gateway.transport;

import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends a small upstream answer to the caller in one write. Spring Cloud Gateway passes the upstream body on as a
 * stream, and Reactor Netty writes a streamed answer's headers on their own, waits for that write, then writes the
 * body: two socket writes (and two reads for the caller) for a two-byte answer. When the upstream declares a length
 * of at most {@link #MAX_WHOLE_BYTES}, the body buffers (already in memory: an answer this small arrives in one or
 * two reads) are joined and sent with the headers as one message. Anything else (no declared length, e.g.
 * server-sent events, or a larger body) still streams. Joined buffers are released on error and cancellation by
 * Spring's {@link DataBufferUtils#join}, and the joined one by the response, as for any body.
 */
public final class WholeResponseBodyFilter implements GlobalFilter, Ordered {

    /** Bodies up to this size are sent whole; larger ones stream, so the gateway never holds much per request. */
    public static final int MAX_WHOLE_BYTES = 16 * 1024;

    /** Right before the filter that writes the upstream answer, which then writes to this response. */
    public static final int ORDER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - 1;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange.mutate().response(new WholeBodyResponse(exchange.getResponse())).build());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    private static final class WholeBodyResponse extends ServerHttpResponseDecorator {

        WholeBodyResponse(ServerHttpResponse delegate) {
            super(delegate);
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            long length = getHeaders().getContentLength();
            if (body instanceof Mono || length <= 0 || length > MAX_WHOLE_BYTES) {
                return super.writeWith(body);
            }
            return super.writeWith(DataBufferUtils.join(body, (int) length));
        }
    }
}
