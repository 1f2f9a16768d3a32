package io.ottpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.gateway.support.GatewayProcess;
import io.ottpulse.gateway.support.RegistryProcess;
import io.ottpulse.gateway.support.TestConfigRepository;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway started with {@code --config-server} takes the settings the registry's config server serves from its
 * {@code config/} folder ({@code gateway.yml}); the gateway without it does not.
 */
class ConfigServerSettingsTest extends GatewayTestBase {

    @TempDir
    Path workDir;

    @Test
    void settingsServedByTheConfigServerReachTheGateway() throws Exception {
        RegistryProcess registry = RegistryProcess.shared();
        try (GatewayProcess central = GatewayProcess.start(workDir, List.of(
                "--config-server=" + registry.configServerUrl(),
                "--eureka.client.service-url.defaultZone=" + registry.eurekaUrl(),
                "--eureka.client.register-with-eureka=false",
                "--ottpulse.gateway.ingest-token=" + INGEST_TOKEN,
                "--ottpulse.gateway.api-keys=player:" + PLAYER_KEY))) {

            assertThat(send(preflight(URI.create(central.baseUrl() + "/v1/events"))).statusCode()).isEqualTo(204);
            HttpResponse<String> tooLarge = send(HttpRequest.newBuilder(URI.create(central.baseUrl() + "/v1/events"))
                    .header("X-Api-Key", PLAYER_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[" + " ".repeat(4096) + "]")));
            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.body()).contains("exceeds the limit of " + TestConfigRepository.CENTRAL_MAX_REQUEST_BYTES
                    + " bytes");
        }

        assertThat(send(preflight(gateway("/v1/events"))).statusCode())
                .as("the gateway without --config-server keeps its own settings").isEqualTo(403);
    }

    private static HttpRequest.Builder preflight(URI uri) {
        return HttpRequest.newBuilder(uri)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", TestConfigRepository.CENTRAL_ORIGIN)
                .header("Access-Control-Request-Method", "POST");
    }
}
