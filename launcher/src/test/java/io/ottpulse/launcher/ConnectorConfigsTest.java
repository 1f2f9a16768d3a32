package io.ottpulse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ottpulse.testkit.ConnectCluster;
import io.ottpulse.testkit.ProjectPaths;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped connector configuration passes Connect's own validation
 * ({@code PUT /connector-plugins/<class>/config/validate}) on a real worker that loads the packaged plugin
 * directories through {@code plugin.path}, exactly as a deployment does.
 */
class ConnectorConfigsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ConnectCluster connect;

    @BeforeAll
    static void startWorker() {
        String pluginPath = Stream.of("connect-http-source", "connect-hdfs-sink")
                .map(module -> ProjectPaths.artifact(module, "target/plugin").toString())
                .collect(Collectors.joining(","));
        connect = ConnectCluster.start(1, Map.of("plugin.path", pluginPath));
    }

    @AfterAll
    static void stopWorker() {
        connect.close();
    }

    static List<Path> shippedConfigs() throws IOException {
        try (Stream<Path> files = Files.list(ProjectPaths.home().resolve("connectors"))) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedConfigs")
    void validatesWithoutErrors(Path file) throws Exception {
        JsonNode root = JSON.readTree(file.toFile());
        ObjectNode config = ((ObjectNode) root.path("config")).put("name", root.path("name").asText());
        String connectorClass = config.path("connector.class").asText();

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(connect.restUrl() + "connector-plugins/" + connectorClass + "/config/validate"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        List<String> errors = new ArrayList<>();
        for (JsonNode entry : result.path("configs")) {
            entry.path("value").path("errors").forEach(error ->
                    errors.add(entry.path("value").path("name").asText() + ": " + error.asText()));
        }
        assertThat(errors).isEmpty();
        assertThat(result.path("error_count").asInt()).isZero();
        assertThat(result.path("name").asText()).isEqualTo(connectorClass);
    }
}
