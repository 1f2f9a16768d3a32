package io.ottpulse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ottpulse.testkit.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * OTT Pulse as a distributed deployment on one machine ({@link LoopbackCluster}) under steady load, with one fault at a
 * time: a Connect worker killed, a broker killed and restarted, the NameNode restarted, a stats instance killed. After
 * each: no acknowledged event lost (the load generator's and the probe's), the HDFS archive equal to the topic, and
 * the stats showing the load generator's ground truth. Times to recover are printed and written to
 * {@code launcher/target/cluster-faults.txt}. About 15 minutes: run by {@code mvn -Pcluster-faults}, not by default.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsIT {

    private static final long LOAD_SECONDS = 150;
    /** Load runs this long (the JVM start and the audience's ramp-up) before the fault. */
    private static final Duration BEFORE_FAULT = Duration.ofSeconds(30);
    private static final Duration BROKER_DOWN = Duration.ofSeconds(15);
    private static final Duration RECOVERY_BOUND = Duration.ofMinutes(5);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    @RegisterExtension
    static final ChildLogsOnFailure CHILD_LOGS = new ChildLogsOnFailure(() -> dataDir.resolve("logs"));

    private static final List<String> FIGURES = new ArrayList<>();
    private static LoopbackCluster cluster;
    private static AvailabilityProbe probe;
    private static ArchiveAudit archive;

    @BeforeAll
    static void startCluster() throws Exception {
        long started = System.currentTimeMillis();
        cluster = new LoopbackCluster(new StackLayout(ProjectPaths.home(), dataDir));
        cluster.start();
        archive = new ArchiveAudit(cluster.hdfsUrl(), LoopbackCluster.ACTIVITY_TOPIC);
        probe = new AvailabilityProbe(cluster.gatewayUrl());
        figure("cluster up in %.1f s (3 brokers, 2 Connect workers, HDFS, registry, 2 stats, gateway)",
                seconds(started, System.currentTimeMillis()));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        try {
            if (probe != null) {
                probe.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            Files.write(ProjectPaths.home().resolve("launcher/target/cluster-faults.txt"), FIGURES);
        }
    }

    @Test
    @Order(1)
    void aKilledConnectWorkersTasksMoveToTheOtherWhileIngestionGoesOn() throws Exception {
        LoadRun load = startLoad("load-worker-kill", 1);
        int victim = workerToKill();
        int survivor = 1 - victim;
        String leader = cluster.leads(0) ? "connect-1" : cluster.leads(1) ? "connect-2" : "not found in the logs";
        String survivorId = cluster.workerId(survivor);
        long killed = System.currentTimeMillis();
        cluster.worker(victim).kill();

        await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofSeconds(1)).until(() ->
                allOn(cluster.taskWorkers(survivor, "http-source"), survivorId)
                        && allOn(cluster.taskWorkers(survivor, "hdfs-sink"), survivorId));
        long reassigned = System.currentTimeMillis();
        AvailabilityProbe.Window meanwhile = probe.between(killed, reassigned);
        figure("worker kill (connect-%d; group leader: %s): tasks reassigned after %.1f s (scheduled.rebalance.max"
                + ".delay.ms=%d); meanwhile the probe got %d events acknowledged, answers %s",
                victim + 1, leader, seconds(killed, reassigned), LoopbackCluster.REBALANCE_DELAY_MS,
                meanwhile.acknowledgedEvents(), meanwhile.byStatus());
        assertThat(meanwhile.acknowledgedEvents()).as("ingestion through the surviving worker's task").isPositive();

        checkAfterFault("worker kill", load);
    }

    @Test
    @Order(2)
    void aKilledBrokerCostsAShortIngestOutageAndRejoinsTheIsr() throws Exception {
        LoadRun load = startLoad("load-broker-kill", 2);
        long killed = System.currentTimeMillis();
        cluster.broker(1).kill();
        Readiness.sleep(BROKER_DOWN.toMillis());
        cluster.startBroker(1);
        cluster.awaitBroker(1);
        long serving = System.currentTimeMillis();
        await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofSeconds(1)).until(this::everyReplicaInSync);
        long inSync = System.currentTimeMillis();
        AvailabilityProbe.Window window = probe.between(killed, inSync);
        figure("broker kill (kafka-2, down %d s): ingest outage %.1f s (%d of %d probe requests not acknowledged: %s),"
                + " broker serving again %.1f s after the kill, every replica in sync after %.1f s",
                BROKER_DOWN.toSeconds(), window.lastFailureMillis() < 0 ? 0 : seconds(killed, window.lastFailureMillis()),
                window.failures(), window.requests(), window.byStatus(), seconds(killed, serving),
                seconds(killed, inSync));

        checkAfterFault("broker kill", load);
    }

    @Test
    @Order(3)
    void theArchiveResumesAfterANameNodeRestart() throws Exception {
        LoadRun load = startLoad("load-namenode-restart", 3);
        long stopped = System.currentTimeMillis();
        cluster.hdfs().stop();
        cluster.startHdfs();
        cluster.awaitHdfs();
        long serving = System.currentTimeMillis();
        int filesAtRestart = archive.committedFiles();
        await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofSeconds(2))
                .until(() -> archive.committedFiles() > filesAtRestart);
        long committing = System.currentTimeMillis();
        AvailabilityProbe.Window window = probe.between(stopped, committing);
        figure("NameNode restart (HDFS child stopped and started): serving again after %.1f s, the sink committing "
                + "again after %.1f s; ingestion meanwhile: %d of %d probe requests not acknowledged",
                seconds(stopped, serving), seconds(stopped, committing), window.failures(), window.requests());

        checkAfterFault("NameNode restart", load);
    }

    @Test
    @Order(4)
    void theOtherStatsInstanceTakesOverAKilledOnesPartitions() throws Exception {
        LoadRun load = startLoad("load-stats-kill", 4);
        long killed = System.currentTimeMillis();
        cluster.stats(1).kill();
        StatsAvailability stats = StatsAvailability.awaitSteady(cluster.gatewayUrl(), RECOVERY_BOUND);
        figure("stats kill (stats-2): stats API through the gateway answered 200 steadily %.1f s after the kill; "
                + "%d failed of the %d requests until 20 in a row succeeded (%s), the last %.1f s after the kill",
                seconds(killed, stats.steadySinceMillis()), stats.failures(), stats.requests(), stats.byStatus(),
                stats.lastFailureMillis() < 0 ? 0 : seconds(killed, stats.lastFailureMillis()));

        checkAfterFault("stats kill", load);
    }

    /** The worker that does not lead the group and runs exactly one ingest task (the other runs the other). */
    private static int workerToKill() throws IOException {
        Map<Integer, String> ingest = cluster.taskWorkers(0, "http-source");
        for (int candidate : new int[] {1, 0}) {
            String id = cluster.workerId(candidate);
            if (!cluster.leads(candidate) && ingest.values().stream().filter(id::equals).count() == 1) {
                return candidate;
            }
        }
        throw new IllegalStateException("no worker both not leading and running one of the two ingest tasks: " + ingest
                + "; worker 1 leads: " + cluster.leads(0) + ", worker 2 leads: " + cluster.leads(1));
    }

    private static boolean allOn(Map<Integer, String> taskWorkers, String workerId) {
        return taskWorkers.size() == 2 && taskWorkers.values().stream().allMatch(workerId::equals);
    }

    private boolean everyReplicaInSync() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrap()))) {
            Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
                if (topic.partitions().stream().anyMatch(p -> p.isr().size() < p.replicas().size())) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static LoadRun startLoad(String name, int seed) throws IOException {
        LoadRun load = LoadRun.start(cluster, dataDir, name, seed, LOAD_SECONDS);
        Readiness.sleep(BEFORE_FAULT.toMillis());
        return load;
    }

    /**
     * What must hold after every fault: the load generator verified no loss and exact channel load, every event the
     * probe got acknowledged is in the topic, and the archive holds the topic exactly once up to its end.
     */
    private static void checkAfterFault(String fault, LoadRun load) throws Exception {
        JsonNode report = load.awaitReport();
        JsonNode loss = report.path("loss");
        JsonNode accuracy = report.path("accuracy");
        figure("%s, load: %d events sent, %d acknowledged, answers %s; lost %d (duplicates %d); stats exact: %s "
                + "(%d viewers expected, %d reported, settled after %d ms)", fault, report.path("eventsSent").asLong(),
                report.path("eventsAcknowledged").asLong(), report.path("requestsByStatus"), loss.path("missing").asLong(),
                loss.path("duplicates").asLong(), accuracy.path("exact").asBoolean(),
                accuracy.path("expectedViewers").asLong(), accuracy.path("reportedViewers").asLong(),
                accuracy.path("waitedMillis").asLong());
        assertThat(loss.path("missing").asLong()).as("acknowledged load events missing from the topic").isZero();
        assertThat(accuracy.path("exact").asBoolean()).as("channel load equals the ground truth: %s", accuracy).isTrue();

        // Acknowledged first, then the topic: an event acknowledged while the topic is read may be past its end.
        Set<String> acknowledged = probe.acknowledged();
        TopicSnapshot topic = TopicSnapshot.read(cluster.bootstrap(), LoopbackCluster.ACTIVITY_TOPIC);
        Set<String> lost = acknowledged.stream().filter(id -> !topic.contains(id)).collect(Collectors.toSet());
        figure("%s, probe: %d events acknowledged so far, %d lost", fault, acknowledged.size(), lost.size());
        assertThat(lost).as("acknowledged probe events missing from the topic").isEmpty();

        long auditStarted = System.currentTimeMillis();
        Map<Integer, Long> endOfLoad = topic.lastOffsets();
        ArchiveAudit.Result[] last = new ArchiveAudit.Result[1];
        await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            last[0] = archive.audit(cluster.bootstrap());
            return !last[0].exact() && last[0].unexpected() > 0 || last[0].exact() && last[0].covers(endOfLoad);
        });
        ArchiveAudit.Result audit = last[0];
        figure("%s, archive: %d files, %d rows, %d topic records missing, %d unexpected (duplicates), covering the "
                + "topic up to the end of the load after %.1f s", fault, audit.files(), audit.archivedRows(),
                audit.missing(), audit.unexpected(), seconds(auditStarted, System.currentTimeMillis()));
        assertThat(audit.unexpected()).as("archived rows the topic does not hold that often").isZero();
        assertThat(audit.missing()).as("topic records the archive skipped").isZero();
    }

    private static double seconds(long fromMillis, long toMillis) {
        return (toMillis - fromMillis) / 1000.0;
    }

    private static void figure(String format, Object... args) {
        String line = String.format(format, args);
        System.out.println("[cluster-faults] " + line);
        FIGURES.add(line);
    }
}
