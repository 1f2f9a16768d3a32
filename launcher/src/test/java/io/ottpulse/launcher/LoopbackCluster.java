package io.ottpulse.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * OTT Pulse as a distributed deployment on one machine, each process a child JVM on loopback: three KRaft nodes (each
 * broker and voter), HDFS, the registry, two Connect workers of one group running both connectors with two tasks
 * each, two stats instances and the gateway. Components can be killed and started again on the same ports and data.
 */
final class LoopbackCluster implements AutoCloseable {

    static final String ACTIVITY_TOPIC = Stack.ACTIVITY_TOPIC;
    static final int ACTIVITY_PARTITIONS = 6;
    /** Connect waits this long for a departed worker to come back before giving its tasks to the others. */
    static final int REBALANCE_DELAY_MS = 30_000;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final String INGEST_TOKEN = "cluster-faults-ingest-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackLayout layout;
    private final List<ChildProcess> children = new CopyOnWriteArrayList<>();
    private final Components components;
    private final LoopbackPorts ports = new LoopbackPorts();
    private final String clusterId = Uuid.randomUuid().toString();
    private final int[] kafkaPorts = new int[3];
    private final int[] controllerPorts = new int[3];
    private final int[] connectPorts = new int[2];
    private final int[] statsPorts = new int[2];
    private final int ingestPort;
    private final int hdfsPort;
    private final int hdfsWebPort;
    private final int registryPort;
    private final int gatewayPort;
    private final ChildProcess[] brokers = new ChildProcess[3];
    private final ChildProcess[] workers = new ChildProcess[2];
    private final ChildProcess[] stats = new ChildProcess[2];
    private ChildProcess hdfs;

    LoopbackCluster(StackLayout layout) {
        this.layout = layout;
        this.components = new Components(layout, children::add);
        for (int i = 0; i < 3; i++) {
            kafkaPorts[i] = ports.pick();
            controllerPorts[i] = ports.pick();
        }
        for (int i = 0; i < 2; i++) {
            connectPorts[i] = ports.pick();
            statsPorts[i] = ports.pick();
        }
        ingestPort = ports.pickRun(2);
        hdfsPort = ports.pick();
        hdfsWebPort = ports.pick();
        registryPort = ports.pick();
        gatewayPort = ports.pick();
    }

    /** Starts everything and returns once the gateway routes to ingest and stats. */
    void start() throws IOException, InterruptedException {
        layout.requireBuilt();
        Files.createDirectories(layout.config());
        Files.createDirectories(layout.run());
        for (int i = 0; i < 3; i++) {
            startBroker(i);
        }
        startHdfs();
        ChildProcess registry = components.start("registry", List.of("-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", layout.registryJar().toString(), "--server.port=" + registryPort));
        for (int i = 0; i < 3; i++) {
            awaitBroker(i);
        }
        awaitHdfs();
        Readiness.await(registry, "serving", START_TIMEOUT, () -> Readiness.answers(registryUrl() + "/eureka/apps", 200));
        KafkaTopics.create(bootstrap(), List.of(
                new NewTopic(ACTIVITY_TOPIC, ACTIVITY_PARTITIONS, (short) 3),
                new NewTopic("ott.activity.rejected", 1, (short) 3),
                new NewTopic("ott.activity.archive-rejected", 1, (short) 3),
                new NewTopic("ott.channel-load", 3, (short) 3)));

        // The first worker is up before the second joins, so it leads the group (see killableWorker).
        workers[0] = startWorker(0);
        Readiness.await(workers[0], "REST API", START_TIMEOUT, () -> Readiness.answers(connectUrl(0) + "/", 200));
        workers[1] = startWorker(1);
        stats[0] = startStats(0);
        stats[1] = startStats(1);
        ChildProcess gateway = startGateway();
        Readiness.await(workers[1], "REST API", START_TIMEOUT, () -> Readiness.answers(connectUrl(1) + "/", 200));
        ConnectorDeployer deployer = new ConnectorDeployer(connectUrl(0));
        for (String connector : deployer.deployAll(layout.connectorsDir(), connectorOverrides(), START_TIMEOUT)) {
            Readiness.await(workers[0], "connector " + connector + " running", START_TIMEOUT,
                    () -> deployer.running(connector));
        }
        for (int i = 0; i < 2; i++) {
            int instance = i;
            Readiness.await(stats[i], "serving", START_TIMEOUT,
                    () -> Readiness.answers(statsUrl(instance) + "/health", 200));
        }
        Readiness.await(gateway, "routing to stats", START_TIMEOUT,
                () -> Readiness.answers(gatewayUrl() + "/v1/stats/channels", 200));
        Readiness.await(gateway, "routing to ingest", START_TIMEOUT, () -> Readiness.status(
                HttpRequest.newBuilder(URI.create(gatewayUrl() + "/v1/events"))
                        .header("Content-Type", "application/json").header("X-Api-Key", Stack.DEV_API_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString("readiness probe"))) == 400);
    }

    void startBroker(int index) {
        String voters = IntStream.range(0, 3).mapToObj(i -> (i + 1) + "@localhost:" + controllerPorts[i])
                .collect(Collectors.joining(","));
        brokers[index] = components.kafkaNode("kafka-" + (index + 1), layout.dataDir().resolve("kafka-" + (index + 1)),
                kafkaPorts[index], controllerPorts[index], index + 1, clusterId, voters);
    }

    void awaitBroker(int index) {
        Readiness.await(brokers[index], "serving", START_TIMEOUT,
                () -> KafkaTopics.answers("localhost:" + kafkaPorts[index]));
    }

    void startHdfs() throws IOException {
        hdfs = components.hdfs("hdfs", layout.dataDir().resolve("hdfs"), hdfsPort, hdfsWebPort, hdfsReadyFile());
    }

