package io.ottpulse.activity.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventBatchParserTest {

    private static final String VALID =
            "{\"eventId\":\"e-1\",\"userId\":\"u-1\",\"type\":\"channel_switch\",\"channelId\":\"ch-1\","
                    + "\"timestamp\":\"2026-11-26T09:00:00.123Z\"}";

    private final EventBatchParser parser = new EventBatchParser(EventLimits.DEFAULTS);

    private EventBatch parse(String body) throws InvalidRequestException {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses a one-event body and returns the errors of that event. */
    private java.util.List<String> errorsOf(String event) throws InvalidRequestException {
        EventBatch batch = parse(event);
        assertThat(batch.size()).isEqualTo(1);
        return batch.rejected().get(0).errors().stream().map(FieldError::toString).toList();
    }

    private static String event(String fields) {
        return "{" + fields + "}";
    }

    @Nested
    class Shapes {
        @Test
        void singleEventIsABatchOfOne() throws Exception {
            EventBatch batch = parse(VALID);

            assertThat(batch.accepted()).singleElement().satisfies(accepted -> {
                ActivityEvent e = accepted.event();
                assertThat(e.eventId()).isEqualTo("e-1");
                assertThat(e.userId()).isEqualTo("u-1");
                assertThat(e.type()).isEqualTo(EventType.CHANNEL_SWITCH);
                assertThat(e.channelId()).isEqualTo("ch-1");
                assertThat(e.timestamp()).isEqualTo(1_795_683_600_123L);
                assertThat(e.deviceId()).isNull();
                assertThat(e.attributes()).isEmpty();
            });
        }

        @Test
        void arrayAndWrapperGiveTheSameEventsInOrder() throws Exception {
            String second = VALID.replace("e-1", "e-2");
            EventBatch array = parse("[" + VALID + "," + second + "]");
            EventBatch wrapper = parse("{\"events\":[" + VALID + "," + second + "]}");

            assertThat(array.accepted()).extracting(a -> a.event().eventId()).containsExactly("e-1", "e-2");
            assertThat(wrapper).isEqualTo(array);
        }

        @Test
        void allOptionalFieldsAreRead() throws Exception {
            ActivityEvent e = parse("{\"eventId\":\"e\",\"userId\":\"u\",\"deviceId\":\"stb-7\",\"sessionId\":\"s-9\","
                    + "\"type\":\"play\",\"channelId\":\"ch\",\"timestamp\":1795683600123,"
                    + "\"attributes\":{\"app\":\"tv\",\"bitrate\":4500,\"hd\":true,\"ratio\":1.5}}")
                    .accepted().get(0).event();

            assertThat(e.deviceId()).isEqualTo("stb-7");
            assertThat(e.sessionId()).isEqualTo("s-9");
            assertThat(e.timestamp()).isEqualTo(1_795_683_600_123L);
            assertThat(e.attributes()).containsExactly(Map.entry("app", "tv"), Map.entry("bitrate", "4500"),
                    Map.entry("hd", "true"), Map.entry("ratio", "1.5"));
        }

        @Test
        void nonObjectElementsAreRejectedOneByOneAndKeepTheirRawText() throws Exception {
            EventBatch batch = parse("[" + VALID + ", 42, \"x\", [1,2], null]");

            assertThat(batch.accepted()).hasSize(1);
            assertThat(batch.rejected()).extracting(ParsedEvent.Rejected::rawJson)
                    .containsExactly("42", "\"x\"", "[1,2]", "null");
            assertThat(batch.rejected()).extracting(r -> r.errors().get(0).toString())
                    .containsExactly("events[1]: expected a JSON object", "events[2]: expected a JSON object",
                            "events[3]: expected a JSON object", "events[4]: expected a JSON object");
        }

        @Test
        void rejectedEventKeepsItsExactRawText() throws Exception {
            String bad = "{ \"eventId\" : \"e-2\", \"userId\":\"u\", \"type\":\"nope\", \"timestamp\":1 }";
            EventBatch batch = parse("[" + VALID + ",  " + bad + " ]");

            assertThat(batch.rejected()).singleElement().satisfies(r -> {
                assertThat(r.index()).isEqualTo(1);
                assertThat(r.rawJson()).isEqualTo(bad);
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"42", "\"text\"", "true", "null"})
        void scalarBodyIsNotABatch(String body) {
            assertThatThrownBy(() -> parse(body))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.reason()).isEqualTo(InvalidRequestException.Reason.NOT_A_BATCH);
                        assertThat(e.getMessage()).isEqualTo("body: expected a JSON object or array");
                    });
        }

        @Test
        void emptyBatchIsRefused() {
            assertThatThrownBy(() -> parse("[]")).hasMessage("events: no events");
            assertThatThrownBy(() -> parse("{\"events\":[]}")).hasMessage("events: no events");
        }

        @Test
        void wrapperMustHoldAnArrayAndNothingElse() {
            assertThatThrownBy(() -> parse("{\"events\":{}}")).hasMessage("events: expected an array");
            assertThatThrownBy(() -> parse("{\"events\":[" + VALID + "],\"extra\":1}"))
                    .hasMessage("extra: unknown field beside \"events\"");
        }

        @Test
        void malformedJsonGivesItsPosition() {
            String prefix = "[" + VALID + ",{\"eventId\":";
            int offset = prefix.length();
            assertThatThrownBy(() -> parse(prefix + "}]"))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.reason()).isEqualTo(InvalidRequestException.Reason.MALFORMED_JSON);
                        assertThat(e.error().path())
                                .isEqualTo("body (line 1, column " + (offset + 1) + ", byte " + offset + ")");
                        assertThat(e.error().message()).startsWith("malformed JSON: Unexpected character ('}'");
                    });
        }

        @Test
        void truncatedAndTrailingContentAreMalformed() {
            assertThatThrownBy(() -> parse("[" + VALID)).isInstanceOfSatisfying(InvalidRequestException.class,
                    e -> assertThat(e.reason()).isEqualTo(InvalidRequestException.Reason.MALFORMED_JSON));
            assertThatThrownBy(() -> parse(VALID + " {}")).isInstanceOfSatisfying(InvalidRequestException.class,
                    e -> assertThat(e.getMessage()).contains("trailing content"));
            assertThatThrownBy(() -> parse("")).isInstanceOfSatisfying(InvalidRequestException.class,
                    e -> assertThat(e.reason()).isEqualTo(InvalidRequestException.Reason.NOT_A_BATCH));
        }
    }

    @Nested
    class Rules {
        @Test
        void everyMissingRequiredFieldIsReported() throws Exception {
            assertThat(errorsOf("{}")).containsExactly(
                    "events[0].eventId: required", "events[0].userId: required",
                    "events[0].type: required", "events[0].timestamp: required");
        }

        @ParameterizedTest
        @ValueSource(strings = {"channel_switch", "heartbeat", "play"})
        void channelIsRequiredForTypesThatPlaceTheViewer(String type) throws Exception {
            assertThat(errorsOf(event("\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"" + type + "\",\"timestamp\":0")))
                    .containsExactly("events[0].channelId: required for type " + type);
        }

        @ParameterizedTest
        @ValueSource(strings = {"pause", "stop", "buffering_start", "buffering_end", "error"})
        void channelIsOptionalForOtherTypes(String type) throws Exception {
            EventBatch batch = parse(event("\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"" + type + "\",\"timestamp\":0"));
            assertThat(batch.accepted()).singleElement()
                    .satisfies(a -> assertThat(a.event().type().wireName()).isEqualTo(type));
        }

        @Test
        void unknownTypeListsTheKnownOnes() throws Exception {
            assertThat(errorsOf(event("\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"zap\",\"timestamp\":0")))
                    .containsExactly("events[0].type: unknown type \"zap\"; expected one of channel_switch, heartbeat, "
                            + "play, pause, stop, buffering_start, buffering_end, error");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"yesterday\"", "\"2026-11-26\"", "\"2026-11-26 09:00:00\"", "1.5", "true", "{}",
                "[1]", "\"\""})
        void timestampMustBeIsoOrEpochMillis(String value) throws Exception {
            assertThat(errorsOf(event("\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"stop\",\"timestamp\":" + value)))
                    .containsExactly("events[0].timestamp: not ISO-8601 or epoch millis");
        }

        @Test
        void timestampAcceptsOffsetsAndTheWholeRange() throws Exception {
            String prefix = "\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"stop\",\"timestamp\":";
            assertThat(parse(event(prefix + "\"2026-11-26T10:00:00.123+01:00\"")).accepted().get(0).event().timestamp())
                    .isEqualTo(1_795_683_600_123L);
            assertThat(parse(event(prefix + "0")).accepted()).hasSize(1);
            assertThat(parse(event(prefix + EventObjectReader.MAX_EPOCH_MILLIS)).accepted()).hasSize(1);
            assertThat(errorsOf(event(prefix + (EventObjectReader.MAX_EPOCH_MILLIS + 1))))
                    .containsExactly("events[0].timestamp: out of range (1970-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z)");
            assertThat(errorsOf(event(prefix + "-1"))).hasSize(1);
            assertThat(errorsOf(event(prefix + "123456789012345678901234567890")))
                    .containsExactly("events[0].timestamp: not ISO-8601 or epoch millis");
        }

        @Test
        void idsMustBeStringsWithinLimits() throws Exception {
            String longId = "x".repeat(EventLimits.DEFAULT_MAX_ID_LENGTH + 1);
            assertThat(errorsOf(event("\"eventId\":7,\"userId\":\" \",\"deviceId\":\"" + longId
                    + "\",\"sessionId\":\"a\\u0001b\",\"type\":\"stop\",\"timestamp\":0"))).containsExactly(
                    "events[0].eventId: expected a string",
                    "events[0].userId: must not be blank",
                    "events[0].deviceId: longer than 128 characters",
                    "events[0].sessionId: contains control characters");
        }

        @Test
        void idAtTheLengthLimitIsAccepted() throws Exception {
            String id = "x".repeat(EventLimits.DEFAULT_MAX_ID_LENGTH);
            assertThat(parse(event("\"eventId\":\"" + id + "\",\"userId\":\"u\",\"type\":\"stop\",\"timestamp\":0"))
                    .accepted()).hasSize(1);
        }

        @Test
        void nullIsTheSameAsAbsent() throws Exception {
            assertThat(errorsOf(event("\"eventId\":null,\"userId\":\"u\",\"type\":\"play\",\"channelId\":null,"
                    + "\"timestamp\":0"))).containsExactly("events[0].eventId: required",
                    "events[0].channelId: required for type play");
        }

        @Test
        void duplicatedAndUnknownFieldsAreReported() throws Exception {
            assertThat(errorsOf(event("\"eventId\":\"e\",\"userId\":\"u\",\"userId\":\"v\",\"type\":\"stop\","
                    + "\"timestamp\":0,\"colour\":\"red\",\"attributes\":{\"a\":\"1\",\"a\":\"2\"}"))).containsExactly(
                    "events[0].userId: duplicated field",
                    "events[0].colour: unknown field (custom data belongs in attributes)",
                    "events[0].attributes.a: duplicated field");
        }

        @Test
        void attributesAreBounded() throws Exception {
            StringBuilder many = new StringBuilder();
            for (int i = 0; i <= EventLimits.DEFAULT_MAX_ATTRIBUTES; i++) {
                many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
            }
            String prefix = "\"eventId\":\"e\",\"userId\":\"u\",\"type\":\"stop\",\"timestamp\":0,\"attributes\":";
            assertThat(errorsOf(event(prefix + "{" + many + "}")))
                    .containsExactly("events[0].attributes: 33 entries, more than the limit of 32");
            assertThat(errorsOf(event(prefix + "{\"v\":\"" + "x".repeat(1025) + "\",\"o\":{\"n\":1},\"\":\"x\"}")))
                    .containsExactly("events[0].attributes.v: longer than 1024 characters",
                            "events[0].attributes.o: expected a string, number or boolean",
                            "events[0].attributes.: name must be 1 to 128 characters");
            assertThat(errorsOf(event(prefix + "[]"))).containsExactly("events[0].attributes: expected an object");
        }

        @Test
        void badEventsDoNotHarmValidNeighbours() throws Exception {
            EventBatch batch = parse("[" + VALID + ",{\"eventId\":\"e-2\"}," + VALID.replace("e-1", "e-3") + "]");

            assertThat(batch.accepted()).extracting(ParsedEvent::index).containsExactly(0, 2);
            assertThat(batch.rejected()).extracting(ParsedEvent::index).containsExactly(1);
            assertThat(batch.rejected().get(0).errors()).extracting(FieldError::path)
                    .containsExactly("events[1].userId", "events[1].type", "events[1].timestamp");
        }
    }

    @Nested
    class Limits {
        private final EventLimits small = new EventLimits(128, 32, 1024, VALID.length(), 3, 1 << 20);
        private final EventBatchParser smallParser = new EventBatchParser(small);

        @Test
        void batchAtTheLimitIsAcceptedAndOneMoreIsRefused() throws Exception {
            String three = String.join(",", VALID, VALID, VALID);
            assertThat(smallParser.parse(("[" + three + "]").getBytes(StandardCharsets.UTF_8)).size()).isEqualTo(3);

            assertThatThrownBy(() -> smallParser.parse(("[" + three + ",1]").getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.reason()).isEqualTo(InvalidRequestException.Reason.TOO_MANY_EVENTS);
                        assertThat(e.getMessage()).isEqualTo("events: more than the limit of 3 events");
                    });
        }

        @Test
        void eventAtTheSizeLimitIsAcceptedAndOneByteMoreIsRefused() throws Exception {
            assertThat(smallParser.parse(VALID.getBytes(StandardCharsets.UTF_8)).accepted()).hasSize(1);

            String bigger = VALID.replace("e-1", "e-10");
            assertThatThrownBy(() -> smallParser.parse(("[" + VALID + "," + bigger + "]").getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.reason()).isEqualTo(InvalidRequestException.Reason.EVENT_TOO_LARGE);
                        assertThat(e.getMessage()).isEqualTo("events[1]: " + bigger.length()
                                + " bytes, more than the limit of " + VALID.length());
                    });
        }

        @Test
        void limitsMustBePositive() {
            assertThatThrownBy(() -> new EventLimits(0, 1, 1, 1, 1, 1))
                    .hasMessage("maxIdLength must be positive, was 0");
        }
    }

    @Nested
    class One {
        @Test
        void readsAStoredEvent() {
            assertThat(parser.parseOne(VALID.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(ParsedEvent.Accepted.class);
        }

        @Test
        void garbageIsRejectedNotThrown() {
            assertThat(parser.parseOne("not json".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(ParsedEvent.Rejected.class,
                            r -> assertThat(r.errors().get(0).message()).startsWith("unreadable"));
            assertThat(parser.parseOne("[1]".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOfSatisfying(ParsedEvent.Rejected.class,
                            r -> assertThat(r.errors().get(0).message()).isEqualTo("expected a JSON object"));
        }
    }
}
