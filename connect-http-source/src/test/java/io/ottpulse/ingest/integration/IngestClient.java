package io.ottpulse.ingest.integration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;

/** What a gateway sends to an ingest task, for the tests. */
final class IngestClient {

    static final String TOKEN = "test-gateway-token";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final int port;

    IngestClient(int port) {
        this.port = port;
    }

    static String event(String eventId, String userId, String channel) {
        return "{\"eventId\":\"" + eventId + "\",\"userId\":\"" + userId + "\",\"type\":\"channel_switch\","
                + "\"channelId\":\"" + channel + "\",\"timestamp\":\"2026-11-26T09:00:00.123Z\","
                + "\"attributes\":{\"app\":\"tv\"}}";
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    HttpRequest.Builder events(String body) {
        return request("/v1/events")
                .header("Content-Type", "application/json")
                .header("X-Gateway-Token", TOKEN)
                .header("X-Client-Id", "it-client")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    HttpRequest.Builder gzippedEvents(String body) {
        return request("/v1/events")
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header("X-Gateway-Token", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.Builder request) {
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String body) {
        return send(events(body));
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
