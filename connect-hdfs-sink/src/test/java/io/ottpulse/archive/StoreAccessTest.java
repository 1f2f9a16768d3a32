package io.ottpulse.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HDFS client settings the connector chooses, and that a site file in hadoop.conf.dir overrides them. */
class StoreAccessTest {

    @TempDir
    Path confDir;

    private HdfsSinkConfig config(boolean withConfDir) {
        Map<String, String> props = new HashMap<>(Map.of(
                "topics", "ott.activity", HdfsSinkConfig.STORE_URL_CONFIG, "file:///archive"));
        if (withConfDir) {
            props.put(HdfsSinkConfig.HADOOP_CONF_DIR_CONFIG, confDir.toString());
        }
        return new HdfsSinkConfig(props);
    }

    private void writeSite(String file, Map<String, String> properties) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<configuration>\n");
        properties.forEach((name, value) -> xml.append("  <property><name>").append(name).append("</name><value>")
                .append(value).append("</value></property>\n"));
        Files.writeString(confDir.resolve(file), xml.append("</configuration>\n"));
    }

    @Test
    void closeStartsPollingTheNameNodeAfter25MsByDefault() throws IOException {
        assertThat(StoreAccess.hadoopConf(config(false)).getInt(StoreAccess.CLOSE_POLL_INITIAL_DELAY_MS, -1))
                .isEqualTo(25);
        writeSite("core-site.xml", Map.of("dfs.replication", "2"));
        assertThat(StoreAccess.hadoopConf(config(true)).getInt(StoreAccess.CLOSE_POLL_INITIAL_DELAY_MS, -1))
                .isEqualTo(25);
    }

    @Test
    void aSiteFileDecidesTheClosePollDelay() throws IOException {
        writeSite("hdfs-site.xml", Map.of(StoreAccess.CLOSE_POLL_INITIAL_DELAY_MS, "400"));
        assertThat(StoreAccess.hadoopConf(config(true)).getInt(StoreAccess.CLOSE_POLL_INITIAL_DELAY_MS, -1))
                .isEqualTo(400);
    }
}
