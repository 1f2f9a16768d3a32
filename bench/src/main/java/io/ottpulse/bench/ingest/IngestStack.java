package io.ottpulse.bench.ingest;

import io.ottpulse.launcher.watch.ParentWatch;
import io.ottpulse.testkit.ChildJvm;
import io.ottpulse.testkit.ConnectorJson;
import io.ottpulse.testkit.FreePorts;
import java.io.IOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The ingest path as deployed, each part in a JVM of its own: a KRaft broker and a Connect worker in distributed mode
 * running one HTTP source task. Both JVMs log their stop-the-world pauses; both end with this one, however it ends.
 */
final class IngestStack implements AutoCloseable {

    /** The collector settings of Kafka's start scripts ({@code kafka-run-class.sh}), for broker and worker alike. */
    static final List<String> KAFKA_SCRIPTS_GC = List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent");
    /**
     * The heap in transparent huge pages, as every OTT Pulse JVM is deployed (compose.yml, the launcher): on this
     * machine the kernel's memory-reclaim daemon otherwise stalls the JVMs twice a second (docs/performance.md).
     */
    static final List<String> HUGE_PAGES = List.of("-XX:+UseTransparentHugePages");
    /** {@code kafka-server-start.sh}'s heap. */
    static final List<String> BROKER_HEAP = List.of("-Xms1g", "-Xmx1g");
    /** The worker heap of {@code compose.yml}'s Connect workers ({@code KAFKA_HEAP_OPTS}). */
    static final List<String> DEPLOYED_WORKER_HEAP = List.of("-Xms256m", "-Xmx1g");

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Path dir;
    private ChildJvm brokerJvm;
    private ChildJvm workerJvm;
    private ObservedJvm broker;
    private ObservedJvm worker;
    private String bootstrapServers;
    private ConnectRest connect;

    private IngestStack(Path dir) {
        this.dir = dir;
    }

    /**
     * Starts the broker, creates the topics, then starts the worker; stops whatever started if anything fails.
     *
     * @param workerJvm the worker's JVM options (heap, collector)
     */
    static IngestStack start(Path dir, Map<String, Integer> topicPartitions, List<String> workerJvm)
            throws IOException, InterruptedException {
        IngestStack stack = new IngestStack(dir);
        try {
            stack.startBroker();
            stack.createTopics(topicPartitions);
            stack.startWorker(workerJvm);
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startBroker() throws IOException, InterruptedException {
        Path ready = dir.resolve("broker.bootstrap");
        List<String> jvm = new ArrayList<>(BROKER_HEAP);
        jvm.addAll(KAFKA_SCRIPTS_GC);
        jvm.addAll(HUGE_PAGES);
        brokerJvm = startChild("broker", jvm, BrokerMain.class, ready.toString());
        broker = new ObservedJvm("broker", brokerJvm.pid(), pauseLog("broker"));
        await(brokerJvm, "its bootstrap servers in " + ready, () -> Files.exists(ready));
        bootstrapServers = Files.readString(ready);
    }

    private void createTopics(Map<String, Integer> topicPartitions) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(topicPartitions.entrySet().stream()
                    .map(topic -> new NewTopic(topic.getKey(), topic.getValue(), (short) 1))
                    .toList()).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create " + topicPartitions.keySet(), e.getCause());
        }
    }

    private void startWorker(List<String> jvmOptions) throws IOException, InterruptedException {
        int restPort = FreePorts.pick();
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "ingest-bench");
        props.put("listeners", "http://localhost:" + restPort);
        props.put("config.storage.topic", "ingest-bench-configs");
        props.put("offset.storage.topic", "ingest-bench-offsets");
        props.put("status.storage.topic", "ingest-bench-status");
        props.put("config.storage.replication.factor", "1");
        props.put("offset.storage.replication.factor", "1");
        props.put("status.storage.replication.factor", "1");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        // The plugin is on this classpath with its ServiceLoader manifest, which is all service_load looks for.
        props.put("plugin.discovery", "service_load");
        Path propsFile = dir.resolve("worker.properties");
        try (Writer writer = Files.newBufferedWriter(propsFile)) {
            props.store(writer, "IngestThroughput's Connect worker");
        }
        workerJvm = startChild("worker", jvmOptions, WorkerMain.class, propsFile.toString());
        worker = new ObservedJvm("worker", workerJvm.pid(), pauseLog("worker"));
        connect = new ConnectRest(restPort);
        await(workerJvm, "its REST API", connect::answers);
    }

    /** Submits the connector and waits until its task runs and its HTTP listener accepts connections. */
    void deploy(ConnectorJson connector, int listenerPort) throws IOException, InterruptedException {
        connect.putConnector(connector.name(), connector.config());
        await(workerJvm, connector.name() + " running", () -> {
            try {
                return connect.running(connector.name());
            } catch (IOException notYet) {
                return false;
            }
        });
        await(workerJvm, "the ingest listener on port " + listenerPort, () -> accepts(listenerPort));
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    ObservedJvm broker() {
        return broker;
    }

    ObservedJvm worker() {
        return worker;
    }

    private ChildJvm startChild(String name, List<String> jvmOptions, Class<?> main, String argument) {
        List<String> command = new ArrayList<>(jvmOptions);
        command.add(StopTheWorldLog.jvmOption(pauseLog(name)));
        command.add("-javaagent:" + parentWatchAgent());
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(main.getName());
        command.add(argument);
        return ChildJvm.start(name, dir.resolve(name + ".log"), command);
    }

    private Path pauseLog(String name) {
        return dir.resolve(name + "-pauses.log");
    }

    /**
     * The launcher's agent, which every one of its child JVMs carries: this JVM holds the child's standard input open,
     * so the child exits when this JVM ends, even by {@code kill -9}.
     */
    private static Path parentWatchAgent() {
        try {
            return Path.of(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the parent-watch agent's jar", e);
        }
    }

    /** The children run from this JVM's class path, made absolute so it does not depend on their directory. */
    private static String absoluteClassPath() {
        String separator = System.getProperty("path.separator");
        return Arrays.stream(System.getProperty("java.class.path").split(separator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(separator));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("localhost", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static void await(ChildJvm child, String what, BooleanSupplier ready)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!ready.getAsBoolean()) {
            if (!child.isAlive()) {
                throw new IllegalStateException(child + " exited while waiting for " + what);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(child + " did not show " + what + " within " + START_TIMEOUT);
            }
            Thread.sleep(200);
        }
    }

    /** Stops the worker, then the broker; safe to call again (the shutdown hook does, after a normal end). */
    @Override
    public synchronized void close() throws InterruptedException {
        if (workerJvm != null) {
            workerJvm.close();
            workerJvm = null;
        }
        if (brokerJvm != null) {
            brokerJvm.close();
            brokerJvm = null;
        }
    }
}
