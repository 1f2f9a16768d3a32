package io.ottpulse.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.security.PrivilegedExceptionAction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.security.UserGroupInformation;

/** Opens the archive's file system as the configured user, and checks up front that it is usable. */
final class StoreAccess {

    static final String CLOSE_POLL_INITIAL_DELAY_MS = "dfs.client.block.write.locateFollowingBlock.initial.delay.ms";

    private StoreAccess() {
    }

    /** A private FileSystem instance: the shared cache would let one task's close() break the others. */
    static FileSystem open(HdfsSinkConfig config) throws IOException {
        return open(config, hadoopConf(config));
    }

    static Configuration hadoopConf(HdfsSinkConfig config) {
        Configuration conf = new Configuration();
        config.hadoopConfDir().ifPresent(dir -> {
            for (String file : new String[] {"core-site.xml", "hdfs-site.xml"}) {
                java.nio.file.Path site = dir.resolve(file);
                if (Files.isRegularFile(site)) {
                    conf.addResource(new Path(site.toUri()));
                }
            }
        });
        // Hadoop's shutdown hook would close the file system under a task that is still cleaning up.
        conf.setBoolean("fs.automatic.close", false);
        // close() polls the NameNode until the file's last block is reported, from 400 ms on: that wait would be most
        // of a small commit and of a partition take-over. A site file in hadoop.conf.dir still decides.
        if (!setBySiteFile(conf, CLOSE_POLL_INITIAL_DELAY_MS)) {
            conf.setInt(CLOSE_POLL_INITIAL_DELAY_MS, 25);
        }
        return conf;
    }

    private static boolean setBySiteFile(Configuration conf, String key) {
        String[] sources = conf.getPropertySources(key);
        return sources != null && Arrays.stream(sources).anyMatch(source -> !source.endsWith("-default.xml"));
    }

    private static FileSystem open(HdfsSinkConfig config, Configuration conf) throws IOException {
        URI uri = URI.create(config.storeUrl());
        if (config.storeUser().isEmpty()) {
            return FileSystem.newInstance(uri, conf);
        }
        UserGroupInformation user = UserGroupInformation.createRemoteUser(config.storeUser().get());
        try {
            return user.doAs((PrivilegedExceptionAction<FileSystem>) () -> FileSystem.newInstance(uri, conf));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while opening " + uri);
        }
    }

    /**
     * Connects to the store and writes a probe file where the connector will write, failing fast instead of retrying.
     * Returns the problems found, by the key to blame (empty when the store is usable).
     */
    static Map<String, String> check(HdfsSinkConfig config) {
        Map<String, String> problems = new LinkedHashMap<>();
        Configuration conf = hadoopConf(config);
        conf.setInt("ipc.client.connect.max.retries", 0);
        conf.setInt("ipc.client.connect.max.retries.on.timeouts", 0);
        conf.setInt("ipc.client.connect.timeout", 5_000);
        conf.setBoolean("dfs.client.retry.policy.enabled", false);
        conf.setInt("dfs.client.failover.max.attempts", 1);
        try (FileSystem fs = open(config, conf)) {
            Path state = new Path(config.topicsDir(), ArchiveLayout.STATE_DIR);
            fs.mkdirs(new Path(config.topicsDir(), ArchiveLayout.TMP_DIR));
            fs.mkdirs(state);
            Path probe = new Path(state, ".access-check-" + UUID.randomUUID());
            fs.create(probe, false).close();
            fs.delete(probe, false);
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof AccessControlException) {
                problems.put(HdfsSinkConfig.TOPICS_DIR_CONFIG, "no permission to write " + config.topicsDir()
                        + " as " + config.storeUser().orElse("the worker's user") + ": " + firstLine(cause));
            } else if (cause instanceof UnsupportedFileSystemException) {
                problems.put(HdfsSinkConfig.STORE_URL_CONFIG, "no Hadoop file system for this URL's scheme: "
                        + firstLine(cause));
            } else if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                problems.put(HdfsSinkConfig.STORE_URL_CONFIG, "cannot reach " + config.storeUrl() + ": "
                        + firstLine(cause));
            } else {
                problems.put(HdfsSinkConfig.STORE_URL_CONFIG, "cannot use " + config.storeUrl() + config.topicsDir()
                        + ": " + firstLine(cause));
            }
        }
        return problems;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e instanceof RemoteException remote ? remote.unwrapRemoteException() : e;
        while (current.getCause() != null && current.getCause() != current
                && !(current instanceof AccessControlException)
                && !(current instanceof ConnectException)
                && !(current instanceof UnknownHostException)) {
            Throwable cause = current.getCause();
            current = cause instanceof RemoteException remote ? remote.unwrapRemoteException() : cause;
        }
        return current;
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
