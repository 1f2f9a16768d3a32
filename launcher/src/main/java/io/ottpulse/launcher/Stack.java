package io.ottpulse.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The whole OTT Pulse system on one machine: KRaft broker, HDFS, registry, Connect worker with both plugins and the
 * connectors of {@code connectors/}, stats, gateway; each in its own JVM, started in dependency order and stopped
 * in reverse.
 */
final class Stack implements AutoCloseable {

    static final String ACTIVITY_TOPIC = "ott.activity";
    /** The API key of the local stack's development client, printed at start-up; the simulator sends it. */
    static final String DEV_API_KEY = "ottpulse-dev-key-local-only";
    static final String DEV_CLIENT = "ottpulse-dev";
    /** The development key's rate limit, requests/s (its burst is twice that). */
    static final int DEV_KEY_RATE = 2_000;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackLayout layout;
    private final StackPorts ports;
    private final PrintStream out;
    private final List<ChildProcess> children = new CopyOnWriteArrayList<>();
    private final Components components;
    /** The secret the gateway sends the ingest tasks; new at every start. */
    private final String ingestToken = randomToken();
    private final int devKeyRate;

    private Stack(StackLayout layout, StackPorts ports, PrintStream out, int devKeyRate) {
        this.layout = layout;
        this.ports = ports;
        this.out = out;
        this.devKeyRate = devKeyRate;
        this.components = new Components(layout, children::add);
    }

    /** Starts every component and returns once the gateway routes to ingest and stats; stops all on failure. */
    static Stack start(StackLayout layout, StackPorts ports, PrintStream out) {
        return start(layout, ports, out, DEV_KEY_RATE);
    }

