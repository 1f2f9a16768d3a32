package io.ottpulse.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Applies the connector configurations of {@code connectors/} to Connect's REST API, as a platform team would:
 * {@code PUT /connectors/<name>/config}, with only the addresses of this stack changed.
 */
final class ConnectorDeployer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String connectUrl;

    ConnectorDeployer(String connectUrl) {
        this.connectUrl = connectUrl;
    }

    /**
     * Deploys every {@code *.json} of the directory, overriding settings per connector name, and returns the names.
     */
    List<String> deployAll(Path dir, Map<String, Map<String, String>> overrides, Duration timeout)
            throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String name = JSON.readTree(file.toFile()).path("name").asText();
                names.add(deploy(file, overrides.getOrDefault(name, Map.of()), timeout));
            }
        }
        return names;
    }

    /** Deploys one connector file with some settings replaced, and returns the connector's name. */
    String deploy(Path file, Map<String, String> overrides, Duration timeout) throws IOException, InterruptedException {
        JsonNode root = JSON.readTree(file.toFile());
        String name = root.path("name").asText();
        ObjectNode config = (ObjectNode) root.path("config");
        overrides.forEach(config::put);
        put(name, config, timeout);
        return name;
    }

    /** PUTs a configuration, retrying while the worker is still joining its group (it answers 409 or 5xx). */
    private void put(String name, JsonNode config, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            HttpResponse<String> response = Readiness.send(HttpRequest.newBuilder(
                            URI.create(connectUrl + "/connectors/" + name + "/config"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
            if (response.statusCode() == 200 || response.statusCode() == 201) {
                return;
            }
            if (response.statusCode() == 400 || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Connect refused connector " + name + ": " + response.statusCode() + " "
                        + response.body());
            }
            Readiness.sleep(500);
        }
    }

    /** True when the connector and all its tasks are RUNNING. */
    boolean running(String name) {
        try {
            HttpResponse<String> response = Readiness.send(HttpRequest.newBuilder(
                    URI.create(connectUrl + "/connectors/" + name + "/status")));
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode status = JSON.readTree(response.body());
            JsonNode tasks = status.path("tasks");
            boolean tasksRunning = tasks.size() > 0;
            for (JsonNode task : tasks) {
                if (task.path("state").asText().equals("FAILED")) {
                    throw new IllegalStateException("task " + task.path("id").asText() + " of " + name + " failed: "
                            + task.path("trace").asText());
                }
                tasksRunning &= task.path("state").asText().equals("RUNNING");
            }
            return status.path("connector").path("state").asText().equals("RUNNING") && tasksRunning;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
