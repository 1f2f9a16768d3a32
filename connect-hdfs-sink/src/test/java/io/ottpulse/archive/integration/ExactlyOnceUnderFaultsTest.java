package io.ottpulse.archive.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ottpulse.archive.CrashingFileSystem;
import io.ottpulse.archive.CrashingFileSystem.Step;
import io.ottpulse.archive.SharedHdfs;
import io.ottpulse.testkit.ConnectCluster;
import io.ottpulse.testkit.ConnectorJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once under crashes: records keep arriving while the task or the whole worker dies at every dangerous step
 * of the commit path and of recovery, in random order and at random depths, and is restarted through Connect's REST
 * API (or replaced by a new worker). The crashed instance's HDFS client is left alive with its leases and half-written
 * files, like a hung process. At the end the archive must hold every record of the topic exactly once, each in a file
 * whose name gives its partition and an offset range containing it, with the content that was sent.
 *
 * <p>Records are matched to the topic by their eventId (unique per record), then checked against the topic's
 * (partition, offset) for that eventId: Parquet rows carry no Kafka coordinates, the file names do. Run with
 * {@code -Dfaults.seed=N} to replay a run; the seed is logged.
 */
@ExtendWith(SharedHdfs.class)
class ExactlyOnceUnderFaultsTest {

    private static final Logger log = LoggerFactory.getLogger(ExactlyOnceUnderFaultsTest.class);
    private static final String TOPIC = "faults";
    private static final String CONNECTOR = "faults";
    private static final int PARTITIONS = 3;
    private static final int RECORDS_PER_ROUND = 120;
    private static final int ROUNDS_PER_FAULT = 3;
    // Generous: on a loaded 2-core machine a crash, the task failing and its restart each took longer than a minute.
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern FILE_NAME = Pattern.compile("faults\\+(\\d+)\\+(\\d{10})\\+(\\d{10})\\.parquet");
    private static final DateTimeFormatter HOUR_DIR =
            DateTimeFormatter.ofPattern("'dt'=yyyy-MM-dd/'hour'=HH").withZone(ZoneOffset.UTC);
    private static final long START = Instant.parse("2026-11-26T06:00:00Z").toEpochMilli();

    /** The ways to die: each step of the commit path and of recovery, and a whole worker. */
    private enum Fault {
        TEMP_WRITE, TEMP_SYNC, INTENT_SYNC, RENAME, AFTER_RENAME, RECOVERY, WORKER
    }

    @TempDir
    static Path hadoopConf;

    private static ConnectCluster connect;
    private static int produced;

    @BeforeAll
    static void start() throws Exception {
        Files.writeString(hadoopConf.resolve("core-site.xml"), CrashingFileSystem.coreSite(Map.of()));
        connect = ConnectCluster.start(1, Map.of("scheduled.rebalance.max.delay.ms", "0"));
        connect.connect().kafka().createTopic(TOPIC, PARTITIONS);
    }

    @AfterAll
    static void stop() throws Exception {
        CrashingFileSystem.disarm();
        connect.close();
        CrashingFileSystem.closeAbandoned();
    }

    @Test
    void everyRecordIsArchivedOnceWhateverStepTheWriterDiesAt() throws Exception {
        long seed = Long.getLong("faults.seed", System.nanoTime());
        log.info("Fault schedule seed: {} (replay with -Dfaults.seed={})", seed, seed);
        Random random = new Random(seed);
        List<Fault> schedule = new ArrayList<>();
        for (int i = 0; i < ROUNDS_PER_FAULT; i++) {
            schedule.addAll(List.of(Fault.values()));
        }
        Collections.shuffle(schedule, random);

        connect.connect().configureConnector(CONNECTOR, ConnectorJson.load("hdfs-sink.json").with(Map.of(
                "topics", TOPIC,
                "store.url", SharedHdfs.cluster().uri().replace("hdfs://", CrashingFileSystem.SCHEME + "://"),
                "hadoop.conf.dir", hadoopConf.toString(),
                "topics.dir", "/faults",
                "flush.size", "60",
                "rotate.wallclock.ms", "1500",
                "retry.backoff.ms", "200")).config());
        awaitTaskRunning();

        Set<Fault> fired = EnumSet.noneOf(Fault.class);
        for (Fault fault : schedule) {
            // The writers that died in the previous round have been fenced off by now: let their processes go.
            CrashingFileSystem.closeAbandoned();
            produceRound();
            int depth = 1 + random.nextInt(fault == Fault.RECOVERY ? 8 : 4);
            log.info("Round: {} at depth {}", fault, depth);
            if (crash(fault, depth)) {
                fired.add(fault);
            }
        }
        CrashingFileSystem.disarm();
        produceRound();

        assertThat(fired).as("every kind of fault happened").containsExactlyInAnyOrder(Fault.values());
        assertArchiveEqualsTopic();
    }

