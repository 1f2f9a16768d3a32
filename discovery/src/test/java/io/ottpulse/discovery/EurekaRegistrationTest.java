package io.ottpulse.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ottpulse.testkit.EurekaServer;
import io.ottpulse.testkit.FreePorts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EurekaRegistrationTest {

    private static final Duration FAST = Duration.ofMillis(300);

    @TempDir
    static Path tmp;

    private static EurekaServer eureka;

    @BeforeAll
    static void startRegistry() {
        eureka = EurekaServer.start(tmp.resolve("eureka"));
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        eureka.close();
    }

    private static EurekaSettings settings(int port) {
        return new EurekaSettings(List.of(URI.create("http://localhost:" + port + "/eureka")), FAST, Duration.ofSeconds(5));
    }

    private static EurekaInstance instance(String id) {
        return new EurekaInstance("probe-service", id, "localhost", 18080, "/health", Map.of("task", "0"));
    }

    @Test
    void registersUpWithAddressAndMetadataThenCancelsOnClose() {
        try (EurekaRegistration registration = EurekaRegistration.start(instance("p-1"), settings(eureka.port()))) {
            await().atMost(Duration.ofSeconds(10)).until(registration::isRegistered);

            JsonNode seen = eureka.instances("probe-service").get(0);
            assertThat(seen.path("instanceId").asText()).isEqualTo("p-1");
            assertThat(seen.path("status").asText()).isEqualTo("UP");
            assertThat(seen.path("hostName").asText()).isEqualTo("localhost");
            assertThat(seen.path("port").path("$").asInt()).isEqualTo(18080);
            assertThat(seen.path("vipAddress").asText()).isEqualTo("probe-service");
            assertThat(seen.path("healthCheckUrl").asText()).isEqualTo("http://localhost:18080/health");
            assertThat(seen.path("metadata").path("task").asText()).isEqualTo("0");
            assertThat(seen.path("leaseInfo").path("renewalIntervalInSecs").asInt())
                    .as("the 300 ms renewal, in Eureka's whole seconds rounded up").isEqualTo(1);
            assertThat(seen.path("leaseInfo").path("durationInSecs").asInt())
                    .as("the lease the registry keeps, not its 90 s default").isEqualTo(5);
        }
        assertThat(eureka.instances("probe-service")).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("eureka-probe-service"));
    }

    @Test
    void statusChangesReachTheRegistry() {
        try (EurekaRegistration registration = EurekaRegistration.start(instance("p-2"), settings(eureka.port()))) {
            await().atMost(Duration.ofSeconds(10)).until(registration::isRegistered);

            registration.setStatus(EurekaStatus.OUT_OF_SERVICE);

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(eureka.instances("probe-service"))
                    .singleElement().satisfies(i -> assertThat(i.path("status").asText()).isEqualTo("OUT_OF_SERVICE")));
        }
    }

    @Test
    void registersOnceARegistryThatStartedLaterIsUp() throws Exception {
        int port = FreePorts.pick();
        try (EurekaRegistration registration = EurekaRegistration.start(instance("p-3"), settings(port))) {
            Thread.sleep(FAST.toMillis() * 2);
            assertThat(registration.isRegistered()).isFalse();

            try (EurekaServer late = EurekaServer.start(tmp.resolve("late"), port)) {
                await().atMost(Duration.ofSeconds(10)).until(registration::isRegistered);
                assertThat(late.instances("probe-service")).extracting(i -> i.path("instanceId").asText())
                        .containsExactly("p-3");
            }
        }
    }

    @Test
    void settingsRejectALeaseShorterThanTheRenewal() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new EurekaSettings(
                        List.of(URI.create("http://x/eureka/")), Duration.ofSeconds(5), Duration.ofSeconds(5)))
                .hasMessageContaining("lease duration");
        assertThat(EurekaSettings.of("http://a:1/eureka, http://b:2/eureka/").serviceUrls())
                .containsExactly(URI.create("http://a:1/eureka/"), URI.create("http://b:2/eureka/"));
    }
}
