package io.ottpulse.archive;

import io.ottpulse.testkit.HdfsCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One MiniDFSCluster for every test class of this module that asks for it ({@code @ExtendWith(SharedHdfs.class)}):
 * started by the first, shut down and deleted when the whole test run ends.
 */
public final class SharedHdfs implements BeforeAllCallback {

    /** Heartbeats, which carry lease-recovery commands to the DataNode, every second instead of every 3 s. */
    static final Map<String, String> SETTINGS = Map.of("dfs.heartbeat.interval", "1");

    private static HdfsCluster cluster;

    public static synchronized HdfsCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(SharedHdfs.class)");
        }
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        synchronized (SharedHdfs.class) {
            if (cluster != null) {
                return;
            }
            Path dir = Files.createTempDirectory("ottpulse-hdfs-sink-");
            cluster = HdfsCluster.start(dir.resolve("hdfs"), SETTINGS);
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .put(SharedHdfs.class.getName(), new Shutdown(dir));
        }
    }

    /** Closed by JUnit with the root context, after the last test class. */
    private record Shutdown(Path dir) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws IOException {
            shutDown(dir);
        }
    }

    private static synchronized void shutDown(Path dir) throws IOException {
        cluster.close();
        cluster = null;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
