package io.ottpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A body far over the limit is refused while the client is still sending it: the client must read the 413, not a
 * connection reset. The request never reaches the handler, so the handler has no collaborators.
 */
class IngestServerOversizeTest {

    private static final int LIMIT = 1024;

    @Test
    void aClientStillSendingAnOversizedBodyReadsThe413() throws Exception {
        IngestHandler unreached = new IngestHandler(null, null, null, null, () -> false, null);
        byte[] body = new byte[8 * 1024 * 1024];
        try (IngestServer server = IngestServer.start("127.0.0.1", 0, 1, LIMIT, unreached, "oversize-test",
                Duration.ZERO)) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int attempt = 0; attempt < 20; attempt++) {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + server.port() + IngestHandler.EVENTS_PATH))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(response.statusCode()).as("attempt %d", attempt).isEqualTo(413);
                assertThat(response.body()).contains("\"error\":\"request_too_large\"", "\"field\":\"body\"");
                assertThat(response.headers().firstValue("Connection")).hasValue("close");
            }
        }
    }
}
