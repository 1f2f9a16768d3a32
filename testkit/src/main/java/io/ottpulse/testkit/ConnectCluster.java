package io.ottpulse.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * A real Kafka Connect cluster in distributed mode with its own KRaft broker, in this JVM. The project's plugins are
 * found through their ServiceLoader manifests ({@code plugin.discovery=service_load}), as in production.
 */
public final class ConnectCluster implements AutoCloseable {

    private final EmbeddedConnectCluster connect;

    private ConnectCluster(EmbeddedConnectCluster connect) {
        this.connect = connect;
    }

    public static ConnectCluster start(int workers) {
        return start(workers, Map.of());
    }

    /** @param workerProps worker settings on top of the test defaults */
    public static ConnectCluster start(int workers, Map<String, String> workerProps) {
        Map<String, String> props = new HashMap<>();
        props.put("plugin.discovery", "service_load");
        props.put("offset.flush.interval.ms", "1000");
        props.putAll(workerProps);
        Properties brokerProps = new Properties();
        brokerProps.put("group.initial.rebalance.delay.ms", "0");
        // One broker: transactions (a Streams application with exactly-once on the same broker) need these at 1.
        brokerProps.put("transaction.state.log.replication.factor", "1");
        brokerProps.put("transaction.state.log.min.isr", "1");
        EmbeddedConnectCluster connect = (EmbeddedConnectCluster) new EmbeddedConnectCluster.Builder()
                .name("ottpulse-connect-" + FreePorts.pick())
                .numWorkers(workers)
                .numBrokers(1)
                .brokerProps(brokerProps)
                .workerProps(props)
                .build();
        connect.start();
        return new ConnectCluster(connect);
    }

    /** The underlying cluster, for its REST helpers and assertions. */
    public EmbeddedConnectCluster connect() {
        return connect;
    }

    public String bootstrapServers() {
        return connect.kafka().bootstrapServers();
    }

    /** The REST URL of a worker, e.g. {@code http://localhost:34567/}. */
    public String restUrl() {
        return connect.endpointForResource("");
    }

    public TopicReader reader() {
        return new TopicReader(bootstrapServers());
    }

    @Override
    public void close() {
        connect.stop();
    }
}
