package io.ottpulse.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Starts OTT Pulse's components as child JVMs: the ones on the launcher's own classpath (Kafka, Connect, HDFS) and
 * the built applications. Used by the one-machine stack and by the tests that kill and restart components.
 */
final class Components {

    private final StackLayout layout;
    private final Consumer<ChildProcess> started;

    /** @param started told of every child started, e.g. to stop them all later */
    Components(StackLayout layout, Consumer<ChildProcess> started) {
        this.layout = layout;
        this.started = started;
    }

    /** A single-node KRaft Kafka keeping its data in {@code logDir}; restarting it with the same arguments resumes. */
    ChildProcess kafka(String name, Path logDir, int port, int controllerPort) {
        return onLauncherClasspath(name, "-Xmx768m", List.of("io.ottpulse.launcher.child.BrokerMain",
                logDir.toString(), Integer.toString(port), Integer.toString(controllerPort)));
    }

    /**
     * One node of a multi-node KRaft cluster (broker and controller), keeping its data in {@code logDir}; every node
     * gets the same {@code clusterId} and {@code voters} ({@code id@host:controllerPort,...}).
     */
    ChildProcess kafkaNode(String name, Path logDir, int port, int controllerPort, int nodeId, String clusterId,
            String voters) {
        return onLauncherClasspath(name, "-Xmx512m", List.of("io.ottpulse.launcher.child.BrokerMain",
                logDir.toString(), Integer.toString(port), Integer.toString(controllerPort), Integer.toString(nodeId),
                clusterId, voters));
    }

    /** HDFS (NameNode and DataNode) keeping its data in {@code baseDir}; writes {@code readyFile} once it serves. */
    ChildProcess hdfs(String name, Path baseDir, int port, int webPort, Path readyFile) throws IOException {
        Files.deleteIfExists(readyFile);
        return onLauncherClasspath(name, "-Xmx512m", List.of("io.ottpulse.launcher.child.HdfsMain",
                baseDir.toString(), Integer.toString(port), Integer.toString(webPort), readyFile.toString()));
    }

    /**
     * A Connect worker in distributed mode with both OTT Pulse plugins on its plugin path.
     *
     * @param overrides worker settings replacing the defaults
     */
    ChildProcess connect(String name, String bootstrapServers, int restPort, Map<String, String> overrides)
            throws IOException {
        Properties worker = new Properties();
        worker.put("bootstrap.servers", bootstrapServers);
        worker.put("group.id", "ottpulse-connect");
        worker.put("listeners", "http://localhost:" + restPort);
        worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        worker.put("config.storage.topic", "ottpulse-connect-configs");
        worker.put("offset.storage.topic", "ottpulse-connect-offsets");
        worker.put("status.storage.topic", "ottpulse-connect-status");
        worker.put("config.storage.replication.factor", "1");
        worker.put("offset.storage.replication.factor", "1");
        worker.put("status.storage.replication.factor", "1");
        worker.put("offset.flush.interval.ms", "10000");
        worker.put("plugin.path", layout.pluginDirs().stream().map(Path::toString).collect(Collectors.joining(",")));
        worker.put("plugin.discovery", "service_load");
        worker.putAll(overrides);
        Files.createDirectories(layout.config());
        Path workerFile = layout.config().resolve(name + "-worker.properties");
        try (var writer = Files.newBufferedWriter(workerFile)) {
            worker.store(writer, "Written by the OTT Pulse launcher");
        }
        return onLauncherClasspath(name, "-Xmx768m",
                List.of("org.apache.kafka.connect.cli.ConnectDistributed", workerFile.toString()));
    }

    /** A JVM on the launcher's own classpath, with the launcher's log configuration. */
    private ChildProcess onLauncherClasspath(String name, String heap, List<String> mainAndArgs) {
        List<String> args = new ArrayList<>(List.of(heap, "-Dlog4j2.configurationFile=ottpulse-log4j2.properties",
                "-cp", layout.launcherJar().toString()));
        args.addAll(mainAndArgs);
        return start(name, args);
    }

    /** Any JVM: {@code jvmArgs} is what follows {@code java}. Its output goes to {@code <data>/logs/<name>.log}. */
    ChildProcess start(String name, List<String> jvmArgs) {
        ChildProcess child = ChildProcess.start(name, layout.agentJar(), layout.logs().resolve(name + ".log"), jvmArgs);
        started.accept(child);
        return child;
    }
}
