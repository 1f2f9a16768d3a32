package io.ottpulse.bench.ingest;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The request bodies the ingest benchmarks send: realistic channel switches of about 250 bytes each. */
final class SampleEvents {

    private SampleEvents() {
    }

    static String event(int n) {
        return "{\"eventId\":\"bench-" + n + "\",\"userId\":\"u-" + (100_000 + n) + "\",\"deviceId\":\"stb-"
                + (n % 977) + "\",\"sessionId\":\"s-" + n + "\",\"type\":\"channel_switch\",\"channelId\":\"ch-"
                + (n % 200) + "\",\"timestamp\":\"2026-11-26T09:00:00.123Z\","
                + "\"attributes\":{\"app\":\"tv-android\",\"quality\":\"1080p\"}}";
    }

    static String batch(int events) {
        return IntStream.range(0, events).mapToObj(SampleEvents::event).collect(Collectors.joining(",", "[", "]"));
    }
}
