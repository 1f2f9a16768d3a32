package io.ottpulse.stats;

import static io.ottpulse.stats.StatsConfigServerTest.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottpulse.testkit.FreePorts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Where the command line takes the configuration from, without a config server (see StatsConfigServerTest). */
class StatsConfigSourcesTest {

    @TempDir
    Path dir;

    @Test
    void withoutOptionsEveryDefaultApplies() throws Exception {
        assertThat(load()).isEqualTo(StatsConfig.defaults());
    }

    @Test
    void localFileAloneIsReadAsBefore() throws Exception {
        Path file = Files.writeString(dir.resolve("stats.json"), "{\"server\":{\"port\":18090}}");

        assertThat(load("--config", file.toString()).server().port()).isEqualTo(18090);
    }

    @Test
    void badLocalFilesAreNamedWithTheKey() throws Exception {
        Path unknownKey = Files.writeString(dir.resolve("unknown.json"), "{\"rocksdb\":{\"memory\":1}}");
        Path notAnObject = Files.writeString(dir.resolve("list.json"), "[]");

        assertThatThrownBy(() -> load("--config", unknownKey.toString()))
                .hasMessage(unknownKey + ": unknown key rocksdb.memory in the stats configuration");
        assertThatThrownBy(() -> load("--config", notAnObject.toString()))
                .hasMessage(notAnObject + ": the stats configuration must be a JSON object");
        assertThatThrownBy(() -> load("--config", dir.resolve("missing.json").toString()))
                .hasMessageStartingWith("cannot read the stats configuration: ")
                .hasMessageContaining(dir.resolve("missing.json").toString());
    }

    @Test
    void optionWithoutUrlMeansTheLocalRegistry() {
        CommandLine.ParseResult parsed = new CommandLine(new StatsApp()).parseArgs("--config-server");

        assertThat(parsed.matchedOptionValue("--config-server", (String) null))
                .isEqualTo("http://localhost:8761/config");
    }

    @Test
    void unreachableServerStopsTheStartNamingTheUrl() {
        String url = "http://localhost:" + FreePorts.pick() + "/config";
        StringWriter err = new StringWriter();

        int exitCode = new CommandLine(new StatsApp()).setErr(new PrintWriter(err, true))
                .execute("--config-server=" + url);

        assertThat(exitCode).isEqualTo(StatsApp.BAD_CONFIGURATION);
        assertThat(err.toString()).startsWith("stats-topology: the config server did not answer at " + url
                + "/stats-topology/default/stats-topology.json?useDefaultLabel: java.net.ConnectException");
    }

    @Test
    void configServerMustBeAnHttpUrl() {
        assertThatThrownBy(() -> load("--config-server=localhost:8761"))
                .hasMessage("--config-server must be an http(s) URL such as http://localhost:8761/config,"
                        + " was localhost:8761");
    }
}
