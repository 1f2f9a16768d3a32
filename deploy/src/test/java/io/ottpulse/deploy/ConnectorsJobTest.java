package io.ottpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.junit.jupiter.api.Test;

/**
 * The one-shot job: it reaches a Connect worker's REST port, and the configs it PUTs (connectors/*.json merged with
 * deploy/connectors/overrides.json, as its script does with jq) are valid for their connectors and name this network's
 * services.
 */
class ConnectorsJobTest {

    private static final String SCRIPT = "deploy/connectors/deploy-connectors.sh";

    private final Path home = Project.home();
    private final Compose compose = Compose.read(home);
    private final ComposeService job = compose.onlyBuiltFrom("deploy/connectors");

    /** What the job PUTs, by connector name: each file's config with its overrides on top ({@code .config + $o}). */
    private Map<String, Map<String, String>> deployedConfigs() throws IOException {
        JsonNode overrides = Project.json(home.resolve(job.projectPath(job.mountAt(scriptDefault("OVERRIDES")))));
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
        for (Path file : connectorFiles()) {
            JsonNode connector = Project.json(file);
            Map<String, String> config = new LinkedHashMap<>();
            connector.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            overrides.path(connector.path("name").asText()).fields()
                    .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            configs.put(connector.path("name").asText(), config);
        }
        return configs;
    }

    private List<Path> connectorFiles() throws IOException {
        Path dir = home.resolve(job.projectPath(job.mountAt(scriptDefault("CONNECTORS_DIR"))));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** The script's default for a variable, {@code NAME="${NAME:-default}"}: where it expects its inputs. */
    private String scriptDefault(String variable) {
        Matcher matcher = Pattern.compile(variable + "=\"\\$\\{" + variable + ":-([^}]+)}\"")
                .matcher(Project.read(home.resolve(SCRIPT)));
        if (!matcher.find()) {
            throw new AssertionError(SCRIPT + " has no default for " + variable);
        }
        return job.environment().getOrDefault(variable, matcher.group(1));
    }

    @Test
    void theJobTargetsTheRestPortOfAConnectWorker() {
        HostPort target = HostPort.ofUrl(job.env("CONNECT_URL"));
        int restPort = HostPort.ofUrl(Project.properties(home.resolve(ConnectWorkersTest.WORKER_PROPERTIES))
                .getProperty("listeners")).port();

        assertThat(ConnectWorkersTest.workers(compose)).extracting(ComposeService::name).contains(target.host());
        assertThat(target.port()).isEqualTo(restPort);
        assertThat(job.dependsOn()).contains(target.host());
    }

    @Test
    void everyConnectorFileIsDeployedWithItsOwnClass() throws IOException {
        Map<String, Map<String, String>> deployed = deployedConfigs();

        assertThat(connectorFiles()).hasSizeGreaterThanOrEqualTo(2);
        for (Path file : connectorFiles()) {
            JsonNode connector = Project.json(file);
            String name = connector.path("name").asText();
            assertThat(name).as(file.toString()).isNotBlank();
            assertThat(deployed.get(name)).as(name).containsEntry("connector.class",
                    connector.path("config").path("connector.class").asText());
        }
    }

    @Test
    void overridesOnlyChangeSettingsTheirConnectorKnows() throws Exception {
        JsonNode overrides = Project.json(home.resolve("deploy/connectors/overrides.json"));
        Map<String, Map<String, String>> deployed = deployedConfigs();

        assertThat(deployed.keySet()).as("every override names a connector file").containsAll(names(overrides));
        for (String name : names(overrides)) {
            Connector connector = connector(deployed.get(name));
            Set<String> known = new HashSet<>(connector.config().names());
            known.addAll(originalKeys(name));
            assertThat(names(overrides.path(name))).as(name).isSubsetOf(known);
        }
    }

    @Test
    void deployedConfigsPassTheirConnectorsValidation() throws Exception {
        for (Map.Entry<String, Map<String, String>> entry : deployedConfigs().entrySet()) {
            List<String> errors = new ArrayList<>();
            for (ConfigValue value : connector(entry.getValue()).validate(entry.getValue()).configValues()) {
                value.errorMessages().forEach(message -> errors.add(value.name() + ": " + message));
            }
            assertThat(errors).as(entry.getKey()).isEmpty();
        }
    }

    @Test
    void theIngestTasksRegisterWithTheRegistryAndAdvertiseTheirWorker() throws IOException {
        Map<String, String> source = deployedConfigs().get("http-source");
        ComposeService registry = compose.onlyBuiltFrom("registry");

        assertThat(HostPort.ofUrl(source.get("eureka.service.urls")))
                .isEqualTo(new HostPort(registry.name(), ServicesTest.registryPort(home, registry)));
        // Empty: each task registers the host name of the worker it runs on (each worker's service name).
        assertThat(source.get("advertised.host")).isEmpty();
    }

    @Test
    void theArchiveWritesToTheNameNode() throws IOException {
        HostPort store = HostPort.ofUrl(deployedConfigs().get("hdfs-sink").get("store.url"));
        Map<String, String> namenode = compose.service(store.host()).environment();

        assertThat(namenode.get("HDFS-SITE.XML_dfs.namenode.rpc-address")).isEqualTo(store.toString());
    }

    @Test
    void theIngestTasksExpectTheSecretTheGatewaySends() throws IOException {
        String token = deployedConfigs().get("http-source").get("gateway.token");
        String variable = EnvProvider.variable(token);
        EnvProvider.requireConfigured(Project.properties(home.resolve(ConnectWorkersTest.WORKER_PROPERTIES)));
        String gatewaySecret = compose.onlyBuiltFrom("gateway").env("OTTPULSE_GATEWAY_INGEST_TOKEN");

        assertThat(gatewaySecret).startsWith("${");
        assertThat(ConnectWorkersTest.workers(compose))
                .allSatisfy(worker -> assertThat(worker.env(variable)).as(worker.name()).isEqualTo(gatewaySecret));
    }

    private Set<String> originalKeys(String name) throws IOException {
        for (Path file : connectorFiles()) {
            JsonNode connector = Project.json(file);
            if (connector.path("name").asText().equals(name)) {
                return names(connector.path("config"));
            }
        }
        throw new AssertionError("no connector file named " + name);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Connector connector(Map<String, String> config) throws ReflectiveOperationException {
        return (Connector) Class.forName(config.get("connector.class")).getDeclaredConstructor().newInstance();
    }
}
