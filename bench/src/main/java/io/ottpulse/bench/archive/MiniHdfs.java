package io.ottpulse.bench.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** An in-process HDFS (NameNode and one DataNode) under a temp directory, for the archive benchmarks. */
final class MiniHdfs implements AutoCloseable {

    private final Path dir;
    private final MiniDFSCluster cluster;
    private final FileSystem fileSystem;

    MiniHdfs() throws IOException {
        dir = Files.createTempDirectory("ottpulse-bench-hdfs-");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
        cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        cluster.waitActive();
        // The baselines' client waits for close() as the sink's does (StoreAccess): 25 ms before the first poll of
        // the NameNode instead of Hadoop's 400 ms, so both sides of a ratio pay the same close.
        Configuration client = new Configuration();
        client.setInt("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 25);
        fileSystem = FileSystem.newInstance(URI.create(uri()), client);
    }

    String uri() {
        return "hdfs://localhost:" + cluster.getNameNodePort();
    }

    FileSystem fileSystem() {
        return fileSystem;
    }

    @Override
    public void close() throws IOException {
        fileSystem.close();
        cluster.shutdown(true);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
