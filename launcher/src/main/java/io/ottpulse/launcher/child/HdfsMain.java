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

    private HdfsMain() {
    }

    public static void main(String[] args) throws Exception {
        Path baseDir = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        int httpPort = Integer.parseInt(args[2]);
        Path readyFile = Path.of(args[3]);
        boolean formatted = Files.exists(baseDir.resolve("name1"));
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toString());
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf)
                .nameNodePort(port)
                .nameNodeHttpPort(httpPort)
                .numDataNodes(1)
                .format(!formatted)
                .build();
        cluster.waitActive();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.shutdown();
            stopped.countDown();
        }, "hdfs-shutdown"));
        Files.writeString(readyFile, "hdfs://localhost:" + port);
        stopped.await();
    }
}
