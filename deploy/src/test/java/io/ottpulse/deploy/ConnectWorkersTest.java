package io.ottpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Connect workers: distributed mode, both plugins on plugin.path, addresses other services can reach. */
class ConnectWorkersTest {

    static final String WORKER_PROPERTIES = "deploy/connect/worker.properties";
    static final Set<String> PLUGIN_MODULES = Set.of("connect-http-source", "connect-hdfs-sink");

    private final Path home = Project.home();
    private final Compose compose = Compose.read(home);
    private final Properties worker = Project.properties(home.resolve(WORKER_PROPERTIES));

    static List<ComposeService> workers(Compose compose) {
        return compose.withImage("apache/kafka").stream()
                .filter(s -> s.entrypoint().stream().anyMatch(e -> e.endsWith("/connect-distributed.sh"))).toList();
    }

    @Test
    void twoDistributedWorkersReadTheSharedWorkerFile() {
        List<ComposeService> workers = workers(compose);

        assertThat(workers).hasSize(2);
        for (ComposeService worker : workers) {
            assertThat(worker.command()).as(worker.name()).hasSize(1);
            ComposeService.Mount config = worker.mountAt(worker.command().get(0));
            assertThat(worker.projectPath(config)).isEqualTo(WORKER_PROPERTIES);
        }
        assertThat(this.worker.getProperty("group.id")).isNotBlank();
    }

    @Test
    void bothPluginDirectoriesTheBuildProducesAreMountedOnPluginPath() {
        BuildArtifacts artifacts = BuildArtifacts.of(home);
        Path pluginPath = Path.of(worker.getProperty("plugin.path"));

        for (ComposeService worker : workers(compose)) {
            List<ComposeService.Mount> plugins = worker.volumes().stream()
                    .filter(m -> Path.of(m.target()).startsWith(pluginPath)).toList();
            assertThat(plugins).as(worker.name()).allSatisfy(mount -> {
                assertThat(Path.of(mount.target()).getParent()).as("a plugin is a folder directly on plugin.path")
                        .isEqualTo(pluginPath);
                assertThat(artifacts.produces(worker.projectPath(mount)))
                        .as(worker.projectPath(mount) + " is a plugin folder mvn package produces").isTrue();
                assertThat(mount.readOnly()).isTrue();
            });
            Set<String> modules = plugins.stream().map(m -> worker.projectPath(m).split("/")[0])
                    .collect(Collectors.toSet());
            assertThat(modules).as(worker.name()).isEqualTo(PLUGIN_MODULES);
        }
    }

    @Test
    void eachWorkerAdvertisesItsOwnServiceName() {
        String advertised = worker.getProperty("rest.advertised.host.name");
        String variable = EnvProvider.variable(advertised);
        EnvProvider.requireConfigured(worker);

        for (ComposeService connect : workers(compose)) {
            assertThat(connect.env(variable)).as(connect.name()).isEqualTo(connect.name());
            // The ingest tasks advertise the host name (advertised.host empty): the service name resolves.
            assertThat(connect.hostname()).as(connect.name()).contains(connect.name());
        }
    }

    @Test
    void theRestPortIsTheOneAdvertisedAndPublished() {
        int port = HostPort.ofUrl(worker.getProperty("listeners")).port();

        assertThat(worker.getProperty("rest.advertised.port")).isEqualTo(Integer.toString(port));
        assertThat(workers(compose)).allSatisfy(connect -> assertThat(connect.publishedContainerPorts()).contains(port));
    }
}