    void awaitHdfs() {
        Readiness.await(hdfs, "serving", START_TIMEOUT, () -> Files.exists(hdfsReadyFile()));
    }

    private Path hdfsReadyFile() {
        return layout.run().resolve("hdfs.ready");
    }

    private ChildProcess startWorker(int index) throws IOException {
        return components.connect("connect-" + (index + 1), bootstrap(), connectPorts[index], Map.of(
                "config.storage.replication.factor", "3",
                "offset.storage.replication.factor", "3",
                "status.storage.replication.factor", "3",
                "scheduled.rebalance.max.delay.ms", Integer.toString(REBALANCE_DELAY_MS)));
    }

    private Map<String, Map<String, String>> connectorOverrides() {
        return Map.of(
                "http-source", Map.of(
                        "tasks.max", "2",
                        "listener.port", Integer.toString(ingestPort),
                        "eureka.service.urls", registryUrl() + "/eureka/",
                        "gateway.token", INGEST_TOKEN),
                "hdfs-sink", Map.of(
                        "tasks.max", "2",
                        "store.url", hdfsUrl(),
                        "errors.deadletterqueue.topic.replication.factor", "3",
                        // Commits idle files after 20 s instead of a minute, so the audits wait less.
                        "rotate.wallclock.ms", "20000"));
    }

    private ChildProcess startStats(int index) throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(layout.statsDefaultConfig().toFile());
        config.put("bootstrapServers", bootstrap());
        config.put("stateDir", layout.dataDir().resolve("stats-" + (index + 1)).toString());
        ObjectNode server = (ObjectNode) config.path("server");
        server.put("port", statsPorts[index]);
        server.put("advertisedHost", "localhost");
        ((ObjectNode) config.path("eureka")).put("serviceUrls", registryUrl() + "/eureka/");
        // As deploy/stats/: a standby copy of every store, so the survivor of a crash takes over without a restore.
        ((ObjectNode) config.path("streams")).put("num.standby.replicas", "1").put("replication.factor", "3");
        Path configFile = layout.config().resolve("stats-" + (index + 1) + ".json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(configFile.toFile(), config);
        return components.start("stats-" + (index + 1), List.of("-Xmx512m", "-jar", layout.statsJar().toString(),
                "--config", configFile.toString()));
    }

    private ChildProcess startGateway() throws IOException {
        Path secrets = layout.config().resolve("gateway-secrets.properties");
        Files.writeString(secrets, "ottpulse.gateway.ingest-token=" + INGEST_TOKEN + "\n"
                + "ottpulse.gateway.api-keys=" + Stack.DEV_CLIENT + ":" + Stack.DEV_API_KEY + ":5000:10000\n");
        return components.start("gateway", List.of("-Xmx512m", "-jar", layout.gatewayJar().toString(),
                "--server.port=" + gatewayPort,
                "--eureka.client.service-url.defaultZone=" + registryUrl() + "/eureka/",
                "--spring.config.import=file:" + secrets));
    }

    /** Connect's own view of where a connector's tasks run: task id to worker id ({@code localhost:<rest port>}). */
    Map<Integer, String> taskWorkers(int askWorker, String connector) {
        try {
            JsonNode status = JSON.readTree(Readiness.send(HttpRequest.newBuilder(
                    URI.create(connectUrl(askWorker) + "/connectors/" + connector + "/status"))).body());
            Map<Integer, String> workersByTask = new TreeMap<>();
            for (JsonNode task : status.path("tasks")) {
                workersByTask.put(task.path("id").asInt(),
                        task.path("state").asText().equals("RUNNING") ? task.path("worker_id").asText() : "");
            }
            return workersByTask;
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** The worker id Connect gives worker {@code index}. */
    String workerId(int index) {
        return "localhost:" + connectPorts[index];
    }

    /** True when worker {@code index}'s log says it leads the group in its latest assignment. */
    boolean leads(int index) throws IOException {
        List<String> assignments = Files.readAllLines(workers[index].log()).stream()
                .filter(line -> line.contains("leaderUrl=")).toList();
        return !assignments.isEmpty()
                && assignments.get(assignments.size() - 1).contains("leaderUrl='" + connectUrl(index) + "/'");
    }

    ChildProcess broker(int index) {
        return brokers[index];
    }

    ChildProcess worker(int index) {
        return workers[index];
    }

    ChildProcess stats(int index) {
        return stats[index];
    }

    ChildProcess hdfs() {
        return hdfs;
    }

    /** Starts the load generator against the gateway: {@code args} follow {@code simulate}. */
    ChildProcess loadgen(String name, List<String> args) {
        List<String> command = new ArrayList<>(List.of("-Xmx384m", "-jar", layout.loadgenJar().toString(), "simulate",
                "--gateway", gatewayUrl(), "--api-key", Stack.DEV_API_KEY, "--bootstrap-servers", bootstrap()));
        command.addAll(args);
        return components.start(name, command);
    }

    String bootstrap() {
        return IntStream.of(kafkaPorts).mapToObj(port -> "localhost:" + port).collect(Collectors.joining(","));
    }

    String hdfsUrl() {
        return "hdfs://localhost:" + hdfsPort;
    }

    String registryUrl() {
        return "http://localhost:" + registryPort;
    }

    String connectUrl(int index) {
        return "http://localhost:" + connectPorts[index];
    }

    String statsUrl(int index) {
        return "http://localhost:" + statsPorts[index];
    }

    String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    /** Kills every process still running, the last started first. */
    @Override
    public void close() {
        List<ChildProcess> reversed = new ArrayList<>(children);
        Collections.reverse(reversed);
        reversed.forEach(ChildProcess::kill);
    }
}
