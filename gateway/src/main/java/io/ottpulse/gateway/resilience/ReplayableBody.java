package io.ottpulse.gateway.resilience;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A request body kept so that it can be sent more than once. It is copied to the heap as it arrives and each
 * network buffer is released at once, so nothing pooled or direct outlives the read, whatever happens later: the
 * direct-memory leaks gateways are known for come from pooled buffers held across a failure. The size limit has
 * already been applied (by declared length, or counted while streaming) before this reads anything.
 */
final class ReplayableBody {

    private ReplayableBody() {
    }

    /** The exchange with its body read into memory and served afresh to every subscriber. */
    static Mono<ServerWebExchange> of(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        return request.getBody()
                .collect(ByteArrayOutputStream::new, ReplayableBody::copyAndRelease)
                .map(bytes -> exchange.mutate().request(replaying(exchange, request, bytes.toByteArray())).build());
    }

    private static void copyAndRelease(ByteArrayOutputStream out, DataBuffer buffer) {
        try (InputStream in = buffer.asInputStream(true)) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: reading a buffer in memory", e);
        }
    }

    private static ServerHttpRequest replaying(ServerWebExchange exchange, ServerHttpRequest request, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(request.getHeaders());
        headers.remove(HttpHeaders.TRANSFER_ENCODING);
        headers.setContentLength(body.length);
        return new ServerHttpRequestDecorator(request) {
            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }

            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.defer(() -> Flux.just(exchange.getResponse().bufferFactory().wrap(body)));
            }
        };
    }
}
