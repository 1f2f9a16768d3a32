package io.ottpulse.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which events of a request the ingest API accepted. 202 (and any other 2xx but 207): all of them. 207: all but the
 * indexes listed in {@code results} (rejected or dropped). Anything else: none.
 */
final class IngestAnswer {

    static final int MULTI_STATUS = 207;
    private static final ObjectMapper JSON = new ObjectMapper();

    private IngestAnswer() {
    }

    static boolean acknowledges(int status) {
        return status >= 200 && status < 300;
    }

    /** The indexes of a 2xx answer's events that were not accepted. */
    static List<Integer> notAccepted(int status, byte[] body) {
        if (status != MULTI_STATUS) {
            return List.of();
        }
        try {
            List<Integer> indexes = new ArrayList<>();
            for (JsonNode result : JSON.readTree(body).path("results")) {
                indexes.add(result.path("index").asInt());
            }
            return indexes;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable 207 answer: " + new String(body), e);
        }
    }
}
