package io.ottpulse.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The KRaft cluster, and every client of it naming its brokers where they listen. */
class KafkaClusterTest {

    private final Path home = Project.home();
    private final Compose compose = Compose.read(home);

    /** The apache/kafka services that run Kafka itself (the Connect workers use the same image). */
    private List<ComposeService> brokers() {
        return compose.withImage("apache/kafka").stream().filter(s -> s.entrypoint().isEmpty()).toList();
    }

    /** Where each broker's PLAINTEXT listener is advertised: the address clients in the network use. */
    private Set<HostPort> brokerAddresses() {
        return brokers().stream().map(broker -> listener(broker.env("KAFKA_ADVERTISED_LISTENERS"), "PLAINTEXT"))
                .collect(Collectors.toSet());
    }

    @Test
    void threeKraftNodesEachBrokerAndController() {
        List<ComposeService> brokers = brokers();

        assertThat(brokers).hasSize(3);
        Set<String> voters = new HashSet<>();
        for (ComposeService broker : brokers) {
            assertThat(broker.env("KAFKA_PROCESS_ROLES").split(",")).as(broker.name())
                    .containsExactlyInAnyOrder("broker", "controller");
            HostPort controller = listener(broker.env("KAFKA_LISTENERS"), "CONTROLLER");
            voters.add(broker.env("KAFKA_NODE_ID") + "@" + broker.name() + ":" + controller.port());
            HostPort advertised = listener(broker.env("KAFKA_ADVERTISED_LISTENERS"), "PLAINTEXT");
            assertThat(advertised.host()).as(broker.name() + " advertises its service name").isEqualTo(broker.name());
            assertThat(listener(broker.env("KAFKA_LISTENERS"), "PLAINTEXT").port()).isEqualTo(advertised.port());
        }
        assertThat(voters).as("node ids are distinct").hasSize(3);
        for (ComposeService broker : brokers) {
            assertThat(Set.of(broker.env("KAFKA_CONTROLLER_QUORUM_VOTERS").split(","))).as(broker.name())
                    .isEqualTo(voters);
            assertThat(broker.env("CLUSTER_ID")).isEqualTo(brokers.get(0).env("CLUSTER_ID"));
        }
    }

    @Test
    void everyTopicHasThreeReplicasAndAcknowledgedWritesTwo() {
        assertThat(brokers()).allSatisfy(broker -> assertThat(broker.environment())
                .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2"));
        assertThat(Project.properties(home.resolve("deploy/connect/worker.properties")))
                .containsEntry("config.storage.replication.factor", "3")
                .containsEntry("offset.storage.replication.factor", "3")
                .containsEntry("status.storage.replication.factor", "3");
    }

    @Test
    void brokerDataLivesInVolumesAtTheLogDirs() {
        assertThat(brokers()).allSatisfy(broker -> assertThat(broker.volumes())
                .anySatisfy(mount -> {
                    assertThat(mount.isBind()).isFalse();
                    assertThat(mount.target()).isEqualTo(broker.env("KAFKA_LOG_DIRS"));
                }));
    }

    @Test
    void connectStatsAndKsqlBootstrapFromTheBrokers() {
        Set<HostPort> brokers = brokerAddresses();

        assertThat(brokers).hasSize(3);
        assertThat(addresses(Project.properties(home.resolve("deploy/connect/worker.properties"))
                .getProperty("bootstrap.servers"))).as("Connect workers").isEqualTo(brokers);
        for (ComposeService stats : compose.builtFrom("stats-topology")) {
            Path config = home.resolve(stats.projectPath(stats.mountAt(stats.argument("--config").orElseThrow())));
            assertThat(addresses(Project.json(config).path("bootstrapServers").asText())).as(stats.name())
                    .isEqualTo(brokers);
        }
        assertThat(addresses(compose.service("ksqldb").env("KSQL_BOOTSTRAP_SERVERS"))).as("ksqlDB").isEqualTo(brokers);
    }

    private static Set<HostPort> addresses(String bootstrap) {
        return new HashSet<>(HostPort.parseList(bootstrap));
    }

    /** The address of listener {@code name} in a {@code NAME://host:port,...} list (empty host: all interfaces). */
    static HostPort listener(String listeners, String name) {
        for (String listener : listeners.split(",")) {
            String[] parts = listener.trim().split("://", 2);
            if (parts[0].equals(name)) {
                String address = parts[1];
                return address.startsWith(":") ? new HostPort("", Integer.parseInt(address.substring(1)))
                        : HostPort.parse(address);
            }
        }
        throw new AssertionError("no " + name + " listener in " + listeners);
    }
}
