package io.ottpulse.stats.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/** Asks another stats instance for the data it owns, through its {@code /internal/v1/...} endpoints. */
final class RemoteInstances {

    static final String INTERNAL_PREFIX = "/internal/v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    <T> T get(HostInfo host, String path, Class<T> type) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + INTERNAL_PREFIX + path);
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new InstanceUnavailableException(host + " answered " + response.statusCode() + " to " + path);
            }
            return JSON.readValue(response.body(), type);
        } catch (IOException e) {
            throw new InstanceUnavailableException(host + " did not answer " + path + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
    }

    /** The instance owning the data cannot answer now (it is starting, stopping or rebalancing): retry. */
    static final class InstanceUnavailableException extends RuntimeException {
        InstanceUnavailableException(String message) {
            super(message);
        }
    }
}
