package io.ottpulse.gateway.support;

import io.ottpulse.testkit.ChildJvm;
import io.ottpulse.testkit.FreePorts;
import io.ottpulse.testkit.ProjectPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The project's registry (Eureka server and config server, its executable jar) in a child JVM, serving the given
 * folder as its {@code config/}. One per test JVM, shared by every test class, stopped when the JVM exits.
 */
public final class RegistryProcess {

    private static RegistryProcess shared;

    private final ChildJvm jvm;
    private final int port;

    private RegistryProcess(ChildJvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    /** The registry of this test JVM, started on first use with {@link TestConfigRepository}'s folder. */
    public static synchronized RegistryProcess shared() {
        if (shared == null) {
            try {
                Path work = Files.createTempDirectory("gateway-registry");
                shared = start(work, TestConfigRepository.write(work.resolve("config")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "registry-stop"));
        }
        return shared;
    }

    static RegistryProcess start(Path workDir, Path configDir) {
        Path jar = ProjectPaths.artifact("registry", "target/registry-exec.jar");
        int port = FreePorts.pick();
        ChildJvm jvm = ChildJvm.start("registry", workDir.resolve("registry.log"), List.of(
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(), "--server.port=" + port,
                "--ottpulse.registry.config-dir=" + configDir,
                "--logging.file.name=" + workDir.resolve("registry-spring.log")));
        RegistryProcess registry = new RegistryProcess(jvm, port);
        registry.awaitUp(Duration.ofSeconds(90));
        return registry;
    }

    public String eurekaUrl() {
        return baseUrl() + "/eureka/";
    }

    public String configServerUrl() {
        return baseUrl() + "/config";
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** HTTP status of a GET on the registry, or -1 when nothing answers. */
    public int status(String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl() + path).toURL().openConnection();
            connection.setRequestProperty("Accept", "application/json");
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException notUp) {
            return -1;
        }
    }

    /** Removes an instance from Eureka, as an operator would after a crash. */
    public void cancel(String serviceId, String instanceId) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(eurekaUrl() + "apps/"
                    + serviceId.toUpperCase(Locale.ROOT) + "/" + instanceId).toURL().openConnection();
            connection.setRequestMethod("DELETE");
            try {
                connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitUp(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (status("/eureka/apps") != 200) {
            if (!jvm.isAlive() || Instant.now().isAfter(deadline)) {
                stop();
                throw new IllegalStateException("the registry did not start, see " + jvm.log());
            }
            sleep(200);
        }
    }

    private void stop() {
        try {
            jvm.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
