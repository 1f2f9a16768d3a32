package io.ottpulse.bench.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventBatchParser;
import io.ottpulse.activity.event.EventJson;
import io.ottpulse.activity.event.EventLimits;
import io.ottpulse.activity.event.EventType;
import io.ottpulse.activity.event.ParsedEvent;
import io.ottpulse.stats.StatsConfig;
import io.ottpulse.stats.StatsService;
import io.ottpulse.testkit.FreePorts;
import io.ottpulse.testkit.KafkaBroker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The stats application on a real broker: how fast it processes a backlog of {@code users} viewers (a switch and a
 * heartbeat each), beside a plain consumer that only reads and parses the same topic in the same run; then the
 * freshness of its answers, the time from an event's acknowledgement by Kafka to the API showing it, under a steady
 * background load. Run: {@code java -cp bench/target/bench.jar io.ottpulse.bench.stats.StatsThroughput [users]
 * [background events/s] [settings merged into the application's JSON config, e.g.
 * {"alerts":{"enabled":false},"streams":{"num.stream.threads":"1"}}]}.
 */
public final class StatsThroughput {

    private static final String TOPIC = "ott.activity";
    private static final Duration PROBE_DEADLINE = Duration.ofSeconds(60);

    private StatsThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int backgroundRate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        String configOverrides = args.length > 2 ? args[2] : "{}";
        Path stateDir = Files.createTempDirectory("stats-throughput");
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopics(6, TOPIC);
            long events = produceBacklog(broker.bootstrapServers(), users);
            CpuUse consumerCpu = CpuUse.since("main");
            double baseline = plainConsumerEventsPerSecond(broker.bootstrapServers(), events);
            long consumerProcessNanos = consumerCpu.processNanos();
            int port = FreePorts.pick();
            StatsConfig config = StatsConfig.parse(configJson(broker.bootstrapServers(), stateDir, port, configOverrides));
            long start = System.nanoTime();
            CpuUse statsCpu = CpuUse.since("StreamThread");
            try (StatsService stats = StatsService.start(config)) {
                FirstCommit firstCommit = awaitCaughtUp(broker.bootstrapServers(), config.applicationId());
                long end = System.nanoTime();
                double statsRate = events / ((end - start) / 1e9);
                long statsProcessNanos = statsCpu.processNanos();
                long streamThreadNanos = statsCpu.markedNanos();
                System.out.printf("backlog: %,d events of %,d viewers%n", events, users);
                System.out.printf("plain consumer (read + parse)   %,.0f events/s%n", baseline);
                System.out.printf("stats application (settings %s, exactly-once) %,.0f events/s (%.0f%% of the "
                        + "plain consumer), start-up included%n", configOverrides, statsRate, 100 * statsRate / baseline);
                if (firstCommit.events() < events) {
                    System.out.printf("  first commit %.1f s after the start, %,d events in; from there to caught up "
                            + "%,.0f events/s%n", (firstCommit.nanos() - start) / 1e9, firstCommit.events(),
                            (events - firstCommit.events()) / ((end - firstCommit.nanos()) / 1e9));
                }
                // The broker shares this JVM, so the whole-JVM figures include its work for each phase.
                System.out.printf("CPU per event, whole JVM: plain consumer %.1f µs, stats application %.1f µs "
                        + "(stream threads %.1f µs)%n", consumerProcessNanos / 1e3 / events,
                        statsProcessNanos / 1e3 / events, streamThreadNanos / 1e3 / events);
                Histogram freshness = freshness(broker.bootstrapServers(), port, users, backgroundRate);
                System.out.printf("freshness under %,d background events/s: p50 %d ms, p99 %d ms, max %d ms (%d probes)%n",
                        backgroundRate, freshness.getValueAtPercentile(50), freshness.getValueAtPercentile(99),
                        freshness.getMaxValue(), freshness.getTotalCount());
            }
        } finally {
            deleteTree(stateDir);
        }
    }

    /** The application's RocksDB state runs to hundreds of MiB per run: it must not pile up in the temp directory. */
    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String configJson(String bootstrap, Path stateDir, int port, String overrides) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode base = mapper.readTree("""
                {"bootstrapServers":"%s","stateDir":"%s","server":{"port":%d},"rocksdb":{"memoryMb":256}}
                """.formatted(bootstrap, stateDir, port));
        JsonNode merged = mapper.readerForUpdating(base).readValue(overrides);
        return merged.toString();
    }

    private static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "linger.ms", 20, "batch.size", 262_144),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static long produceBacklog(String bootstrap, int users) {
        long now = System.currentTimeMillis() - 120_000;
        long events = 0;
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (EventType type : List.of(EventType.CHANNEL_SWITCH, EventType.HEARTBEAT)) {
                for (int user = 0; user < users; user++) {
                    String userId = "u-" + user;
                    ActivityEvent event = new ActivityEvent(type + "-" + user, userId, null, null, type,
                            "ch-" + (user % 200), now + (type == EventType.HEARTBEAT ? 60_000 : 0), null);
                    producer.send(new ProducerRecord<>(TOPIC, userId, EventJson.write(event)));
                    events++;
                }
            }
        }
        return events;
    }

    private static double plainConsumerEventsPerSecond(String bootstrap, long events) {
        EventBatchParser parser = new EventBatchParser(EventLimits.DEFAULTS);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", "plain-" + UUID.randomUUID(), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long start = System.nanoTime();
            long read = 0;
            while (read < events) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (var record : records) {
                    if (parser.parseOne(record.value()) instanceof ParsedEvent.Accepted) {
                        read++;
                    }
                }
            }
            return read / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** When the application's committed offsets were first seen, and how many events they covered then. */
    private record FirstCommit(long nanos, long events) {
    }

    /**
     * Waits until the application's committed offsets reach the end of the input. Its first commit, some hundreds of
     * milliseconds into processing, tells the start-up (JVM, topics, group, state stores) apart from the processing.
     */
    private static FirstCommit awaitCaughtUp(String bootstrap, String group) throws Exception {
        FirstCommit first = null;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (int p = 0; p < 6; p++) {
                    latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest());
                }
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
                boolean caughtUp = ends.entrySet().stream().allMatch(end -> committed.containsKey(end.getKey())
                        && committed.get(end.getKey()).offset() >= end.getValue().offset());
                long done = ends.keySet().stream().filter(committed::containsKey)
                        .mapToLong(partition -> committed.get(partition).offset()).sum();
                if (first == null && done > 0) {
                    first = new FirstCommit(System.nanoTime(), done);
                }
                if (caughtUp) {
                    return first;
                }
                Thread.sleep(200);
            }
        }
    }

    /** A probe viewer moves to a new channel every 200 ms; each time, how long until the API counts it there. */
    private static Histogram freshness(String bootstrap, int port, int users, int backgroundRate) throws Exception {
        Histogram latencies = new Histogram(3);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread background = new Thread(() -> background(bootstrap, users, backgroundRate, running), "background");
        background.start();
        HttpClient http = HttpClient.newHttpClient();
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            for (int probe = 0; probe < 100; probe++) {
                String channel = "probe-" + probe;
                ActivityEvent event = new ActivityEvent("probe-" + probe, "probe-viewer", null, null,
                        EventType.CHANNEL_SWITCH, channel, System.currentTimeMillis(), null);
                producer.send(new ProducerRecord<>(TOPIC, event.userId(), EventJson.write(event))).get();
                long acknowledged = System.nanoTime();
                long deadline = acknowledged + PROBE_DEADLINE.toNanos();
                while (!counted(http, port, channel)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("probe " + probe + " not counted within " + PROBE_DEADLINE);
                    }
                    Thread.sleep(5);
                }
                latencies.recordValue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - acknowledged));
                Thread.sleep(200);
            }
        } finally {
            running.set(false);
            background.join();
        }
        return latencies;
    }

    private static boolean counted(HttpClient http, int port, String channel) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/stats/channels/"
                + channel)).timeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"viewers\":1");
        } catch (HttpTimeoutException slowAnswer) {
            return false;
        }
    }

    private static void background(String bootstrap, int users, int rate, AtomicBoolean running) {
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
            long sent = 0;
            long start = System.nanoTime();
            while (running.get()) {
                long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
                for (; sent < due; sent++) {
                    String userId = "u-" + (sent % users);
                    ActivityEvent event = new ActivityEvent("bg-" + sent, userId, null, null, EventType.HEARTBEAT,
                            "ch-" + (sent % users % 200), System.currentTimeMillis(), null);
                    producer.send(new ProducerRecord<>(TOPIC, userId, EventJson.write(event)));
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
