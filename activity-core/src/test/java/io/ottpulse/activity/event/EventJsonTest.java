package io.ottpulse.activity.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private final EventBatchParser parser = new EventBatchParser(EventLimits.DEFAULTS);

    @Test
    void writtenEventsReadBackEqual() {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("app", "tv-android");
        attributes.put("quality", "1080p \"HD\"");
        ActivityEvent event = new ActivityEvent("6f1c", "u-1029", "stb-77", "s-9", EventType.CHANNEL_SWITCH,
                "ch-42", 1_795_683_600_123L, attributes);

        byte[] json = EventJson.write(event);

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"eventId\":\"6f1c\",\"userId\":\"u-1029\","
                + "\"deviceId\":\"stb-77\",\"sessionId\":\"s-9\",\"type\":\"channel_switch\",\"channelId\":\"ch-42\","
                + "\"timestamp\":\"2026-11-26T09:00:00.123Z\","
                + "\"attributes\":{\"app\":\"tv-android\",\"quality\":\"1080p \\\"HD\\\"\"}}");
        assertThat(parser.parseOne(json)).isEqualTo(new ParsedEvent.Accepted(0, event));
    }

    @Test
    void optionalFieldsAreOmitted() {
        ActivityEvent event = new ActivityEvent("e", "u", null, null, EventType.STOP, null, 0L, null);

        assertThat(new String(EventJson.write(event), StandardCharsets.UTF_8))
                .isEqualTo("{\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"stop\",\"timestamp\":\"1970-01-01T00:00:00Z\"}");
    }
}
