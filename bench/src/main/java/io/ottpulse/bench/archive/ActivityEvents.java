package io.ottpulse.bench.archive;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Distinct activity events of about 300 bytes of JSON each, as the ingest connector writes them to the topic. */
final class ActivityEvents {

    private static final String[] TYPES = {"channel_switch", "heartbeat", "play", "heartbeat", "heartbeat"};

    private ActivityEvents() {
    }

    static List<String> generate(int count) {
        List<String> events = new ArrayList<>(count);
        long start = Instant.parse("2026-11-26T09:00:00Z").toEpochMilli();
        for (int i = 0; i < count; i++) {
            events.add("{\"eventId\":\"6f1c2a9e-" + String.format("%08d", i) + "-4b1e-9d3a\","
                    + "\"userId\":\"u-" + (i * 7919 % 100_000) + "\",\"deviceId\":\"stb-" + (i % 5000) + "\","
                    + "\"sessionId\":\"s-" + (i / 40) + "\",\"type\":\"" + TYPES[i % TYPES.length] + "\","
                    + "\"channelId\":\"ch-" + (i % 120) + "\",\"timestamp\":\""
                    + Instant.ofEpochMilli(start + i * 50L) + "\",\"attributes\":{\"app\":\"tv-android\","
                    + "\"quality\":\"1080p\",\"os\":\"android-12\",\"cdn\":\"edge-" + (i % 16) + "\","
                    + "\"player\":\"exo-2.19.1\",\"region\":\"eu-west\"}}");
        }
        return events;
    }

    static double averageBytes(List<String> events) {
        return events.stream().mapToInt(event -> event.getBytes(StandardCharsets.UTF_8).length).average()
                .orElse(0);
    }
}
