package io.ottpulse.ingest;

import io.ottpulse.activity.event.EventBatchParser;
import io.ottpulse.discovery.EurekaInstance;
import io.ottpulse.discovery.EurekaRegistration;
import io.ottpulse.discovery.EurekaSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ingest endpoint: an HTTP listener started with the task and closed with it. Requests become records handed to
 * Connect by {@link #poll()}; Connect's acknowledgement of each record ({@link #commitRecord}) releases the answer.
 */
public class HttpSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(HttpSourceTask.class);
    private static final Duration POLL_WAIT = Duration.ofMillis(500);
    private static final long DRAIN_POLL_MS = 20;

    private HttpSourceConfig config;
    private RecordQueue queue;
    private InFlightBudget budget;
    private IngestServer server;
    private EurekaRegistration registration;
    private volatile boolean stopping;

    @Override
    public void start(Map<String, String> props) {
        config = new HttpSourceConfig(props);
        int taskId = config.taskId();
        int port = config.portOf(taskId);
        queue = new RecordQueue();
        budget = new InFlightBudget(config.maxInFlightEvents(), config.maxInFlightBytes());
        IngestMetrics metrics = new IngestMetrics(context.pluginMetrics(), budget, queue);
        GatewayToken token = new GatewayToken(config.gatewayToken());
        if (!token.required()) {
            log.warn("Ingest task {} accepts requests without a gateway token: set {} so nothing bypasses the gateway",
                    taskId, HttpSourceConfig.GATEWAY_TOKEN_CONFIG);
        }
        EventIntake intake = new EventIntake(new EventBatchParser(config.limits()),
                new RecordFactory(config.topic(), config.rejectedTopic(), taskId), queue, budget, config.ackTimeout(),
                () -> stopping, metrics);
        server = IngestServer.start(config.listenerHost(), port, config.listenerThreads(),
                config.limits().maxRequestBytes(), new IngestHandler(intake, token, budget, queue, () -> stopping, metrics),
                "ingest-" + port, config.listenerBindTimeout());
        log.info("Ingest task {} listening on {}:{}", taskId, config.listenerHost(), port);
        if (!config.eurekaUrls().isEmpty()) {
            registration = EurekaRegistration.start(instance(taskId, port), EurekaSettings.of(config.eurekaUrls()));
        }
    }

    private EurekaInstance instance(int taskId, int port) {
        String host = config.advertisedHost();
        String serviceId = config.eurekaServiceId();
        return new EurekaInstance(serviceId, host + ":" + serviceId + ":" + port, host, port, IngestHandler.HEALTH_PATH,
                Map.of("task", Integer.toString(taskId)));
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping) {
            return null;
        }
        return queue.take(config.pollMaxRecords(), POLL_WAIT);
    }

    /** Runs on the producer's callback thread; null metadata means Connect dropped the record instead of writing it. */
    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        if (record instanceof IngestRecord ingestRecord) {
            ingestRecord.settled(metadata != null);
        }
    }

    /**
     * Connect calls this on the task's thread once polling ended, before it closes the producer. So: leave the
     * registry (the gateway stops routing here), refuse new requests, answer 503 to requests whose records never
     * reached Connect, give the producer a moment to acknowledge what it holds (those requests get their real
     * answer), then close the listener.
     */
    @Override
    public void stop() {
        stopping = true;
        if (registration != null) {
            registration.close();
        }
        if (queue != null) {
            queue.abandonRemaining();
            queue.wakeUp();
        }
        if (budget != null) {
            awaitInFlight(config.drainTimeout());
        }
        if (server != null) {
            server.close();
        }
    }

    private void awaitInFlight(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (budget.events() > 0 && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(DRAIN_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String version() {
        return Version.get();
    }
}
