package io.ottpulse.loadgen;

import io.ottpulse.activity.event.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The baseline: the same events written straight to the topic with a plain {@link KafkaProducer}, as the ingest
 * connector writes them (key userId, the event's JSON, an eventId header). A request is the records of one batch; it
 * is answered once Kafka acknowledged all of them ({@code ack}) or one failed (the exception's name).
 */
final class RecordSender implements EventSink {

    static final String ACK = "ack";

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final LatencyRecorder latency;
    private final AckLedger ledger;
    private final SendTally tally = new SendTally();

    /** @param producerConfig overrides of the Kafka client's defaults (acks=all, idempotence on) */
    RecordSender(String bootstrapServers, Map<String, String> producerConfig, String topic, int maxInFlight,
            LatencyRecorder latency, AckLedger ledger) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
        this.latency = latency;
        this.ledger = ledger;
    }

    @Override
    public void send(List<SimulatedEvent> events, long intendedNanos) throws InterruptedException {
        inFlight.acquire();
        tally.sent(events);
        AtomicInteger pending = new AtomicInteger(events.size());
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (SimulatedEvent simulated : events) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, simulated.event().userId(),
                    EventJson.write(simulated.event()));
            record.headers().add("eventId", simulated.event().eventId().getBytes(StandardCharsets.UTF_8));
            producer.send(record, (metadata, exception) -> {
                if (exception != null) {
                    failure.compareAndSet(null, exception);
                }
                if (pending.decrementAndGet() == 0) {
                    answered(events, intendedNanos, failure.get());
                }
            });
        }
    }

    private void answered(List<SimulatedEvent> events, long intendedNanos, Exception failure) {
        try {
            if (failure != null) {
                tally.failed(failure.getClass().getSimpleName());
            } else {
                latency.record(intendedNanos, System.nanoTime());
                tally.answered(ACK);
                ledger.acknowledge(events, List.of());
            }
        } finally {
            inFlight.release();
        }
    }

    @Override
    public long requestsSent() {
        return tally.requestsSent();
    }

    @Override
    public long eventsSent() {
        return tally.eventsSent();
    }

    @Override
    public long errors() {
        return tally.errors();
    }

    @Override
    public Map<String, Long> byStatus() {
        return tally.byAnswer();
    }

    @Override
    public int drain(Duration timeout) throws InterruptedException {
        producer.flush();
        if (inFlight.tryAcquire(maxInFlight, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            inFlight.release(maxInFlight);
            return 0;
        }
        return maxInFlight - inFlight.availablePermits();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
