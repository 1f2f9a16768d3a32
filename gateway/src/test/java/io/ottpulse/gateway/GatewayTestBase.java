package io.ottpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.gateway.support.RegistryProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real gateway (this module's application, on a random port) against the real registry in a child JVM. Every
 * subclass has the same configuration, so Spring starts the gateway once for all of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ottpulse.gateway.ingest-token=" + GatewayTestBase.INGEST_TOKEN,
        "ottpulse.gateway.api-keys=player:" + GatewayTestBase.PLAYER_KEY + ":1000,tiny:" + GatewayTestBase.TINY_KEY + ":1:2",
        "ottpulse.gateway.cors.allowed-origins=" + GatewayTestBase.PLAYER_ORIGIN})
abstract class GatewayTestBase {

    static final String INGEST_TOKEN = "test-ingest-token-0123456789";
    static final String PLAYER_KEY = "player-key-0123456789abcdef";
    /** A client allowed 1 request per second, 2 at once. */
    static final String TINY_KEY = "tiny-key-0123456789abcdef";
    static final String PLAYER_ORIGIN = "https://player.example";
    static final String EVENTS_JSON = "[{\"eventId\":\"e1\",\"userId\":\"u1\",\"type\":\"heartbeat\"}]";

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int gatewayPort;

    @Autowired
    DiscoveryClient discovery;

    @DynamicPropertySource
    static void registry(DynamicPropertyRegistry properties) {
        properties.add("eureka.client.service-url.defaultZone", () -> RegistryProcess.shared().eurekaUrl());
    }

    static String eurekaUrl() {
        return RegistryProcess.shared().eurekaUrl();
    }

    URI gateway(String path) {
        return URI.create("http://localhost:" + gatewayPort + path);
    }

    HttpRequest.Builder postEvents(String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway("/v1/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EVENTS_JSON));
        return apiKey == null ? request : request.header("X-Api-Key", apiKey);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the gateway's registry copy lists exactly these instances of the service. */
    void awaitInstances(String serviceId, Collection<String> instanceIds) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Set<String> expected = Set.copyOf(instanceIds);
        while (!instanceIds(serviceId).equals(expected)) {
            assertThat(Instant.now()).as("instances of %s seen by the gateway: %s", serviceId, instanceIds(serviceId))
                    .isBefore(deadline);
            pause(100);
        }
    }

    Set<String> instanceIds(String serviceId) {
        List<ServiceInstance> instances = discovery.getInstances(serviceId);
        return instances.stream().map(ServiceInstance::getInstanceId).collect(Collectors.toSet());
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