    private static void produceRound() {
        for (int i = 0; i < RECORDS_PER_ROUND; i++, produced++) {
            int partition = produced % PARTITIONS;
            long time = START + ((produced / PARTITIONS) % 2) * 3_600_000L + produced;
            connect.connect().kafka().produce(TOPIC, partition, null,
                    HdfsSinkIntegrationTest.event("e-" + produced, time, "ch-" + (produced % 5)));
        }
    }

    /** Makes the writer die at the fault, then brings the task back; returns whether the crash happened. */
    private static boolean crash(Fault fault, int depth) {
        int before = CrashingFileSystem.crashes();
        switch (fault) {
            case WORKER:
                CrashingFileSystem.crashAll();
                connect.connect().removeWorker();
                connect.connect().addWorker();
                awaitTaskRunning();
                return CrashingFileSystem.crashes() > before;
            case RECOVERY:
                CrashingFileSystem.crashAll();
                CrashingFileSystem.arm(Step.RECOVERY, depth);
                restartTask();
                break;
            default:
                CrashingFileSystem.arm(Step.valueOf(fault.name()), depth);
                break;
        }
        // The round may give the writer fewer calls of the armed step than its depth: feed it until the fault fires.
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(5)).until(() -> {
            if (CrashingFileSystem.armedStep() == null) {
                return true;
            }
            produceRound();
            return false;
        });
        await().atMost(TIMEOUT).until(() -> "FAILED".equals(taskState()));
        restartTask();
        awaitTaskRunning();
        return CrashingFileSystem.crashes() > before;
    }

    private static String taskState() {
        try {
            return connect.connect().connectorStatus(CONNECTOR).tasks().get(0).state();
        } catch (RuntimeException notYetKnown) {
            return "UNKNOWN";
        }
    }

    private static void restartTask() {
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> connect.connect().restartTask(CONNECTOR, 0));
    }

    private static void awaitTaskRunning() {
        await().atMost(TIMEOUT).until(() -> "RUNNING".equals(taskState()));
    }

    private void assertArchiveEqualsTopic() throws Exception {
        Map<String, ConsumerRecord<String, String>> topic = new HashMap<>();
        for (ConsumerRecord<String, String> record : connect.reader().readAll(TOPIC, TIMEOUT)) {
            String id = Archive.json(record.value()).path("eventId").asText();
            assertThat(topic.put(id, record)).as("eventIds are unique in the topic").isNull();
        }
        assertThat(topic).hasSize(produced);

        Archive archive = new Archive(SharedHdfs.cluster().fileSystem());
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() ->
                    archive.parquetRows("/faults/" + TOPIC).size() >= produced);
        } catch (ConditionTimeoutException e) {
            log.error("The archive did not fill up; the checks below say what is wrong");
        }

        List<Archive.Row> rows = archive.parquetRows("/faults/" + TOPIC);
        Map<String, Archive.Row> archived = new HashMap<>();
        Map<org.apache.hadoop.fs.Path, Long> lastOffsetInFile = new HashMap<>();
        for (Archive.Row row : rows) {
            String id = row.record().get("eventId").toString();
            assertThat(archived.put(id, row)).as("%s archived twice", id).isNull();
            ConsumerRecord<String, String> sent = topic.get(id);
            assertThat(sent).as("%s is in the topic", id).isNotNull();

            Matcher name = FILE_NAME.matcher(row.file().getName());
            assertThat(name.matches()).as(row.file().getName()).isTrue();
            assertThat(Integer.parseInt(name.group(1))).isEqualTo(sent.partition());
            assertThat(sent.offset()).isBetween(Long.parseLong(name.group(2)), Long.parseLong(name.group(3)));
            Long previous = lastOffsetInFile.put(row.file(), sent.offset());
            assertThat(previous == null || previous < sent.offset()).as("offset order in %s", row.file()).isTrue();

            JsonNode sentEvent = Archive.json(sent.value());
            assertThat(Archive.asJsonEvent(row.record())).isEqualTo(sentEvent);
            assertThat(row.directory()).isEqualTo("/faults/" + TOPIC + "/" + HOUR_DIR.format(
                    Instant.parse(sentEvent.path("timestamp").asText())));
        }
        Set<String> missing = new TreeSet<>(topic.keySet());
        missing.removeAll(archived.keySet());
        assertThat(missing).as("records of the topic missing from the archive").isEmpty();

        // Nothing is left behind: every crashed writer's temp files were discarded by the next owner, and each
        // partition's commit log is down to its current generation.
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(archive.files("/faults/+tmp")).isEmpty());
        for (int partition = 0; partition < PARTITIONS; partition++) {
            assertThat(archive.files("/faults/+state/" + TOPIC + "/" + partition)).hasSize(1);
        }
        log.info("{} records archived exactly once across {} files after {} crashes", rows.size(),
                lastOffsetInFile.size(), CrashingFileSystem.crashes());
    }
}
