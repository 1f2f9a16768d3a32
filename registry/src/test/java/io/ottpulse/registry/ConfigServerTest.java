package io.ottpulse.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The config server inside the registry serves a config folder: settings per application, and plain files. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConfigServerTest {

    private static final String STATS_JSON = "{\"viewer\":{\"timeoutSeconds\":300}}\n";

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void configFolder(DynamicPropertyRegistry properties) {
        try {
            Path dir = Files.createTempDirectory("registry-config");
            Files.writeString(dir.resolve("gateway.yml"), "ottpulse:\n  gateway:\n    max-request-size: 2KB\n");
            Files.writeString(dir.resolve("stats-topology.json"), STATS_JSON);
            properties.add("ottpulse.registry.config-dir", dir::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void servesAnApplicationsSettings() throws Exception {
        HttpResponse<String> gateway = get("/config/gateway/default");

        assertThat(gateway.statusCode()).isEqualTo(200);
        assertThat(gateway.body()).contains("\"name\":\"gateway\"")
                .contains("\"ottpulse.gateway.max-request-size\":\"2KB\"");
        assertThat(get("/config/stats-topology/default").body()).doesNotContain("max-request-size");
    }

    @Test
    void servesPlainFilesSuchAsAJsonConfiguration() throws Exception {
        HttpResponse<String> file = get("/config/stats-topology/default/stats-topology.json?useDefaultLabel");

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(STATS_JSON);
    }

    @Test
    void keepsServingEurekaBesideIt() throws Exception {
        assertThat(get("/eureka/apps").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }
}
