package io.ottpulse.stats;

import io.ottpulse.discovery.EurekaInstance;
import io.ottpulse.discovery.EurekaRegistration;
import io.ottpulse.discovery.EurekaSettings;
import io.ottpulse.stats.api.StatsQueries;
import io.ottpulse.stats.api.StatsServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running stats instance: the Kafka Streams application, its query API, and its Eureka registration once it
 * can answer.
 */
public final class StatsService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatsService.class);

    private final KafkaStreams streams;
    private final StatsServer server;
    private volatile EurekaRegistration registration;

    private StatsService(KafkaStreams streams, StatsServer server) {
        this.streams = streams;
        this.server = server;
    }

    public static StatsService start(StatsConfig config) throws IOException {
        int partitions = OutputTopics.ensure(config);
        KafkaStreams streams = new KafkaStreams(StatsTopology.build(config), streamsProperties(config));
        HostInfo self = new HostInfo(config.server().advertisedHost(), config.server().port());
        StatsServer server = StatsServer.start(config.server().host(), config.server().port(),
                new StatsQueries(streams, self, config, () -> partitions), config.topChannels().n(),
                () -> streams.state() == KafkaStreams.State.RUNNING);
        StatsService service = new StatsService(streams, server);
        streams.setStateListener((now, before) -> {
            log.info("Stats application {} -> {}", before, now);
            if (now == KafkaStreams.State.RUNNING) {
                service.registerOnce(config);
            }
        });
        streams.start();
        return service;
    }

    /** Registers only when running, so the gateway never routes to an instance that cannot answer yet. */
    private synchronized void registerOnce(StatsConfig config) {
        if (registration != null || config.eureka().serviceUrls().isEmpty()) {
            return;
        }
        String host = config.server().advertisedHost();
        int port = server.port();
        String serviceId = config.eureka().serviceId();
        registration = EurekaRegistration.start(new EurekaInstance(serviceId, host + ":" + serviceId + ":" + port,
                host, port, "/health", Map.of()), EurekaSettings.of(config.eureka().serviceUrls()));
    }

    static Properties streamsProperties(StatsConfig config) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG,
                config.server().advertisedHost() + ":" + config.server().port());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Every commit is a transaction the stream thread waits for: 250 ms (exactly-once's default is 100 ms) waits
        // less often, and a record still reaches the API within two commits (input -> channel load), well under 1 s.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 250);
        // One thread per core: while one waits for its transaction, the other processes; with one thread, a
        // million viewers and 10,000 events/s left answers seconds behind (module README, Performance).
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        // Streams' 10 s default aborts a transaction on a stalled (overloaded) machine and restores every task of the
        // thread; 30 s rides out such stalls at the cost of read_committed readers waiting longer after a crash.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 30_000);
        // Each event writes changelog records of about 100 bytes; 16 KiB batches filled long before linger.ms, and
        // the producer and broker paid per batch (128 KiB: their CPU halved, module README, Performance).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 131_072);
        // Every task reads one partition of one topic, so there is nothing to wait for to keep partitions in time
        // order; with idling on (0), Kafka Streams formats log strings for an empty queue on every processing loop.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
        props.put(BoundedRocksDb.MEMORY_BYTES_CONFIG, Long.toString(config.rocksdb().memoryMb() * 1024 * 1024));
        props.putAll(config.streams());
        return props;
    }

    public int port() {
        return server.port();
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Leaves the registry, stops answering, then closes the application. */
    @Override
    public void close() {
        if (registration != null) {
            registration.close();
        }
        server.close();
        streams.close(Duration.ofSeconds(30));
    }
}
