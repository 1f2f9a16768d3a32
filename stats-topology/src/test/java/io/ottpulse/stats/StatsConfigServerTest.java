package io.ottpulse.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.ottpulse.testkit.EurekaServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The stats application started with {@code --config-server} takes its configuration file from the real registry's
 * config server, serving a temporary config folder; a missing file stops the start naming the URL and the status.
 */
class StatsConfigServerTest {

    @TempDir
    static Path workDir;

    private static EurekaServer registry;
    private static Path configDir;

    @BeforeAll
    static void startRegistry() throws Exception {
        configDir = Files.createDirectories(workDir.resolve("config"));
        registry = EurekaServer.startServingConfig(workDir.resolve("registry"), configDir);
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        registry.close();
    }

    @Test
    void fileServedByTheConfigServerConfiguresTheApplication() throws Exception {
        serve("""
                {"viewerTimeoutSeconds": 123, "alerts": {"minViewers": 7}}
                """);

        StatsConfig config = load("--config-server=" + registry.configServerUrl());

        assertThat(config.viewerTimeoutSeconds()).isEqualTo(123);
        assertThat(config.alerts().minViewers()).isEqualTo(7);
        assertThat(config.alerts().dropRatio()).as("a key the server's file leaves out keeps its default")
                .isEqualTo(0.5);
    }

    @Test
    void localFileGoesOnTopOfTheServersKeyByKey() throws Exception {
        serve("""
                {"viewerTimeoutSeconds": 123, "server": {"port": 9000, "advertisedHost": "central"},
                 "streams": {"num.standby.replicas": "1"}}
                """);
        Path local = Files.writeString(workDir.resolve("stats-1.json"), """
                {"server": {"port": 18090}, "streams": {"num.stream.threads": "2"}}
                """);

        StatsConfig config = load("--config-server=" + registry.configServerUrl(), "--config", local.toString());

        assertThat(config.server().port()).isEqualTo(18090);
        assertThat(config.server().advertisedHost()).isEqualTo("central");
        assertThat(config.viewerTimeoutSeconds()).isEqualTo(123);
        assertThat(config.streams()).containsOnly(
                entry("num.standby.replicas", "1"), entry("num.stream.threads", "2"));
    }

    @Test
    void badKeysOnTheServerAreNamedWithTheirSource() throws Exception {
        String location = registry.configServerUrl() + "/stats-topology/default/stats-topology.json?useDefaultLabel";
        serve("{\"alerts\": {\"dropRatio\": 1.5}}");

        assertThatThrownBy(() -> load("--config-server=" + registry.configServerUrl()))
                .hasMessageStartingWith(location + ": ")
                .hasMessageContaining("alerts.dropRatio must be between 0 and 1");

        serve("{\"channelLoad\": {\"viewerTimeout\": 5}}");

        assertThatThrownBy(() -> load("--config-server=" + registry.configServerUrl()))
                .hasMessage(location + ": unknown key channelLoad.viewerTimeout in the stats configuration");
    }

    @Test
    void missingFileStopsTheStartNamingUrlAndStatus() throws Exception {
        Files.deleteIfExists(configDir.resolve(ConfigServerFile.FILE_NAME));
        StringWriter err = new StringWriter();

        int exitCode = new CommandLine(new StatsApp()).setErr(new PrintWriter(err, true))
                .execute("--config-server=" + registry.configServerUrl() + "/");

        assertThat(exitCode).isEqualTo(StatsApp.BAD_CONFIGURATION);
        assertThat(err.toString()).isEqualTo("stats-topology: the config server answered HTTP 404 for "
                + registry.configServerUrl() + "/stats-topology/default/stats-topology.json?useDefaultLabel"
                + " (is stats-topology.json in its config folder?)" + System.lineSeparator());
    }

    private static void serve(String json) throws Exception {
        Files.writeString(configDir.resolve(ConfigServerFile.FILE_NAME), json);
    }

    /** The configuration the real command line loads from these arguments. */
    static StatsConfig load(String... args) throws Exception {
        StatsApp app = new StatsApp();
        new CommandLine(app).parseArgs(args);
        return app.loadConfig();
    }
}
