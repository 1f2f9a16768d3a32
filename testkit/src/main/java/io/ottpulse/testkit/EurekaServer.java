package io.ottpulse.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's real Eureka server (the registry module's executable jar) in a child JVM on a free port. The same
 * process is the config server ({@link #configServerUrl()}), serving the folder given to
 * {@link #startServingConfig} (otherwise {@code config/} of its work folder, which nothing creates).
 */
public final class EurekaServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChildJvm jvm;
    private final int port;

    private EurekaServer(ChildJvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    public static EurekaServer start(Path workDir) {
        return start(workDir, FreePorts.pick());
    }

    /** Starts on a given port, e.g. one that clients were told about before the registry existed. */
    public static EurekaServer start(Path workDir, int port) {
        return start(workDir, port, workDir.resolve("config"));
    }

    /** Starts with its config server serving {@code configDir} (the registry's {@code config/} folder). */
    public static EurekaServer startServingConfig(Path workDir, Path configDir) {
        return start(workDir, FreePorts.pick(), configDir);
    }

    private static EurekaServer start(Path workDir, int port, Path configDir) {
        Path jar = ProjectPaths.artifact("registry", "target/registry-exec.jar");
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildJvm jvm = ChildJvm.start("registry", workDir.resolve("registry.log"), List.of(
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--server.port=" + port, "--ottpulse.registry.config-dir=" + configDir,
                "--logging.file.name=" + workDir.resolve("registry-spring.log")));
        EurekaServer server = new EurekaServer(jvm, port);
        server.awaitUp(Duration.ofSeconds(90));
        return server;
    }

    /** The service URL clients register with, e.g. {@code http://localhost:41234/eureka/}. */
    public String serviceUrl() {
        return "http://localhost:" + port + "/eureka/";
    }

    /** The config server's URL, as services take it with {@code --config-server=URL}. */
    public String configServerUrl() {
        return "http://localhost:" + port + "/config";
    }

    public int port() {
        return port;
    }

    /** The instances registered under an application name (any case), each as Eureka's JSON. */
    public List<JsonNode> instances(String app) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(serviceUrl() + "apps/" + app).toURL()
                    .openConnection();
            connection.setRequestProperty("Accept", "application/json");
            try {
                if (connection.getResponseCode() == 404) {
                    return List.of();
                }
                JsonNode instance = JSON.readTree(connection.getInputStream()).path("application").path("instance");
                List<JsonNode> instances = new ArrayList<>();
                if (instance.isArray()) {
                    instance.forEach(instances::add);
                } else if (instance.isObject()) {
                    instances.add(instance);
                }
                return instances;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + app + " from Eureka", e);
        }
    }

    private void awaitUp(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException("the registry exited during start-up, see " + jvm.log());
            }
            try {
                instances("ANY");
                return;
            } catch (UncheckedIOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("the registry did not answer within " + timeout + ", see " + jvm.log());
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
