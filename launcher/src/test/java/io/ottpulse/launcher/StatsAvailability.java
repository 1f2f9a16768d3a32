package io.ottpulse.launcher;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the stats API answered through the gateway until it answered 200 steadily (20 times in a row, 10 s): the
 * failures by status (-1: no answer) and when the last one came.
 */
record StatsAvailability(int requests, int failures, Map<Integer, Integer> byStatus, long lastFailureMillis,
        long steadySinceMillis) {

    private static final int STEADY_ANSWERS = 20;
    private static final long POLL_MS = 500;

    static StatsAvailability awaitSteady(String gatewayUrl, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        int requests = 0;
        int failures = 0;
        int inARow = 0;
        long lastFailure = -1;
        long steadySince = -1;
        while (inARow < STEADY_ANSWERS) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the stats API did not answer steadily within " + timeout + ": "
                        + byStatus);
            }
            long at = System.currentTimeMillis();
            int status = Readiness.status(HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/stats/channels")).GET());
            requests++;
            byStatus.merge(status, 1, Integer::sum);
            if (status == 200) {
                steadySince = inARow == 0 ? at : steadySince;
                inARow++;
            } else {
                failures++;
                lastFailure = at;
                inARow = 0;
            }
            Readiness.sleep(POLL_MS);
        }
        return new StatsAvailability(requests, failures, byStatus, lastFailure, steadySince);
    }
}
