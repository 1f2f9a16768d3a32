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
import java.util.function.LongFunction;

/**
 * Accuracy: the channel load the stats API reports ({@code GET /v1/stats/channels}) against the simulator's ground
 * truth at the moment of the answer, over the run's channel catalogue. Polls until the two agree exactly or the
 * quiescence timeout passes, and reports the last comparison. Viewers who reached the viewer timeout only seconds ago
 * may count or not (the stats expire viewers on a timer); every other viewer must be exactly where the truth says.
 */
final class AccuracyCheck {

    /**
     * @param absoluteError sum over the channels of |reported - expected| viewers
     * @param maxChannelError the largest such difference on one channel
     * @param expiringViewers viewers who may count or not: expiring at the moment of the comparison
     */
    record Result(boolean exact, long expectedViewers, long expiringViewers, long reportedViewers, long absoluteError, long maxChannelError,
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

    /** @param expectedAt the ground truth at a wall-clock time (epoch ms) */
    Result check(LongFunction<AckLedger.ExpectedLoad> expectedAt, Collection<String> channels, Duration quiescence)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + quiescence.toNanos();
        while (true) {
            try {
                Map<String, Long> reported = reported();
                Result result = compare(expectedAt.apply(System.currentTimeMillis()), reported, channels,
                        (System.nanoTime() - start) / 1_000_000);
                if (result.exact() || System.nanoTime() - deadline >= 0) {
                    return result;
                }
            } catch (Unanswered e) {
                // The stats restore or move state after a rebalance (503), or are not reachable: ask again.
                if (System.nanoTime() - deadline >= 0) {
                    throw new IllegalStateException("no channel load from the stats within " + quiescence, e);
                }
            }
            Thread.sleep(POLL_EVERY.toMillis());
        }
    }

    /** The stats API gave no channel load this time. */
    private static final class Unanswered extends Exception {
        private static final long serialVersionUID = 1L;

        Unanswered(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Compares channel by channel; a channel missing on either side has 0 viewers there. A channel's error is how far
     * its count lies outside [viewers, viewers + expiring].
     */
    static Result compare(AckLedger.ExpectedLoad expected, Map<String, Long> reported, Collection<String> channels,
            long waitedMillis) {
        long expectedTotal = 0;
        long expiringTotal = 0;
        long reportedTotal = 0;
        long absoluteError = 0;
        long maxError = 0;
        int wrong = 0;
        for (String channel : channels) {
            long want = expected.viewers().getOrDefault(channel, 0L);
            long expiring = expected.expiring().getOrDefault(channel, 0L);
            long got = reported.getOrDefault(channel, 0L);
            expectedTotal += want;
            expiringTotal += expiring;
            reportedTotal += got;
            long error = got < want ? want - got : Math.max(0, got - want - expiring);
            absoluteError += error;
            maxError = Math.max(maxError, error);
            wrong += error == 0 ? 0 : 1;
        }
        return new Result(wrong == 0, expectedTotal, expiringTotal, reportedTotal, absoluteError, maxError, wrong, waitedMillis);
    }

    private Map<String, Long> reported() throws InterruptedException, Unanswered {
        HttpRequest.Builder request = HttpRequest.newBuilder(channelsUri).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new Unanswered(channelsUri + " answered " + response.statusCode() + ": "
                        + new String(response.body()), null);
            }
            Map<String, Long> load = new HashMap<>();
            for (JsonNode channel : JSON.readTree(response.body()).path("channels")) {
                load.put(channel.path("channelId").asText(), channel.path("viewers").asLong());
            }
            return load;
        } catch (IOException e) {
            throw new Unanswered("cannot read " + channelsUri, e);
        }
    }
}
