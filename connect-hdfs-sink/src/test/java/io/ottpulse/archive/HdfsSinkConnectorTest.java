package io.ottpulse.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottpulse.testkit.FreePorts;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Configuration errors come back from validation on the key at fault, with a reason. */
@ExtendWith(SharedHdfs.class)
class HdfsSinkConnectorTest {

    private static Map<String, String> config(Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of(
                "connector.class", HdfsSinkConnector.class.getName(),
                "topics", "ott.activity",
                HdfsSinkConfig.STORE_URL_CONFIG, SharedHdfs.cluster().uri(),
                HdfsSinkConfig.TOPICS_DIR_CONFIG, "/validated"));
        config.putAll(overrides);
        return config;
    }

    /** Error messages by key, only for keys that have some. */
    private static Map<String, List<String>> errors(Map<String, String> config) {
        return new HdfsSinkConnector().validate(config).configValues().stream()
                .filter(value -> !value.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void aValidConfigurationAgainstAReachableStoreHasNoErrors() {
        assertThat(errors(config(Map.of()))).isEmpty();
        assertThat(errors(config(Map.of("format", "jsonl", "jsonl.codec", "gzip", "partitioner", "field",
                "partition.fields", "channelId,type", "timestamp.source", "event")))).isEmpty();
    }

    @Test
    void unknownFormatPartitionerAndCodecAreErrorsOnTheirKeys() {
        Map<String, List<String>> errors = errors(config(Map.of("format", "avro", "partitioner", "daily",
                "parquet.codec", "lzo", "timestamp.source", "wallclock")));
        assertThat(errors).containsOnlyKeys("format", "partitioner", "parquet.codec", "timestamp.source");
        assertThat(errors.get("format").get(0)).contains("parquet").contains("jsonl");
        assertThat(errors.get("partitioner").get(0)).contains("partition").contains("time").contains("field");
    }

    @Test
    void timeSettingsThatWouldMisbucketAreErrors() {
        Map<String, List<String>> errors = errors(config(Map.of("partitioner", "time",
                "path.format", "'dt'=YYYY-MM-DD", "timezone", "Mars/Olympus")));
        assertThat(errors).containsOnlyKeys("path.format", "timezone");
        assertThat(errors.get("path.format").get(0)).contains("week-based year");
    }

    @Test
    void rulesBetweenKeysAreErrorsOnTheKeyToFix() {
        assertThat(errors(config(Map.of("partitioner", "field"))))
                .containsOnlyKeys("partition.fields");
        assertThatThrownBy(() -> new HdfsSinkConfig(config(Map.of("partitioner", "field"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("partition.fields");
        assertThat(errors(config(Map.of("topics.dir", "relative/dir", "flush.size", "0",
                "rotate.interval.ms", "0", "partition.fields", "a,a"))))
                .containsOnlyKeys("topics.dir", "flush.size", "rotate.interval.ms", "partition.fields");
    }

    @Test
    void anUnreachableStoreIsAnErrorOnTheUrlUnlessTheCheckIsOff() {
        String nobody = "hdfs://localhost:" + FreePorts.pick();
        Map<String, List<String>> errors = errors(config(Map.of("store.url", nobody)));
        assertThat(errors).containsOnlyKeys("store.url");
        assertThat(errors.get("store.url").get(0)).startsWith("cannot reach " + nobody).contains("Connection refused");

        assertThat(errors(config(Map.of("store.url", "nosuch://host/")))).containsOnlyKeys("store.url")
                .hasEntrySatisfying("store.url", messages -> assertThat(messages.get(0)).contains("scheme"));
        assertThat(errors(config(Map.of("store.url", "hdfs://no-such-host.invalid:8020")))).containsOnlyKeys("store.url");
        assertThat(errors(config(Map.of("store.url", nobody, "store.access.check", "false")))).isEmpty();
    }

    @Test
    void aMissingPermissionIsAnErrorOnTheTopicsDirectory() throws IOException {
        Path locked = new Path("/locked");
        SharedHdfs.cluster().fileSystem().mkdirs(locked);
        SharedHdfs.cluster().fileSystem().setPermission(locked, new FsPermission((short) 0755));

        Map<String, List<String>> errors = errors(config(Map.of("topics.dir", "/locked/topics",
                "store.user", "intruder")));
        assertThat(errors).containsOnlyKeys("topics.dir");
        assertThat(errors.get("topics.dir").get(0)).contains("no permission").contains("intruder");
        assertThat(errors(config(Map.of("topics.dir", "/locked/topics")))).isEmpty();
    }
}
