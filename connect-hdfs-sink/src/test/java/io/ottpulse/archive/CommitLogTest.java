package io.ottpulse.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LeaseRecoverable;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The commit protocol against a real HDFS, with crashes injected at each step. */
@ExtendWith(SharedHdfs.class)
class CommitLogTest {

    private static final AtomicInteger RUN = new AtomicInteger();

    private final List<FileSystem> clients = new java.util.ArrayList<>();
    private Path base;
    private Path stateDir;

    @BeforeEach
    void newDirectory() {
        base = new Path("/commit-log-" + RUN.incrementAndGet());
        stateDir = new Path(base, "+state/t/0");
    }

    @AfterEach
    void cleanUp() throws IOException {
        CrashingFileSystem.disarm();
        for (FileSystem client : clients) {
            client.close();
        }
        CrashingFileSystem.closeAbandoned();
    }

    private static FileSystem hdfs() {
        return SharedHdfs.cluster().fileSystem();
    }

    private FileSystem newClient(String scheme) throws IOException {
        Configuration conf = new Configuration();
        conf.set("fs." + CrashingFileSystem.SCHEME + ".impl", CrashingFileSystem.class.getName());
        URI uri = URI.create(SharedHdfs.cluster().uri().replace("hdfs", scheme));
        FileSystem client = FileSystem.newInstance(uri, conf);
        clients.add(client);
        return client;
    }

    /** A finished temp file holding {@code text}, and where it is to be committed. */
    private FileMove tempFile(FileSystem fs, String name, String text) throws IOException {
        Path temp = new Path(base, "+tmp/t/0/" + name + ".tmp");
        try (FSDataOutputStream out = fs.create(temp, false)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.hsync();
        }
        return new FileMove(temp, new Path(base, "t/" + name + "/t+0+" + name));
    }

