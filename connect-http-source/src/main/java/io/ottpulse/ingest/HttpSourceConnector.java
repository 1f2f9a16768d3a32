package io.ottpulse.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Kafka Connect source connector for viewer activity pushed over HTTP. The connector itself only hands out task
 * numbers; each task runs its own HTTP listener (see {@link HttpSourceTask}).
 */
public class HttpSourceConnector extends SourceConnector {

    private Map<String, String> props;
    private HttpSourceConfig config;

    @Override
    public void start(Map<String, String> props) {
        this.config = new HttpSourceConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return HttpSourceTask.class;
    }

    /**
     * One configuration per task, each with its task number, which decides the task's port. More tasks give more
     * listeners behind the gateway; with an explicit port list, no more tasks than ports.
     */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        int tasks = Math.min(maxTasks, config.maxTasksByPorts());
        List<Map<String, String>> configs = new ArrayList<>(tasks);
        for (int task = 0; task < tasks; task++) {
            Map<String, String> taskProps = new HashMap<>(props);
            taskProps.put(HttpSourceConfig.TASK_ID_CONFIG, Integer.toString(task));
            configs.add(taskProps);
        }
        return configs;
    }

    @Override
    public void stop() {
        config = null;
    }

    @Override
    public ConfigDef config() {
        return HttpSourceConfig.CONFIG_DEF;
    }

    /**
     * Unsupported: a push source has no replayable position, so Connect cannot make its writes exactly once. The
     * client's eventId is the idempotency key downstream instead.
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }

    @Override
    public String version() {
        return Version.get();
    }
}
