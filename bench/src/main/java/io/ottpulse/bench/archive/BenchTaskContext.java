package io.ottpulse.bench.archive;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * What a Connect worker gives a sink task, reduced to what the benchmarks need: the task's requests (rewind, pause)
 * are recorded, not acted on, since the benchmark is the consumer and feeds records itself.
 */
final class BenchTaskContext implements SinkTaskContext {

    private final Map<String, String> configs;
    private final Set<TopicPartition> assignment;
    private final Map<TopicPartition, Long> rewinds = new HashMap<>();

    BenchTaskContext(Map<String, String> configs, Set<TopicPartition> assignment) {
        this.configs = configs;
        this.assignment = assignment;
    }

    /** The offset the task asked to resume from, per partition. */
    Map<TopicPartition, Long> rewinds() {
        return rewinds;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        rewinds.putAll(offsets);
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
        rewinds.put(tp, offset);
    }

    @Override
    public void timeout(long timeoutMs) {
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {
        throw new IllegalStateException("the benchmark's store never fails; a pause means something is wrong");
    }

    @Override
    public void resume(TopicPartition... partitions) {
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return null;
    }
}
