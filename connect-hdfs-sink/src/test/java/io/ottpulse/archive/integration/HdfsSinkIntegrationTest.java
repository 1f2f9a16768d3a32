package io.ottpulse.archive.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.archive.SharedHdfs;
import io.ottpulse.testkit.ConnectCluster;
import io.ottpulse.testkit.ConnectorJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The connector on a real Connect cluster, Kafka broker and MiniDFSCluster: the shipped configuration, each
 * partitioner and format, rotation by record time and by the wall clock, the open-file cap, the dead-letter queue, a
 * cooperative rebalance, and validation through Connect's REST API.
 */
@ExtendWith(SharedHdfs.class)
class HdfsSinkIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HOUR_DIR =
            DateTimeFormatter.ofPattern("'dt'=yyyy-MM-dd/'hour'=HH").withZone(ZoneOffset.UTC);

    private static ConnectCluster connect;
    private static Archive archive;

    @BeforeAll
    static void start() {
        connect = ConnectCluster.start(1);
        archive = new Archive(SharedHdfs.cluster().fileSystem());
    }

    @AfterAll
    static void stop() {
        connect.close();
    }

    private static ConnectorJson sink(String topic, String topicsDir, Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(Map.of(
                "topics", topic,
                "store.url", SharedHdfs.cluster().uri(),
                "store.access.check", "true",
                "topics.dir", topicsDir,
                "rotate.wallclock.ms", "2000"));
        config.putAll(settings);
        return ConnectorJson.load("hdfs-sink.json").with(config);
    }

    private static void produce(String topic, int partition, String value) {
        connect.connect().kafka().produce(topic, partition, null, value);
    }

    static String event(String id, long timestampMs, String channel) {
        return "{\"eventId\":\"" + id + "\",\"userId\":\"u-" + id + "\",\"type\":\"channel_switch\","
                + "\"channelId\":\"" + channel + "\",\"timestamp\":\"" + Instant.ofEpochMilli(timestampMs) + "\","
                + "\"attributes\":{\"app\":\"tv\"}}";
    }

    @Test
    void theShippedConfigArchivesEventsAsParquetInEventHourDirectories() throws Exception {
        connect.connect().kafka().createTopic("shipped", 2);
        long start = Instant.parse("2026-11-26T08:30:00Z").toEpochMilli();
        Map<String, String> sent = new HashMap<>();
        for (int i = 0; i < 240; i++) {
            String value = event("s-" + i, start + i * 60_000L, "ch-" + (i % 4));
            sent.put("s-" + i, value);
            produce("shipped", i % 2, value);
        }
        connect.connect().configureConnector("shipped", sink("shipped", "/shipped", Map.of("flush.size", "50"))
                .config());

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(archive.parquetRows("/shipped/shipped")).hasSize(240));

        Map<String, String> directoryOfEvent = new HashMap<>();
        for (Archive.Row row : archive.parquetRows("/shipped/shipped")) {
            GenericRecord event = row.record();
            String id = event.get("eventId").toString();
            assertThat(Archive.asJsonEvent(event)).isEqualTo(JSON.readTree(sent.get(id)));
            directoryOfEvent.put(id, row.directory());
            assertThat(row.file().getName()).matches("shipped\\+[01]\\+\\d{10}\\+\\d{10}\\.parquet");
        }
        assertThat(directoryOfEvent).hasSize(240);
        directoryOfEvent.forEach((id, dir) -> assertThat(dir).isEqualTo("/shipped/shipped/"
                + HOUR_DIR.format(Instant.ofEpochMilli(start + Long.parseLong(id.substring(2)) * 60_000L))));
        assertThat(new HashSet<>(directoryOfEvent.values())).hasSize(5);
        connect.connect().deleteConnector("shipped");
    }

    @Test
    void jsonLinesByKafkaPartitionNameFilesByTheirOffsets() throws Exception {
        connect.connect().kafka().createTopic("by-partition", 2);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            sent.add("{\"n\":" + i + "}");
            produce("by-partition", i % 2, sent.get(i));
        }
        connect.connect().configureConnector("by-partition", sink("by-partition", "/by-partition",
                Map.of("format", "jsonl", "partitioner", "partition", "flush.size", "100")).config());

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(archive.lines("/by-partition/by-partition")).hasSize(250));
        assertThat(archive.lines("/by-partition/by-partition")).extracting(Archive.Line::text)
                .containsExactlyInAnyOrderElementsOf(sent);
        assertThat(archive.files("/by-partition/by-partition")).extracting(file -> file.getParent().getName() + "/"
                + file.getName()).containsExactlyInAnyOrder(
                "partition=0/by-partition+0+0000000000+0000000099.jsonl",
                "partition=0/by-partition+0+0000000100+0000000124.jsonl",
                "partition=1/by-partition+1+0000000000+0000000099.jsonl",
                "partition=1/by-partition+1+0000000100+0000000124.jsonl");
        connect.connect().deleteConnector("by-partition");
    }

    @Test
    void gzipJsonLinesByFieldOfSchemalessJsonValues() throws Exception {
        connect.connect().kafka().createTopic("by-field", 1);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sent.add("{\"channelId\":\"ch/" + (i % 3) + "\",\"n\":" + i + "}");
            produce("by-field", 0, sent.get(i));
        }
        connect.connect().configureConnector("by-field", sink("by-field", "/by-field", Map.of(
                "format", "jsonl", "jsonl.codec", "gzip", "partitioner", "field", "partition.fields", "channelId",
                "flush.size", "25", "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "false")).config());

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(archive.lines("/by-field/by-field")).hasSize(60));
        for (Archive.Line line : archive.lines("/by-field/by-field")) {
            JsonNode value = JSON.readTree(line.text());
            assertThat(line.directory()).isEqualTo("/by-field/by-field/channelId=ch%2F"
                    + value.path("channelId").asText().substring(3));
            assertThat(line.file().getName()).endsWith(".jsonl.gz");
        }
        assertThat(archive.lines("/by-field/by-field")).extracting(line -> JSON.readTree(line.text()))
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(Archive::json).toList());
        connect.connect().deleteConnector("by-field");
    }

    @Test
    void zstdParquetByRecordTimeWithColumnsFromTheConnectSchema() throws Exception {
        connect.connect().kafka().createTopic("structs", 1);
        String schema = "{\"type\":\"struct\",\"name\":\"io.ottpulse.test.Play\",\"optional\":false,\"fields\":["
                + "{\"field\":\"channelId\",\"type\":\"string\",\"optional\":false},"
                + "{\"field\":\"seconds\",\"type\":\"int64\",\"optional\":false},"
                + "{\"field\":\"at\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
                + "\"version\":1,\"optional\":true}]}";
        for (int i = 0; i < 30; i++) {
            produce("structs", 0, "{\"schema\":" + schema + ",\"payload\":{\"channelId\":\"ch-" + i
                    + "\",\"seconds\":" + (i * 10) + ",\"at\":" + (1_764_147_600_000L + i) + "}}");
        }
        long before = System.currentTimeMillis();
        connect.connect().configureConnector("structs", sink("structs", "/structs", Map.of(
                "parquet.codec", "zstd", "timestamp.source", "record", "flush.size", "10",
                "value.converter", "org.apache.kafka.connect.json.JsonConverter",
                "value.converter.schemas.enable", "true")).config());

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(archive.parquetRows("/structs/structs")).hasSize(30));
        List<Archive.Row> rows = archive.parquetRows("/structs/structs");
        assertThat(rows).extracting(row -> row.record().getSchema().getName()).containsOnly("Play");
        assertThat(rows).extracting(row -> row.record().get("channelId").toString() + "|" + row.record().get("seconds")
                + "|" + row.record().get("at")).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, 30)
                        .mapToObj(i -> "ch-" + i + "|" + (i * 10) + "|" + (1_764_147_600_000L + i)).toList());
        assertThat(rows).extracting(Archive.Row::directory).allSatisfy(dir -> assertThat(dir).isIn(
                "/structs/structs/" + HOUR_DIR.format(Instant.ofEpochMilli(before)),
                "/structs/structs/" + HOUR_DIR.format(Instant.ofEpochMilli(before).minusSeconds(60))));
        assertThat(archive.files("/structs/structs")).hasSize(3);
        connect.connect().deleteConnector("structs");
    }

    @Test
    void recordTimeRotationBoundsTheTimeSpanOfAFile() throws Exception {
        connect.connect().kafka().createTopic("record-time", 1);
        long start = Instant.parse("2026-11-26T09:00:00Z").toEpochMilli();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>("record-time", 0, start + i * 1_000L, null, "{\"s\":" + i + "}"));
            }
        }
        connect.connect().configureConnector("record-time", sink("record-time", "/record-time", Map.of(
                "format", "jsonl", "partitioner", "partition", "timestamp.source", "record",
                "rotate.interval.ms", "5000", "flush.size", "1000", "rotate.wallclock.ms", "3000")).config());

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(archive.lines("/record-time/record-time")).hasSize(20));
        assertThat(archive.files("/record-time/record-time")).extracting(Path::getName)
                .containsExactlyInAnyOrder("record-time+0+0000000000+0000000004.jsonl",
                        "record-time+0+0000000005+0000000009.jsonl", "record-time+0+0000000010+0000000014.jsonl",
                        "record-time+0+0000000015+0000000019.jsonl");
        connect.connect().deleteConnector("record-time");
    }

    @Test
    void theOpenFileCapCommitsOpenFilesBeforeOpeningAnother() throws Exception {
        connect.connect().kafka().createTopic("capped", 1);
        for (int i = 0; i < 40; i++) {
            produce("capped", 0, "{\"channelId\":\"ch-" + (i % 4) + "\",\"n\":" + i + "}");
        }
        connect.connect().configureConnector("capped", sink("capped", "/capped", Map.of(
                "format", "jsonl", "partitioner", "field", "partition.fields", "channelId", "max.open.files", "2",
                "flush.size", "1000")).config());

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(archive.lines("/capped/capped")).hasSize(40));
        assertThat(archive.lines("/capped/capped")).extracting(line -> Archive.json(line.text()).path("n").asInt())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 40).boxed().toList());
        // Channels come round-robin: each record needs a third file, so the partition's two open files (one record
        // each) are committed before it is written.
        assertThat(archive.files("/capped/capped")).hasSize(40);
        connect.connect().deleteConnector("capped");
    }

    @Test
    void theOpenFileCapCommitsThePartitionWrittenLeastRecently() throws Exception {
        connect.connect().kafka().createTopic("lru", 2);
        connect.connect().configureConnector("lru", sink("lru", "/lru", Map.of(
                "format", "jsonl", "partitioner", "field", "partition.fields", "channelId", "max.open.files", "2",
                "flush.size", "1000", "rotate.wallclock.ms", "600000")).config());
        connect.connect().assertions().assertConnectorAndAtLeastNumTasksAreRunning("lru", 1, "sink started");

        produce("lru", 0, "{\"channelId\":\"a\"}");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(openFiles("/lru", "lru", 0)).isEqualTo(1));
        produce("lru", 1, "{\"channelId\":\"b\"}");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(openFiles("/lru", "lru", 1)).isEqualTo(1));
        // Partition 1 needs a third file: partition 0, written less recently, makes room; partition 1 keeps its file.
        produce("lru", 1, "{\"channelId\":\"c\"}");

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(archive.files("/lru/lru"))
                .extracting(file -> file.getParent().getName() + "/" + file.getName())
                .containsExactly("channelId=a/lru+0+0000000000+0000000000.jsonl"));
        assertThat(openFiles("/lru", "lru", 0)).isZero();
        assertThat(openFiles("/lru", "lru", 1)).isEqualTo(2);
        connect.connect().deleteConnector("lru");
    }

    private static int openFiles(String topicsDir, String topic, int partition) throws Exception {
        Path dir = new Path(topicsDir + "/+tmp/" + topic + "/" + partition);
        FileSystem fs = SharedHdfs.cluster().fileSystem();
        return fs.exists(dir) ? fs.listStatus(dir).length : 0;
    }

    @Test
    void recordsThatAreNotEventsGoToTheDeadLetterTopicAndTheOthersAreArchived() throws Exception {
        connect.connect().kafka().createTopic("mixed", 1);
        long start = Instant.parse("2026-11-26T10:00:00Z").toEpochMilli();
        Map<String, String> events = new HashMap<>();
        List<String> rejected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (i % 10 == 4) {
                rejected.add("{\"notAnEvent\":" + i + "}");
                produce("mixed", 0, rejected.get(rejected.size() - 1));
            } else {
                events.put("m-" + i, event("m-" + i, start + i * 1_000L, "ch-1"));
                produce("mixed", 0, events.get("m-" + i));
            }
        }
        connect.connect().configureConnector("mixed", sink("mixed", "/mixed", Map.of(
                "flush.size", "10", "errors.deadletterqueue.topic.name", "mixed.rejected")).config());

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(archive.parquetRows("/mixed/mixed")).hasSize(27));
        for (Archive.Row row : archive.parquetRows("/mixed/mixed")) {
            assertThat(Archive.asJsonEvent(row.record()))
                    .isEqualTo(JSON.readTree(events.get(row.record().get("eventId").toString())));
        }
        assertThat(archive.parquetRows("/mixed/mixed")).extracting(row -> row.record().get("eventId").toString())
                .containsExactlyInAnyOrderElementsOf(events.keySet());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(connect.reader().readAll("mixed.rejected", TIMEOUT))
                .extracting(ConsumerRecord::value).containsExactlyElementsOf(rejected));
        // flush.size counts archived records only; a file's name gives its first and last archived offsets.
        assertThat(archive.files("/mixed/mixed")).extracting(Path::getName).containsExactlyInAnyOrder(
                "mixed+0+0000000000+0000000010.parquet", "mixed+0+0000000011+0000000021.parquet",
                "mixed+0+0000000022+0000000029.parquet");
        connect.connect().deleteConnector("mixed");
    }

    @Test
    void withoutADeadLetterTopicARecordThatIsNotAnEventFailsTheTaskNamingItsOffset() throws Exception {
        connect.connect().kafka().createTopic("strict", 1);
        long start = Instant.parse("2026-11-26T10:00:00Z").toEpochMilli();
        for (int i = 0; i < 3; i++) {
            produce("strict", 0, event("t-" + i, start + i, "ch-1"));
        }
        produce("strict", 0, "{\"notAnEvent\":true}");
        connect.connect().configureConnector("strict", sink("strict", "/strict", Map.of(
                "errors.tolerance", "none", "errors.deadletterqueue.topic.name", "")).config());

        // Until the worker has started the connector, its status is unknown (404) or lists no task yet.
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() ->
                assertThat(connect.connect().connectorStatus("strict").tasks()).singleElement().satisfies(task -> {
                    assertThat(task.state()).isEqualTo("FAILED");
                    assertThat(task.trace()).contains("cannot archive strict-0 offset 3");
                }));
        assertThat(archive.files("/strict/strict")).isEmpty();
        connect.connect().deleteConnector("strict");
    }

    @Test
    void anIdlePartitionIsCommittedByTheWallClock() throws Exception {
        connect.connect().kafka().createTopic("idle", 1);
        connect.connect().configureConnector("idle", sink("idle", "/idle", Map.of(
                "format", "jsonl", "partitioner", "partition", "flush.size", "100000",
                "rotate.wallclock.ms", "1000")).config());
        connect.connect().assertions().assertConnectorAndAtLeastNumTasksAreRunning("idle", 1, "sink started");
        for (int i = 0; i < 5; i++) {
            produce("idle", 0, "{\"idle\":" + i + "}");
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(archive.files("/idle/idle"))
                .extracting(Path::getName).containsExactly("idle+0+0000000000+0000000004.jsonl"));
        connect.connect().deleteConnector("idle");
    }

    @Test
    void aCooperativeRebalanceLeavesTheKeptPartitionsFilesOpen() throws Exception {
        connect.connect().kafka().createTopic("rebalance", 4);
        for (int i = 0; i < 40; i++) {
            produce("rebalance", i % 4, "{\"before\":" + i + "}");
        }
        connect.connect().configureConnector("rebalance", sink("rebalance", "/rebalance", Map.of(
                "format", "jsonl", "partitioner", "partition", "flush.size", "100000", "rotate.wallclock.ms", "15000",
                "consumer.override.partition.assignment.strategy", CooperativeStickyAssignor.class.getName()))
                .config());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(archive.tempFiles("/rebalance", "rebalance"))
                .hasSize(4));
        Map<Integer, String> openBefore = archive.tempFiles("/rebalance", "rebalance");

        Set<TopicPartition> taken = new HashSet<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread member = new Thread(() -> joinGroupUntilStopped("connect-rebalance", taken, running), "other-member");
        member.start();
        try {
            await().atMost(TIMEOUT).until(() -> {
                synchronized (taken) {
                    return !taken.isEmpty();
                }
            });
            Set<Integer> moved = new HashSet<>();
            synchronized (taken) {
                taken.forEach(tp -> moved.add(tp.partition()));
            }
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(archive.tempFiles("/rebalance", "rebalance"))
                    .doesNotContainKeys(moved.toArray(Integer[]::new)));
            Map<Integer, String> openAfter = archive.tempFiles("/rebalance", "rebalance");
            Map<Integer, String> kept = new HashMap<>(openBefore);
            kept.keySet().removeAll(moved);
            assertThat(kept).isNotEmpty();
            assertThat(openAfter).as("the kept partitions still write the very files they had open")
                    .isEqualTo(kept);
        } finally {
            running.set(false);
            member.join();
        }
        for (int i = 40; i < 80; i++) {
            produce("rebalance", i % 4, "{\"after\":" + i + "}");
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(archive.lines("/rebalance/rebalance")).hasSize(80));
        assertThat(archive.lines("/rebalance/rebalance")).extracting(Archive.Line::text).doesNotHaveDuplicates();
        for (int partition : openBefore.keySet()) {
            assertThat(archive.files("/rebalance/rebalance/partition=" + partition)).extracting(
                    Path::getName).isNotEmpty()
                    .allMatch(name -> name.startsWith("rebalance+" + partition + "+"));
        }
        connect.connect().deleteConnector("rebalance");
    }

    /** A second member of the sink's consumer group: takes some partitions, never commits, leaves when stopped. */
    private static void joinGroupUntilStopped(String group, Set<TopicPartition> taken, AtomicBoolean running) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connect.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("rebalance"));
            while (running.get()) {
                consumer.poll(Duration.ofMillis(200));
                synchronized (taken) {
                    taken.clear();
                    taken.addAll(consumer.assignment());
                }
            }
        }
    }

    @Test
    void connectsValidationNamesTheKeyOfABadSetting() throws Exception {
        Map<String, String> config = new HashMap<>(sink("x", "/x", Map.of("format", "avro")).config());
        config.put("name", "invalid");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        connect.restUrl() + "connector-plugins/HdfsSinkConnector/config/validate"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.path("error_count").asInt()).isEqualTo(1);
        List<String> errors = new ArrayList<>();
        result.path("configs").forEach(entry -> entry.path("value").path("errors").forEach(error ->
                errors.add(entry.path("value").path("name").asText() + ": " + error.asText())));
        assertThat(errors).singleElement().asString().startsWith("format: ").contains("parquet");
    }
}
