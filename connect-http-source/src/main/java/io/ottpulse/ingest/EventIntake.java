package io.ottpulse.ingest;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;
import io.ottpulse.activity.event.EventBatch;
import io.ottpulse.activity.event.EventBatchParser;
import io.ottpulse.activity.event.FieldError;
import io.ottpulse.activity.event.InvalidRequestException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * {@code POST /v1/events}: validates the request, admits it within the in-flight budget, queues its records for
 * Connect, and answers when Kafka has settled every one of them, or 503 after the acknowledgement timeout.
 */
final class EventIntake {

    static final String CLIENT_ID_HEADER = "X-Client-Id";
    private static final int RETRY_AFTER_OVERLOADED_SECONDS = 1;
    private static final int RETRY_AFTER_UNCONFIRMED_SECONDS = 2;

    private final EventBatchParser parser;
    private final RecordFactory records;
    private final RecordQueue queue;
    private final InFlightBudget budget;
    private final Duration ackTimeout;
    private final BooleanSupplier draining;
    private final IngestMetrics metrics;

    EventIntake(EventBatchParser parser, RecordFactory records, RecordQueue queue, InFlightBudget budget,
            Duration ackTimeout, BooleanSupplier draining, IngestMetrics metrics) {
        this.parser = parser;
        this.records = records;
        this.queue = queue;
        this.budget = budget;
        this.ackTimeout = ackTimeout;
        this.draining = draining;
        this.metrics = metrics;
    }

    /** Handles one request; the answer is written to the channel now or once Kafka settled the records. */
    void accept(ChannelHandlerContext ctx, FullHttpRequest request, Answer answer) {
        String mimeType = String.valueOf(HttpUtil.getMimeType(request));
        if (!HttpHeaderValues.APPLICATION_JSON.contentEqualsIgnoreCase(mimeType)) {
            answer.send(IngestResponse.error(415, "unsupported_media_type", new FieldError("Content-Type",
                    "expected application/json, was " + request.headers().get(HttpHeaderNames.CONTENT_TYPE))));
            return;
        }
        if (draining.getAsBoolean()) {
            answer.send(stopping());
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        EventBatch batch;
        try {
            batch = parser.parse(body);
        } catch (InvalidRequestException e) {
            answer.send(refused(e));
            return;
        }
        if (!budget.tryAcquire(batch.size(), body.length)) {
            answer.send(IngestResponse.error(429, "overloaded",
                    new FieldError("service", "too many events waiting for Kafka; retry later"),
                    RETRY_AFTER_OVERLOADED_SECONDS));
            return;
        }
        PendingRequest pending = new PendingRequest(batch.size());
        AtomicBoolean answered = new AtomicBoolean();
        var timeout = ctx.executor().schedule(() -> {
            if (answered.compareAndSet(false, true)) {
                answer.send(unconfirmed());
            }
        }, ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        pending.done().whenComplete((dropped, failure) -> {
            budget.release(batch.size(), body.length);
            if (answered.compareAndSet(false, true)) {
                timeout.cancel(false);
                IngestResponse response = failure == null ? settled(batch, dropped) : stopping();
                ctx.executor().execute(() -> answer.send(response));
            }
        });
        queue.addAll(records.records(batch, pending, request.headers().get(CLIENT_ID_HEADER), System.currentTimeMillis()));
    }

    private IngestResponse settled(EventBatch batch, List<Integer> dropped) {
        int rejected = batch.rejected().size();
        metrics.settled(batch.size() - rejected - dropped.size(), rejected, dropped.size());
        return IngestResponse.settled(batch, dropped);
    }

    private IngestResponse unconfirmed() {
        return IngestResponse.error(503, "not_confirmed", new FieldError("service", "Kafka did not confirm the "
                + "events within " + ackTimeout.toMillis() + " ms; resend them (eventId makes resends recognisable)"),
                RETRY_AFTER_UNCONFIRMED_SECONDS);
    }

    private static IngestResponse stopping() {
        return IngestResponse.error(503, "draining",
                new FieldError("service", "this ingest instance is stopping; resend to another"),
                RETRY_AFTER_OVERLOADED_SECONDS);
    }

    private static IngestResponse refused(InvalidRequestException e) {
        return switch (e.reason()) {
            case MALFORMED_JSON -> IngestResponse.error(400, "malformed_json", e.error());
            case NOT_A_BATCH -> IngestResponse.error(400, "not_a_batch", e.error());
            case TOO_MANY_EVENTS -> IngestResponse.error(413, "too_many_events", e.error());
            case EVENT_TOO_LARGE -> IngestResponse.error(413, "event_too_large", e.error());
        };
    }

    /** Writes the answer to a request; called once per request, on the channel's event loop. */
    interface Answer {
        void send(IngestResponse response);
    }
}
