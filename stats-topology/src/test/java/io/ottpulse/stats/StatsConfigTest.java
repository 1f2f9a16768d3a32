package io.ottpulse.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottpulse.testkit.ProjectPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StatsConfigTest {

    @Test
    void emptyFileMeansEveryDefault() {
        StatsConfig config = StatsConfig.parse("{}");

        assertThat(config).isEqualTo(StatsConfig.defaults());
        assertThat(config.inputTopic()).isEqualTo("ott.activity");
        assertThat(config.server().port()).isEqualTo(8090);
        assertThat(config.viewerTimeoutSeconds()).isEqualTo(300);
        assertThat(config.alerts().minViewers()).isEqualTo(25);
        assertThat(config.eureka().serviceId()).isEqualTo("stats-service");
    }

    @Test
    void shippedFileStatesTheDefaults() throws Exception {
        Path shipped = ProjectPaths.artifact("stats-topology", "stats-topology.json");

        assertThat(StatsConfig.read(shipped)).isEqualTo(StatsConfig.defaults());
    }

    @Test
    void configServersFileIsTheShippedOne() throws Exception {
        Path shipped = ProjectPaths.artifact("stats-topology", "stats-topology.json");
        Path central = ProjectPaths.home().resolve("config").resolve(ConfigServerFile.FILE_NAME);

        assertThat(Files.readString(central)).isEqualTo(Files.readString(shipped));
    }

    @Test
    void unknownKeysAreNamed() {
        assertThatThrownBy(() -> StatsConfig.parse("{\"channelLoad\":{\"viewerTimeout\":5}}"))
                .hasMessage("unknown key channelLoad.viewerTimeout in the stats configuration");
        assertThatThrownBy(() -> StatsConfig.parse("{\"alerts\":{\"dropRatio\":1.5}}"))
                .hasMessageContaining("alerts.dropRatio must be between 0 and 1");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> StatsConfig.parse("{\"server\":{\"port\":70000}}"))
                .hasMessageContaining("server.port must be between 1 and 65535, was 70000");
        assertThatThrownBy(() -> StatsConfig.parse("{\"viewerTimeoutSeconds\":\"soon\"}"))
                .hasMessageStartingWith("bad value for viewerTimeoutSeconds");
    }
}