    private static String read(Path file) throws IOException {
        try (var in = hdfs().open(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aNewOwnerResumesAfterTheLastCommitWithEveryFileInPlace() throws IOException {
        CommitLog first = new CommitLog(hdfs(), stateDir);
        assertThat(first.open()).isEqualTo(CommitLog.NONE);
        FileMove a = tempFile(hdfs(), "a", "records 0-4");
        FileMove b = tempFile(hdfs(), "b", "records 5-9");
        first.commit(9, List.of(a, b));
        first.close();

        CommitLog next = new CommitLog(hdfs(), stateDir);
        assertThat(next.open()).isEqualTo(9);
        next.close();
        assertThat(read(a.target())).isEqualTo("records 0-4");
        assertThat(read(b.target())).isEqualTo("records 5-9");
        assertThat(hdfs().exists(a.temp())).isFalse();
        assertThat(hdfs().listStatus(stateDir)).hasSize(1);
    }

    @Test
    void aCrashBeforeTheIntentIsDurableDecidesNothing() throws IOException {
        FileSystem crashing = newClient(CrashingFileSystem.SCHEME);
        CommitLog owner = new CommitLog(crashing, stateDir);
        owner.open();
        owner.commit(4, List.of(tempFile(crashing, "a", "records 0-4")));
        FileMove b = tempFile(crashing, "b", "records 5-9");
        CrashingFileSystem.arm(CrashingFileSystem.Step.INTENT_SYNC, 1);
        assertThatThrownBy(() -> owner.commit(9, List.of(b))).isInstanceOf(CrashingFileSystem.Crash.class);

        CommitLog next = new CommitLog(hdfs(), stateDir);
        assertThat(next.open()).isIn(4L, 9L);
        next.close();
        assertThat(hdfs().exists(b.target())).isEqualTo(next.committed() == 9);
    }

    @Test
    void aCrashBetweenTheRenamesOfADecidedCommitIsCompletedByTheNextOwner() throws IOException {
        FileSystem crashing = newClient(CrashingFileSystem.SCHEME);
        CommitLog owner = new CommitLog(crashing, stateDir);
        owner.open();
        FileMove a = tempFile(crashing, "a", "records 0-4");
        FileMove b = tempFile(crashing, "b", "records 5-9");
        CrashingFileSystem.arm(CrashingFileSystem.Step.AFTER_RENAME, 1);
        assertThatThrownBy(() -> owner.commit(9, List.of(a, b))).isInstanceOf(CrashingFileSystem.Crash.class);
        assertThat(hdfs().exists(a.target())).isTrue();
        assertThat(hdfs().exists(b.target())).isFalse();

        CommitLog next = new CommitLog(hdfs(), stateDir);
        assertThat(next.open()).isEqualTo(9);
        next.close();
        assertThat(read(b.target())).isEqualTo("records 5-9");
    }

    @Test
    void aCrashDuringRecoveryLeavesTheNextRecoveryTheSameWork() throws IOException {
        FileSystem crashing = newClient(CrashingFileSystem.SCHEME);
        CommitLog owner = new CommitLog(crashing, stateDir);
        owner.open();
        FileMove a = tempFile(crashing, "a", "records 0-4");
        CrashingFileSystem.arm(CrashingFileSystem.Step.RENAME, 1);
        assertThatThrownBy(() -> owner.commit(4, List.of(a))).isInstanceOf(CrashingFileSystem.Crash.class);

        for (int step = 1; step <= 3; step++) {
            CommitLog recovering = new CommitLog(newClient(CrashingFileSystem.SCHEME), stateDir);
            CrashingFileSystem.arm(CrashingFileSystem.Step.RECOVERY, step);
            assertThatThrownBy(recovering::open).isInstanceOf(CrashingFileSystem.Crash.class);
        }
        CrashingFileSystem.disarm();
        CommitLog next = new CommitLog(hdfs(), stateDir);
        assertThat(next.open()).isEqualTo(4);
        next.close();
        assertThat(read(a.target())).isEqualTo("records 0-4");
    }

    @Test
    void aLogLeftOpenByAnotherClientIsTakenOverByRecoveringItsLease() throws IOException {
        try (FileSystem stale = FileSystem.newInstance(URI.create(SharedHdfs.cluster().uri()), new Configuration())) {
            FSDataOutputStream log = stale.create(new Path(stateDir, "log-" + String.format("%019d", 7)), false);
            log.write("checkpoint\t41\n".getBytes(StandardCharsets.UTF_8));
            log.hsync();
            FSDataOutputStream temp = stale.create(new Path(base, "+tmp/t/0/left-open.tmp"), false);
            temp.write("half a file".getBytes(StandardCharsets.UTF_8));
            temp.hflush();
            assertThat(((LeaseRecoverable) hdfs()).isFileClosed(new Path(stateDir, "log-" + String.format("%019d", 7))))
                    .isFalse();

            PartitionArchiver archiver = new PartitionArchiver(new org.apache.kafka.common.TopicPartition("t", 0),
                    new PartitionArchiver.Settings(hdfs(), new ArchiveLayout(base.toString()),
                            new JsonLinesFormat(false), record -> "partition=0", record -> 0L, 10, -1, 60_000),
                    requester -> { }, null);
            assertThat(archiver.recover()).isEqualTo(41);
            assertThat(archiver.rewindOffset()).isEqualTo(42);
            archiver.close();
            assertThat(hdfs().exists(new Path(base, "+tmp/t/0"))).isFalse();
            assertThat(hdfs().listStatus(stateDir)).extracting(status -> status.getPath().getName())
                    .containsExactly("log-" + String.format("%019d", 8));
        }
    }

    @Test
    void aFencedWriterCanNoLongerCommit() throws IOException {
        try (FileSystem zombieClient = FileSystem.newInstance(URI.create(SharedHdfs.cluster().uri()),
                new Configuration())) {
            CommitLog zombie = new CommitLog(zombieClient, stateDir);
            zombie.open();
            zombie.commit(4, List.of(tempFile(zombieClient, "a", "records 0-4")));

            CommitLog owner = new CommitLog(hdfs(), stateDir);
            assertThat(owner.open()).isEqualTo(4);
            FileMove late = tempFile(zombieClient, "b", "records 5-9 of the zombie");
            assertThatThrownBy(() -> zombie.commit(9, List.of(late))).isInstanceOf(IOException.class);
            assertThat(hdfs().exists(late.target())).isFalse();

            owner.commit(7, List.of(tempFile(hdfs(), "c", "records 5-7")));
            owner.close();
            CommitLog next = new CommitLog(hdfs(), stateDir);
            assertThat(next.open()).isEqualTo(7);
            next.close();
        }
    }

    @Test
    void recoveryTouchesOnlyThePartitionsOwnDirectories() throws IOException {
        FileSystem journaled = newClient(CrashingFileSystem.SCHEME);
        CommitLog owner = new CommitLog(journaled, stateDir);
        owner.open();
        for (int i = 0; i < 5; i++) {
            owner.commit(i, List.of(tempFile(journaled, "f" + i, "record " + i)));
        }
        owner.close();
        CrashingFileSystem.clearJournal();

        PartitionArchiver archiver = new PartitionArchiver(new org.apache.kafka.common.TopicPartition("t", 0),
                new PartitionArchiver.Settings(journaled, new ArchiveLayout(base.toString()),
                        new JsonLinesFormat(false), record -> "partition=0", record -> 0L, 10, -1, 60_000),
                requester -> { }, null);
        assertThat(archiver.recover()).isEqualTo(4);
        archiver.close();
        assertThat(CrashingFileSystem.journal()).isNotEmpty().allSatisfy(call -> assertThat(call)
                .containsAnyOf(base + "/+state/t/0", base + "/+tmp/t/0"));
        assertThat(CrashingFileSystem.journal()).filteredOn(call -> call.startsWith("list"))
                .containsExactly("list " + base + "/+state/t/0");
    }

    @Test
    void theLogRollsSoRecoveryReadsABoundedAmount() throws IOException {
        CommitLog owner = new CommitLog(hdfs(), stateDir, 3);
        owner.open();
        for (int i = 0; i < 10; i++) {
            owner.commit(i, List.of(tempFile(hdfs(), "f" + i, "record " + i)));
        }
        assertThat(hdfs().listStatus(stateDir)).hasSize(1);
        assertThat(hdfs().getFileStatus(hdfs().listStatus(stateDir)[0].getPath()).getLen()).isLessThan(1_000);
        owner.close();
        CommitLog next = new CommitLog(hdfs(), stateDir);
        assertThat(next.open()).isEqualTo(9);
        next.close();
    }
}
