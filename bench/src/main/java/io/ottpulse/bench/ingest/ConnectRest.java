package io.ottpulse.bench.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few calls of a Connect worker's REST API the benchmark needs, as a platform team makes them. */
final class ConnectRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    ConnectRest(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    boolean answers() {
        try {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + "/")).GET()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    void putConnector(String name, Map<String, String> config) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + name
                + "/config")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("Connect refused " + name + ": " + response.statusCode() + " "
                    + response.body());
        }
    }

    /** True once the connector and every one of its (at least one) tasks run. */
    boolean running(String name) throws IOException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/connectors/" + name
                + "/status")).GET());
        if (response.statusCode() != 200) {
            return false;
        }
        JsonNode status = JSON.readTree(response.body());
        JsonNode tasks = status.path("tasks");
        boolean tasksRunning = tasks.size() > 0;
        for (JsonNode task : tasks) {
            tasksRunning &= "RUNNING".equals(task.path("state").asText());
        }
        return "RUNNING".equals(status.path("connector").path("state").asText()) && tasksRunning;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(CALL_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
