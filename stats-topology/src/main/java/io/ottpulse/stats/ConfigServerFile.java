package io.ottpulse.stats;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The stats configuration file as the registry's config server (Spring Cloud Config, native backend) serves it from
 * its {@code config/} folder: {@code GET <url>/stats-topology/default/stats-topology.json?useDefaultLabel}.
 */
final class ConfigServerFile {

    /** The registry on its default port, which serves the config server under {@code /config}. */
    static final String DEFAULT_URL = "http://localhost:8761/config";
    static final String APPLICATION = "stats-topology";
    static final String FILE_NAME = "stats-topology.json";
    /** Read once at start-up: a server that does not answer within this stops the start instead of hanging it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ConfigServerFile() {
    }

    /** Where the file is on the config server at {@code configServerUrl}, e.g. {@code http://reg:8761/config}. */
    static URI location(String configServerUrl) {
        String base = configServerUrl.endsWith("/")
                ? configServerUrl.substring(0, configServerUrl.length() - 1) : configServerUrl;
        URI uri = URI.create(base + "/" + APPLICATION + "/default/" + FILE_NAME + "?useDefaultLabel");
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("--config-server must be an http(s) URL such as " + DEFAULT_URL
                    + ", was " + configServerUrl);
        }
        return uri;
    }

    /** The file's text; a server that cannot be reached or answers anything but 200 fails naming URL and status. */
    static String fetch(URI location) throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(location).timeout(TIMEOUT).GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching " + location);
        } catch (IOException e) {
            throw new IOException("the config server did not answer at " + location + ": " + e, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("the config server answered HTTP " + response.statusCode() + " for " + location
                    + (response.statusCode() == 404 ? " (is " + FILE_NAME + " in its config folder?)" : ""));
        }
        return response.body();
    }
}
