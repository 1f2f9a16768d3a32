package io.ottpulse.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A real HDFS (NameNode and one DataNode) in this JVM, storing its blocks under a given directory. */
public final class HdfsCluster implements AutoCloseable {

    private final MiniDFSCluster cluster;
    private final FileSystem fileSystem;

    private HdfsCluster(MiniDFSCluster cluster) throws IOException {
        this.cluster = cluster;
        this.fileSystem = FileSystem.newInstance(URI.create(uri()), new Configuration());
    }

    public static HdfsCluster start(Path baseDir) {
        return start(baseDir, Map.of());
    }

    /** @param settings Hadoop settings of the NameNode and DataNode on top of the defaults */
    public static HdfsCluster start(Path baseDir, Map<String, String> settings) {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, baseDir.toAbsolutePath().toString());
        settings.forEach(conf::set);
        try {
            MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
            cluster.waitActive();
            return new HdfsCluster(cluster);
        } catch (IOException e) {
            throw new UncheckedIOException("MiniDFSCluster did not start", e);
        }
    }

    /** The file system URI, e.g. {@code hdfs://localhost:40123}. */
    public String uri() {
        return "hdfs://localhost:" + cluster.getNameNodePort();
    }

    /** A client of this HDFS, closed with the cluster. */
    public FileSystem fileSystem() {
        return fileSystem;
    }

    public MiniDFSCluster cluster() {
        return cluster;
    }

    @Override
    public void close() throws IOException {
        fileSystem.close();
        cluster.shutdown(true);
    }
}
