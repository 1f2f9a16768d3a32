package io.ottpulse.launcher.child;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * An in-process HDFS (NameNode and one DataNode) for the local stack, keeping its data between starts. Writes a
 * ready file once it serves, which the launcher waits for.
 *
 * <p>Arguments: base directory, NameNode RPC port, NameNode web port, ready file.
 */
public final class HdfsMain {

    /** Where MiniDFSCluster's first NameNode keeps its namespace (Hadoop 3.4 names it name-0-1, not name1). */
    private static final String NAMESPACE_VERSION_FILE = "name-0-1/current/VERSION";

    private HdfsMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        MiniDFSCluster cluster = start(Path.of(args[0]), port, Integer.parseInt(args[2]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.shutdown();
            stopped.countDown();
        }, "hdfs-shutdown"));
        Files.writeString(Path.of(args[3]), "hdfs://localhost:" + port);
        stopped.await();
    }

    /** Starts serving {@code baseDir}, formatting it only when no NameNode has stored its namespace there yet. */
    static MiniDFSCluster start(Path baseDir, int port, int httpPort) throws Exception {
        Path absoluteBaseDir = baseDir.toAbsolutePath();
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, absoluteBaseDir.toString());
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf)
                .nameNodePort(port)
                .nameNodeHttpPort(httpPort)
                .numDataNodes(1)
                .format(!Files.exists(absoluteBaseDir.resolve(NAMESPACE_VERSION_FILE)))
                .build();
        cluster.waitActive();
        return cluster;
    }
}
