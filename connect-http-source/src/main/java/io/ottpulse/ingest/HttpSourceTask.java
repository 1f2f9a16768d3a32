package io.ottpulse.ingest;

import io.ottpulse.activity.event.EventBatchParser;
import io.ottpulse.discovery.EurekaInstance;
import io.ottpulse.discovery.EurekaRegistration;
import io.ottpulse.discovery.EurekaSettings;
import java.time.Duration;
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

    private HttpSourceConfig config;
    private RecordQueue queue;
    private IngestServer server;
    private EurekaRegistration registration;
    private volatile boolean stopping;

    @Override
    public void start(Map<String, String> props) {
        config = new HttpSourceConfig(props);
        int taskId = config.taskId();
        int port = config.portOf(taskId);
        queue = new RecordQueue();
        IngestHandler handler = new IngestHandler(
                new EventBatchParser(config.limits()),
                new RecordFactory(config.topic(), config.rejectedTopic(), taskId),
                queue,
                new InFlightBudget(config.maxInFlightEvents(), config.maxInFlightBytes()),
                config.ackTimeout(),
                () -> stopping);
        server = IngestServer.start(config.listenerHost(), port, config.listenerThreads(),
                config.limits().maxRequestBytes(), handler, "ingest-" + port);
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

    /** Leaves the registry first, so the gateway stops routing here, then closes the listener and wakes poll(). */
    @Override
    public void stop() {
        stopping = true;
        if (registration != null) {
            registration.close();
        }
        if (server != null) {
            server.close();
        }
        if (queue != null) {
            queue.wakeUp();
        }
    }

    @Override
    public String version() {
        return Version.get();
    }
}