    /** @param devKeyRate the development key's rate limit, requests/s */
    static Stack start(StackLayout layout, StackPorts ports, PrintStream out, int devKeyRate) {
        Stack stack = new Stack(layout, ports, out, devKeyRate);
        try {
            stack.startAll();
            return stack;
        } catch (Exception e) {
            stack.close();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
    }

    private void startAll() throws IOException, InterruptedException {
        layout.requireBuilt();
        ports.requireFree();
        Files.createDirectories(layout.config());
        Files.createDirectories(layout.run());

        ChildProcess broker = startBroker();
        ChildProcess hdfs = startHdfs();
        ChildProcess registry = startRegistry();
        Readiness.await(broker, "accepting clients", START_TIMEOUT, this::brokerAnswers);
        Readiness.await(hdfs, "serving", START_TIMEOUT, () -> Files.exists(hdfsReadyFile()));
        Readiness.await(registry, "serving", START_TIMEOUT, () -> Readiness.answers(registryUrl() + "/eureka/apps", 200));
        createTopics();

        ChildProcess connect = startConnect();
        ChildProcess stats = startStats();
        ChildProcess gateway = startGateway();
        Readiness.await(connect, "REST API", START_TIMEOUT, () -> Readiness.answers(connectUrl() + "/", 200));
        ConnectorDeployer deployer = new ConnectorDeployer(connectUrl());
        List<String> connectors = deployer.deployAll(layout.connectorsDir(), connectorOverrides(), START_TIMEOUT);
        for (String connector : connectors) {
            Readiness.await(connect, "connector " + connector + " running", START_TIMEOUT, () -> deployer.running(connector));
        }
        Readiness.await(stats, "serving", START_TIMEOUT, () -> Readiness.answers(statsUrl() + "/health", 200));
        Readiness.await(gateway, "serving", START_TIMEOUT,
                () -> Readiness.answers(gatewayUrl() + "/actuator/health", 200));
        Readiness.await(gateway, "routing to stats", START_TIMEOUT,
                () -> Readiness.answers(gatewayUrl() + "/v1/stats/channels", 200));
        Readiness.await(gateway, "routing to ingest", START_TIMEOUT, this::gatewayRoutesToIngest);
    }

    private ChildProcess startBroker() {
        return components.kafka("kafka", layout.dataDir().resolve("kafka"), ports.kafka(), ports.kafkaController());
    }

    private ChildProcess startHdfs() throws IOException {
        return components.hdfs("hdfs", layout.dataDir().resolve("hdfs"), ports.hdfs(), ports.hdfsWeb(),
                hdfsReadyFile());
    }

    private ChildProcess startRegistry() {
        return start("registry", List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", layout.registryJar().toString(), "--server.port=" + ports.registry()));
    }

    private ChildProcess startConnect() throws IOException {
        return components.connect("connect", kafkaBootstrap(), ports.connect(), Map.of());
    }

    private ChildProcess startStats() throws IOException {
        ObjectNode config = (ObjectNode) JSON.readTree(layout.statsDefaultConfig().toFile());
        config.put("bootstrapServers", kafkaBootstrap());
        config.put("stateDir", layout.dataDir().resolve("stats").toString());
        ObjectNode server = (ObjectNode) config.path("server");
        server.put("port", ports.stats());
        server.put("advertisedHost", "localhost");
        ((ObjectNode) config.path("eureka")).put("serviceUrls", registryUrl() + "/eureka/");
        Path configFile = layout.config().resolve("stats-topology.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(configFile.toFile(), config);
        return start("stats", List.of("-Xmx768m", "-jar", layout.statsJar().toString(), "--config",
                configFile.toString()));
    }

    /** The gateway, with the ingest secret and the development key in a file only this user can read. */
    private ChildProcess startGateway() throws IOException {
        Path secrets = layout.config().resolve("gateway-secrets.properties");
        Files.deleteIfExists(secrets);
        Files.createFile(secrets, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secrets, "ottpulse.gateway.ingest-token=" + ingestToken + "\n"
                + "ottpulse.gateway.api-keys=" + DEV_CLIENT + ":" + DEV_API_KEY + ":" + devKeyRate + ":"
                + 2 * devKeyRate + "\n");
        return start("gateway", List.of("-Xmx512m", "-jar", layout.gatewayJar().toString(),
                "--server.port=" + ports.gateway(),
                "--eureka.client.service-url.defaultZone=" + registryUrl() + "/eureka/",
                "--spring.config.import=file:" + secrets));
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Starts the audience simulator against the gateway; it runs until the stack stops. */
    void simulate(int viewers) {
        start("loadgen", List.of("-Xmx512m", "-jar", layout.loadgenJar().toString(), "simulate",
                "--gateway", gatewayUrl(), "--api-key", DEV_API_KEY, "--viewers", Integer.toString(viewers)));
    }

    /** Runs loadgen (e.g. {@code simulate ...} or {@code produce ...}) as one more child, logged as {@code name}. */
    ChildProcess loadgen(String name, List<String> args) {
        List<String> command = new ArrayList<>(List.of("-Xmx1g", "-jar", layout.loadgenJar().toString()));
        command.addAll(args);
        return start(name, command);
    }

    private ChildProcess start(String name, List<String> jvmArgs) {
        return components.start(name, jvmArgs);
    }

    private Map<String, Map<String, String>> connectorOverrides() {
        return Map.of(
                "http-source", Map.of(
                        "listener.port", Integer.toString(ports.ingest()),
                        "eureka.service.urls", registryUrl() + "/eureka/",
                        "gateway.token", ingestToken),
                "hdfs-sink", Map.of("store.url", hdfsUrl()));
    }

    private boolean brokerAnswers() {
        return KafkaTopics.answers(kafkaBootstrap());
    }

    private void createTopics() throws InterruptedException {
        KafkaTopics.create(kafkaBootstrap(), List.of(
                new NewTopic(ACTIVITY_TOPIC, 6, (short) 1),
                new NewTopic("ott.activity.rejected", 1, (short) 1),
                new NewTopic("ott.channel-load", 3, (short) 1)));
    }

    /**
     * A request only an ingest task refuses with 400 (malformed JSON; the gateway never reads bodies), so only once
     * the gateway routes to it with the right secret; before, the gateway says 503.
     */
    private boolean gatewayRoutesToIngest() {
        return Readiness.status(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/v1/events"))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", DEV_API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("readiness probe"))) == 400;
    }

    private Path hdfsReadyFile() {
        return layout.run().resolve("hdfs.ready");
    }

    String kafkaBootstrap() {
        return "localhost:" + ports.kafka();
    }

    /** The stats application's id, which is also its consumer group. */
    String statsApplicationId() throws IOException {
        return JSON.readTree(layout.statsDefaultConfig().toFile()).path("applicationId").asText();
    }

    String hdfsUrl() {
        return "hdfs://localhost:" + ports.hdfs();
    }

    String registryUrl() {
        return "http://localhost:" + ports.registry();
    }

    String connectUrl() {
        return "http://localhost:" + ports.connect();
    }

    String statsUrl() {
        return "http://localhost:" + ports.stats();
    }

    String gatewayUrl() {
        return "http://localhost:" + ports.gateway();
    }

    List<ChildProcess> children() {
        return Collections.unmodifiableList(children);
    }

    /** Prints where everything is and what each component costs in memory. */
    void printSummary(double startSeconds) {
        out.printf("%nOTT Pulse is up (%.1f s). Data and logs: %s%n", startSeconds, layout.dataDir());
        out.printf("  gateway    %s   POST /v1/events   GET /v1/stats/channels%n", gatewayUrl());
        out.printf("  dashboard  %s/%n", gatewayUrl());
        out.printf("  api key    %s   (header X-Api-Key, client %s; development only)%n", DEV_API_KEY, DEV_CLIENT);
        out.printf("  stats      %s/v1/stats/channels%n", statsUrl());
        out.printf("  registry   %s%n", registryUrl());
        out.printf("  connect    %s/connectors%n", connectUrl());
        out.printf("  kafka      %s%n", kafkaBootstrap());
        out.printf("  hdfs       %s   (web http://localhost:%d)%n", hdfsUrl(), ports.hdfsWeb());
        out.printf("%n  %-10s %8s %8s%n", "component", "pid", "RSS MiB");
        for (ChildProcess child : children) {
            out.printf("  %-10s %8d %8d%n", child.name(), child.pid(), child.usage().rssMib());
        }
    }

    /** Stops every component, the last started first. */
    @Override
    public void close() {
        List<ChildProcess> reversed = new ArrayList<>(children);
        Collections.reverse(reversed);
        for (ChildProcess child : reversed) {
            child.stop();
        }
    }
}
