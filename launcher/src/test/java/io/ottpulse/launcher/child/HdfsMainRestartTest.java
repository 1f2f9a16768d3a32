package io.ottpulse.launcher.child;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack's HDFS keeps the archive across a restart (it used to reformat on every start). */
class HdfsMainRestartTest {

    @TempDir
    Path baseDir;

    @Test
    void aRestartedHdfsStillHoldsWhatWasWrittenBefore() throws Exception {
        org.apache.hadoop.fs.Path archived = new org.apache.hadoop.fs.Path("/ott/archive/part-0.jsonl");
        MiniDFSCluster first = HdfsMain.start(baseDir, 0, 0);
        try {
            FileSystem fs = first.getFileSystem();
            try (FSDataOutputStream out = fs.create(archived)) {
                out.write("{\"eventId\":\"e-1\"}\n".getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            first.shutdown();
        }

        MiniDFSCluster second = HdfsMain.start(baseDir, 0, 0);
        try {
            FileSystem fs = second.getFileSystem();
            assertThat(fs.exists(archived)).as("archived file after restart").isTrue();
            try (var in = fs.open(archived)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"eventId\":\"e-1\"}\n");
            }
        } finally {
            second.shutdown();
        }
    }
}
