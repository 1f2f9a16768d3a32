package io.ottpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.stats.StatsConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registry, gateway, stats, HDFS and ksqlDB: each configured with the names and ports the others use. */
class ServicesTest {

    private static final String EUREKA_URL_OPTION = "--eureka.client.service-url.defaultZone";

    private final Path home = Project.home();
    private final Compose compose = Compose.read(home);

    /** The registry's port: a --server.port argument, else its application.yml. */
    static int registryPort(Path home, ComposeService registry) {
        return Integer.parseInt(registry.argument("--server.port").orElseGet(() ->
                Project.flatYaml(home.resolve("registry/src/main/resources/application.yml")).get("server.port")));
    }

    @Test
    void theGatewayFindsTheRegistryByServiceNameAndPort() {
        ComposeService gateway = compose.onlyBuiltFrom("gateway");
        ComposeService registry = compose.onlyBuiltFrom("registry");
        Map<String, String> gatewayYaml = Project.flatYaml(home.resolve("gateway/src/main/resources/application.yml"));

        assertThat(gatewayYaml).as("the argument overrides a setting of the gateway")
                .containsKey(EUREKA_URL_OPTION.substring(2));
        HostPort eureka = HostPort.ofUrl(gateway.argument(EUREKA_URL_OPTION).orElseThrow());
        assertThat(eureka).isEqualTo(new HostPort(registry.name(), registryPort(home, registry)));
        assertThat(registry.publishedContainerPorts()).contains(eureka.port());
        assertThat(gateway.dependsOn()).contains(registry.name());
    }

    @Test
    void theGatewayIsPublishedOnItsOwnPortAndGetsItsSecrets() {
        ComposeService gateway = compose.onlyBuiltFrom("gateway");
        int port = Integer.parseInt(gateway.argument("--server.port").orElseGet(() ->
                Project.flatYaml(home.resolve("gateway/src/main/resources/application.yml")).get("server.port")));

        assertThat(gateway.publishedContainerPorts()).contains(port);
        assertThat(gateway.environment()).containsKeys("OTTPULSE_GATEWAY_INGEST_TOKEN", "OTTPULSE_GATEWAY_API_KEYS");
    }

    @Test
    void twoStatsInstancesOfOneApplicationEachAdvertisingItself() {
        List<ComposeService> instances = compose.builtFrom("stats-topology");
        ComposeService registry = compose.onlyBuiltFrom("registry");

        assertThat(instances).hasSize(2);
        String applicationId = null;
        for (ComposeService stats : instances) {
            String configPath = stats.argument("--config").orElseThrow();
            ComposeService.Mount mount = stats.mountAt(configPath);
            StatsConfig config = StatsConfig.parse(Project.read(home.resolve(stats.projectPath(mount))));

            assertThat(config.server().advertisedHost()).as(stats.name()).isEqualTo(stats.name());
            assertThat(stats.hostname()).as(stats.name()).contains(stats.name());
            assertThat(HostPort.ofUrl(config.eureka().serviceUrls()))
                    .isEqualTo(new HostPort(registry.name(), registryPort(home, registry)));
            assertThat(stats.volumes()).as(stats.name() + " keeps its state in a volume")
                    .anySatisfy(state -> {
                        assertThat(state.isBind()).isFalse();
                        assertThat(state.target()).isEqualTo(config.stateDir());
                    });
            applicationId = applicationId == null ? config.applicationId() : applicationId;
            assertThat(config.applicationId()).as("instances share the work of one application").isEqualTo(applicationId);
        }
    }

    @Test
    void theNameNodeFormatsTheFolderItUsesAndTheDataNodeFindsIt() {
        ComposeService namenode = compose.service("namenode");
        Map<String, String> env = namenode.environment();
        HostPort rpc = HostPort.parse(env.get("HDFS-SITE.XML_dfs.namenode.rpc-address"));

        assertThat(env.get("ENSURE_NAMENODE_DIR")).isEqualTo(env.get("HDFS-SITE.XML_dfs.namenode.name.dir"));
        assertThat(rpc.host()).isEqualTo(namenode.name());
        assertThat(HostPort.ofUrl(env.get("CORE-SITE.XML_fs.defaultFS"))).isEqualTo(rpc);
        assertThat(namenode.command()).containsExactly("hdfs", "namenode");
        assertThat(compose.withImage("apache/hadoop")).anySatisfy(datanode -> {
            assertThat(datanode.command()).containsExactly("hdfs", "datanode");
            assertThat(HostPort.ofUrl(datanode.env("CORE-SITE.XML_fs.defaultFS"))).isEqualTo(rpc);
        });
    }

    @Test
    void ksqlLoadsTheUdfJarTheBuildProducesFromItsExtensionDirectory() {
        ComposeService ksql = compose.service("ksqldb");
        String extensionDir = ksql.env("KSQL_KSQL_EXTENSION_DIR");
        List<String> udfJars = BuildArtifacts.moduleArtifacts(home, "udfs").stream()
                .filter(path -> path.endsWith(".jar")).toList();

        assertThat(ksql.volumes()).anySatisfy(mount -> {
            assertThat(Path.of(mount.target()).getParent()).isEqualTo(Path.of(extensionDir));
            assertThat(udfJars).contains(ksql.projectPath(mount));
        });
    }
}
