package io.ottpulse.archive;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/** Kafka Connect sink connector archiving topics to HDFS (or any Hadoop file system) exactly once. */
public class HdfsSinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new HdfsSinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return HdfsSinkTask.class;
    }

    /** Every task gets the same configuration; Connect spreads the topic partitions over them. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return HdfsSinkConfig.CONFIG_DEF;
    }

    /**
     * Each key's own validation, then the rules between keys, then (unless {@code store.access.check=false}) a probe
     * of the store itself, each error reported on the key to blame.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = result.configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        boolean keysValid = HdfsSinkConfig.CONFIG_DEF.names().stream()
                .allMatch(name -> values.get(name) == null || values.get(name).errorMessages().isEmpty());
        if (!keysValid) {
            return result;
        }
        HdfsSinkConfig config = HdfsSinkConfig.withoutCrossKeyChecks(connectorConfigs);
        Map<String, String> errors = HdfsSinkConfig.crossKeyErrors(config);
        if (errors.isEmpty() && config.storeAccessCheck()) {
            errors = StoreAccess.check(config);
        }
        errors.forEach((key, message) -> values.get(key).addErrorMessage(message));
        return result;
    }

    @Override
    public String version() {
        return Version.get();
    }
}
