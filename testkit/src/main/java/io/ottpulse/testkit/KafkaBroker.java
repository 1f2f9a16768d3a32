package io.ottpulse.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** A real single-node KRaft broker (combined broker and controller) in this JVM, on a free port. */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;
    private final Admin admin;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.admin = cluster.admin();
    }

    public static KafkaBroker start() {
        return start(Map.of());
    }

    /** @param brokerProps broker settings on top of the test defaults */
    public static KafkaBroker start(Map<String, String> brokerProps) {
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build());
            // Without this, a consumer group waits 3 s for more members before its first assignment.
            builder.setConfigProp("group.initial.rebalance.delay.ms", "0");
            builder.setConfigProp("offsets.topic.replication.factor", "1");
            builder.setConfigProp("transaction.state.log.replication.factor", "1");
            builder.setConfigProp("transaction.state.log.min.isr", "1");
            brokerProps.forEach(builder::setConfigProp);
            KafkaClusterTestKit cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaBroker(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("the KRaft test broker did not start", e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Admin admin() {
        return admin;
    }

    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics = Arrays.stream(names)
                .map(name -> new NewTopic(name, partitions, (short) 1))
                .toList();
        try {
            admin.createTopics(topics).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create topics " + List.of(names), e);
        }
    }

    public TopicReader reader() {
        return new TopicReader(bootstrapServers());
    }

    @Override
    public void close() throws Exception {
        admin.close();
        cluster.close();
    }
}
