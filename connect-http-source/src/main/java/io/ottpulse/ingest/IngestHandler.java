package io.ottpulse.ingest;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.ottpulse.activity.event.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the listener's requests: {@code POST /v1/events} (after checking the gateway token) to {@link EventIntake},
 * {@code GET /health} to the health answer, anything else to 404/405.
 */
@ChannelHandler.Sharable
final class IngestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String EVENTS_PATH = "/v1/events";
    static final String HEALTH_PATH = "/health";

    private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);

    private final EventIntake intake;
    private final GatewayToken token;
    private final InFlightBudget budget;
    private final RecordQueue queue;
    private final BooleanSupplier draining;
    private final IngestMetrics metrics;

    IngestHandler(EventIntake intake, GatewayToken token, InFlightBudget budget, RecordQueue queue,
            BooleanSupplier draining, IngestMetrics metrics) {
        super(true);
        this.intake = intake;
        this.token = token;
        this.budget = budget;
        this.queue = queue;
        this.draining = draining;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        long received = System.nanoTime();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        EventIntake.Answer answer = response -> {
            metrics.answered(response.status(), (System.nanoTime() - received) / 1_000_000);
            respond(ctx, keepAlive, response);
        };
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.equals(EVENTS_PATH)) {
            if (!request.method().equals(HttpMethod.POST)) {
                answer.send(IngestResponse.error(405, "method_not_allowed",
                        new FieldError("method", request.method() + " is not allowed; use POST")));
            } else if (!token.accepts(request.headers().get(GatewayToken.HEADER))) {
                answer.send(IngestResponse.error(401, "unauthorized", new FieldError(GatewayToken.HEADER,
                        "missing or wrong; requests reach ingest through the gateway")));
            } else {
                intake.accept(ctx, request, answer);
            }
        } else if (path.equals(HEALTH_PATH) && request.method().equals(HttpMethod.GET)) {
            respond(ctx, keepAlive, health());
        } else {
            answer.send(IngestResponse.error(404, "not_found", new FieldError("path", path + " is not served")));
        }
    }

    private IngestResponse health() {
        boolean isDraining = draining.getAsBoolean();
        String body = "{\"status\":\"" + (isDraining ? "draining" : "ready") + "\",\"inFlightEvents\":"
                + budget.events() + ",\"queuedRecords\":" + queue.size() + "}";
        return new IngestResponse(isDraining ? 503 : 200, body.getBytes(StandardCharsets.UTF_8), null);
    }

    static void respond(ChannelHandlerContext ctx, boolean keepAlive, IngestResponse response) {
        FullHttpResponse http = toHttp(response);
        if (keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(http);
        } else {
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }

    static FullHttpResponse toHttp(IngestResponse response) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        http.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        if (response.retryAfterSeconds() != null) {
            http.headers().setInt(HttpHeaderNames.RETRY_AFTER, response.retryAfterSeconds());
        }
        return http;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Closing an ingest connection after an error", cause);
        if (ctx.channel().isActive()) {
            respond(ctx, false, IngestResponse.error(400, "bad_request",
                    new FieldError("body", String.valueOf(cause.getMessage()))));
        }
    }
}
