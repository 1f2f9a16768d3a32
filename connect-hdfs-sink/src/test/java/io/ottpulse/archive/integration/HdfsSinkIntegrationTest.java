package io.ottpulse.archive.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ottpulse.testkit.ConnectCluster;
import io.ottpulse.testkit.ConnectorJson;
import io.ottpulse.testkit.HdfsCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped sink config on a real Connect cluster, Kafka broker and MiniDFSCluster. */
class HdfsSinkIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path tmp;

    private static ConnectCluster connect;
    private static HdfsCluster hdfs;

    @BeforeAll
    static void start() {
        hdfs = HdfsCluster.start(tmp.resolve("hdfs"));
        connect = ConnectCluster.start(1);
    }

    @AfterAll
    static void stop() throws Exception {
        connect.close();
        hdfs.close();
    }

    private static ConnectorJson sink(String topic, String topicsDir, int flushSize) {
        return ConnectorJson.load("hdfs-sink.json").with(Map.of(
                "topics", topic,
                "store.url", hdfs.uri(),
                "topics.dir", topicsDir,
                "flush.size", Integer.toString(flushSize),
                "rotate.interval.ms", "2000"));
    }

    @Test
    void archivesEveryRecordOnceInCommittedFilesNamedByOffsets() throws Exception {
        connect.connect().kafka().createTopic("archive-a", 2);
        for (int i = 0; i < 250; i++) {
            connect.connect().kafka().produce("archive-a", i % 2, "k" + i, "{\"n\":" + i + "}");
        }
        ConnectorJson sink = sink("archive-a", "/a", 100);
        connect.connect().configureConnector("sink-a", sink.config());

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(archivedLines("/a/archive-a")).hasSize(250));

        List<String> names = committedFiles("/a/archive-a").stream().map(f -> f.getPath().getName()).toList();
        assertThat(names).contains("archive-a+0+0000000000+0000000099.jsonl", "archive-a+1+0000000000+0000000099.jsonl",
                "archive-a+0+0000000100+0000000124.jsonl", "archive-a+1+0000000100+0000000124.jsonl");
        assertThat(committedFiles("/a/archive-a")).allMatch(f -> f.getPath().getParent().getName().startsWith("partition="));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            expected.add("{\"n\":" + i + "}");
        }
        assertThat(archivedLines("/a/archive-a")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void resumesFromTheArchiveAfterTheConnectorIsRecreated() throws Exception {
        connect.connect().kafka().createTopic("archive-b", 1);
        for (int i = 0; i < 30; i++) {
            connect.connect().kafka().produce("archive-b", 0, "k", "{\"n\":" + i + "}");
        }
        ConnectorJson sink = sink("archive-b", "/b", 10);
        connect.connect().configureConnector("sink-b", sink.config());
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(archivedLines("/b/archive-b")).hasSize(30));
        connect.connect().deleteConnector("sink-b");

        for (int i = 30; i < 45; i++) {
            connect.connect().kafka().produce("archive-b", 0, "k", "{\"n\":" + i + "}");
        }
        connect.connect().configureConnector("sink-b", sink.config());

        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(archivedLines("/b/archive-b")).hasSize(45));
        assertThat(archivedLines("/b/archive-b")).doesNotHaveDuplicates();
    }

    private static List<LocatedFileStatus> committedFiles(String dir) throws IOException {
        List<LocatedFileStatus> files = new ArrayList<>();
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(dir);
        if (!hdfs.fileSystem().exists(path)) {
            return files;
        }
        RemoteIterator<LocatedFileStatus> it = hdfs.fileSystem().listFiles(path, true);
        while (it.hasNext()) {
            files.add(it.next());
        }
        return files;
    }

    private static List<String> archivedLines(String dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (FileStatus file : committedFiles(dir)) {
            try (var in = hdfs.fileSystem().open(file.getPath())) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                text.lines().forEach(lines::add);
            }
        }
        return lines;
    }
}
