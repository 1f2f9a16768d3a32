package io.ottpulse.ingest;

import io.netty.buffer.ByteBufUtil;
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
import io.ottpulse.activity.event.EventBatch;
import io.ottpulse.activity.event.EventBatchParser;
import io.ottpulse.activity.event.FieldError;
import io.ottpulse.activity.event.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code POST /v1/events} and {@code GET /health}. An accepted request is answered only when Kafka has
 * settled every record made from it, or with 503 when that takes longer than the acknowledgement timeout.
 */
@ChannelHandler.Sharable
final class IngestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String EVENTS_PATH = "/v1/events";
    static final String HEALTH_PATH = "/health";
    static final String CLIENT_ID_HEADER = "X-Client-Id";
    private static final int RETRY_AFTER_OVERLOADED_SECONDS = 1;
    private static final int RETRY_AFTER_UNCONFIRMED_SECONDS = 2;

    private static final Logger log = LoggerFactory.getLogger(IngestHandler.class);

    private final EventBatchParser parser;
    private final RecordFactory records;
    private final RecordQueue queue;
    private final InFlightBudget budget;
    private final Duration ackTimeout;
    private final BooleanSupplier draining;

    IngestHandler(EventBatchParser parser, RecordFactory records, RecordQueue queue, InFlightBudget budget,
            Duration ackTimeout, BooleanSupplier draining) {
        super(true);
        this.parser = parser;
        this.records = records;
        this.queue = queue;
        this.budget = budget;
        this.ackTimeout = ackTimeout;
        this.draining = draining;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (path.equals(EVENTS_PATH)) {
            if (request.method().equals(HttpMethod.POST)) {
                ingest(ctx, request, keepAlive);
            } else {
                respond(ctx, keepAlive, IngestResponse.error(405, "method_not_allowed",
                        new FieldError("method", request.method() + " is not allowed; use POST")));
            }
        } else if (path.equals(HEALTH_PATH) && request.method().equals(HttpMethod.GET)) {
            respond(ctx, keepAlive, health());
        } else {
            respond(ctx, keepAlive, IngestResponse.error(404, "not_found", new FieldError("path", path + " is not served")));
        }
    }

    private void ingest(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
        String mimeType = String.valueOf(HttpUtil.getMimeType(request));
        if (!HttpHeaderValues.APPLICATION_JSON.contentEqualsIgnoreCase(mimeType)) {
            respond(ctx, keepAlive, IngestResponse.error(415, "unsupported_media_type", new FieldError("Content-Type",
                    "expected application/json, was " + request.headers().get(HttpHeaderNames.CONTENT_TYPE))));
            return;
        }
        if (draining.getAsBoolean()) {
            respond(ctx, keepAlive, IngestResponse.error(503, "draining",
                    new FieldError("service", "this instance is shutting down; send to another"),
                    RETRY_AFTER_OVERLOADED_SECONDS));
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        EventBatch batch;
        try {
            batch = parser.parse(body);
        } catch (InvalidRequestException e) {
            respond(ctx, keepAlive, refused(e));
            return;
        }
        if (!budget.tryAcquire(batch.size(), body.length)) {
            respond(ctx, keepAlive, IngestResponse.error(429, "overloaded",
                    new FieldError("service", "too many events waiting for Kafka; retry later"),
                    RETRY_AFTER_OVERLOADED_SECONDS));
            return;
        }
        PendingRequest pending = new PendingRequest(batch.size());
        AtomicBoolean answered = new AtomicBoolean();
        var timeout = ctx.executor().schedule(() -> {
            if (answered.compareAndSet(false, true)) {
                respond(ctx, keepAlive, IngestResponse.error(503, "not_confirmed", new FieldError("service",
                        "Kafka did not confirm the events within " + ackTimeout.toMillis()
                                + " ms; resend them (eventId makes resends recognisable)"),
                        RETRY_AFTER_UNCONFIRMED_SECONDS));
            }
        }, ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        pending.done().thenAccept(dropped -> {
            budget.release(batch.size(), body.length);
            if (answered.compareAndSet(false, true)) {
                timeout.cancel(false);
                ctx.executor().execute(() -> respond(ctx, keepAlive, IngestResponse.settled(batch, dropped)));
            }
        });
        queue.addAll(records.records(batch, pending, request.headers().get(CLIENT_ID_HEADER), System.currentTimeMillis()));
    }

    private static IngestResponse refused(InvalidRequestException e) {
        return switch (e.reason()) {
            case MALFORMED_JSON -> IngestResponse.error(400, "malformed_json", e.error());
            case NOT_A_BATCH -> IngestResponse.error(400, "not_a_batch", e.error());
            case TOO_MANY_EVENTS -> IngestResponse.error(413, "too_many_events", e.error());
            case EVENT_TOO_LARGE -> IngestResponse.error(413, "event_too_large", e.error());
        };
    }

    private IngestResponse health() {
        boolean isDraining = draining.getAsBoolean();
        String body = "{\"status\":\"" + (isDraining ? "draining" : "ready") + "\",\"inFlightEvents\":"
                + budget.events() + ",\"queuedRecords\":" + queue.size() + "}";
        return new IngestResponse(isDraining ? 503 : 200, body.getBytes(StandardCharsets.UTF_8), null);
    }

    static void respond(ChannelHandlerContext ctx, boolean keepAlive, IngestResponse response) {
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        http.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
        if (response.retryAfterSeconds() != null) {
            http.headers().setInt(HttpHeaderNames.RETRY_AFTER, response.retryAfterSeconds());
        }
        if (keepAlive) {
            http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(http);
        } else {
            ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Closing an ingest connection after an error", cause);
        if (ctx.channel().isActive()) {
            respond(ctx, false, IngestResponse.error(400, "bad_request", new FieldError("body", String.valueOf(
                    cause.getMessage()))));
        }
    }
}
