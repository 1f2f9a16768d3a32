package io.ottpulse.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Accuracy: the channel load the stats API reports ({@code GET /v1/stats/channels}) against the simulator's ground
 * truth, over the run's channel catalogue. Polls until the two agree exactly or the quiescence timeout passes, and
 * reports the last comparison.
 */
final class AccuracyCheck {

    /**
     * @param absoluteError sum over the channels of |reported - expected| viewers
     * @param maxChannelError the largest such difference on one channel
     */
    record Result(boolean exact, long expectedViewers, long reportedViewers, long absoluteError, long maxChannelError,
            int channelsWrong, long waitedMillis) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_EVERY = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI channelsUri;
    private final Map<String, String> headers;

    AccuracyCheck(URI baseUri, Map<String, String> headers) {
        this.channelsUri = baseUri.resolve("/v1/stats/channels");
        this.headers = Map.copyOf(headers);
    }

    Result check(Map<String, Long> expected, Collection<String> channels, Duration quiescence)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + quiescence.toNanos();
        while (true) {
            Result result = null;
            try {
                result = compare(expected, reported(), channels, (System.nanoTime() - start) / 1_000_000);
            } catch (IllegalStateException refused) {
                // The stats answer 503 while partitions move between instances: not settled yet, unless time is up.
                if (System.nanoTime() - deadline >= 0) {
                    throw refused;
                }
            }
            if (result != null && (result.exact() || System.nanoTime() - deadline >= 0)) {
                return result;
            }
            Thread.sleep(POLL_EVERY.toMillis());
        }
    }

    /** Compares channel by channel; a channel missing on either side has 0 viewers there. */
    static Result compare(Map<String, Long> expected, Map<String, Long> reported, Collection<String> channels,
            long waitedMillis) {
        long expectedTotal = 0;
        long reportedTotal = 0;
        long absoluteError = 0;
        long maxError = 0;
        int wrong = 0;
        for (String channel : channels) {
            long want = expected.getOrDefault(channel, 0L);
            long got = reported.getOrDefault(channel, 0L);
            expectedTotal += want;
            reportedTotal += got;
            long error = Math.abs(got - want);
            absoluteError += error;
            maxError = Math.max(maxError, error);
            wrong += error == 0 ? 0 : 1;
        }
        return new Result(wrong == 0, expectedTotal, reportedTotal, absoluteError, maxError, wrong, waitedMillis);
    }

    private Map<String, Long> reported() throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(channelsUri).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(channelsUri + " answered " + response.statusCode() + ": "
                        + new String(response.body()));
            }
            Map<String, Long> load = new HashMap<>();
            for (JsonNode channel : JSON.readTree(response.body()).path("channels")) {
                load.put(channel.path("channelId").asText(), channel.path("viewers").asLong());
            }
            return load;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + channelsUri, e);
        }
    }
}
