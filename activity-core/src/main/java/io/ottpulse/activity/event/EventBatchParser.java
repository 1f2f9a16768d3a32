package io.ottpulse.activity.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ingest request body: one event object, a JSON array of events, or {@code {"events": [...]}}. Every event
 * is validated on its own, so one bad event never costs the valid events beside it; only a body that cannot be read
 * at all, or breaks a size limit, fails as a whole. This is the single validation path of the project: the ingest
 * connector and every consumer of {@code ott.activity} read events through it.
 */
public final class EventBatchParser {

    static final String EVENTS = "events";
    private static final JsonFactory JSON = new JsonFactory();

    private final EventLimits limits;

    public EventBatchParser(EventLimits limits) {
        this.limits = limits;
    }

    /** Parses a whole request body (already decompressed; its size is the caller's to bound). */
    public EventBatch parse(byte[] body) throws InvalidRequestException {
        try (JsonParser parser = JSON.createParser(body)) {
            List<ParsedEvent> events = readBody(parser, body);
            if (parser.nextToken() != null) {
                throw malformed("trailing content after the JSON value", parser.currentTokenLocation());
            }
            return new EventBatch(events);
        } catch (JsonProcessingException e) {
            throw malformed(e.getOriginalMessage(), e.getLocation());
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    /** Parses one event, as stored in a topic: valid events give {@link ParsedEvent.Accepted}. */
    public ParsedEvent parseOne(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new ParsedEvent.Rejected(0, text(json, 0, json.length),
                        List.of(new FieldError(path(0), "expected a JSON object")));
            }
            return readEvent(parser, parser.nextToken(), 0, json, 0);
        } catch (InvalidRequestException | IOException e) {
            return new ParsedEvent.Rejected(0, text(json, 0, json.length),
                    List.of(new FieldError(path(0), "unreadable: " + e.getMessage())));
        }
    }

    private List<ParsedEvent> readBody(JsonParser parser, byte[] body) throws IOException, InvalidRequestException {
        JsonToken first = parser.nextToken();
        if (first == JsonToken.START_ARRAY) {
            return readArray(parser, body);
        }
        if (first != JsonToken.START_OBJECT) {
            throw notABatch("body", "expected a JSON object or array");
        }
        long start = parser.currentTokenLocation().getByteOffset();
        JsonToken next = parser.nextToken();
        if (next == JsonToken.FIELD_NAME && EVENTS.equals(parser.currentName())) {
            return readWrapper(parser, body);
        }
        return List.of(readEvent(parser, next, 0, body, start));
    }

    private List<ParsedEvent> readWrapper(JsonParser parser, byte[] body) throws IOException, InvalidRequestException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw notABatch(EVENTS, "expected an array");
        }
        List<ParsedEvent> events = readArray(parser, body);
        JsonToken after = parser.nextToken();
        if (after != JsonToken.END_OBJECT) {
            throw notABatch(parser.currentName(), "unknown field beside \"events\"");
        }
        return events;
    }

    private List<ParsedEvent> readArray(JsonParser parser, byte[] body) throws IOException, InvalidRequestException {
        List<ParsedEvent> events = new ArrayList<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            int index = events.size();
            if (index == limits.maxBatchEvents()) {
                throw new InvalidRequestException(InvalidRequestException.Reason.TOO_MANY_EVENTS,
                        new FieldError(EVENTS, "more than the limit of " + limits.maxBatchEvents() + " events"));
            }
            long start = parser.currentTokenLocation().getByteOffset();
            if (token == JsonToken.START_OBJECT) {
                events.add(readEvent(parser, parser.nextToken(), index, body, start));
            } else {
                parser.skipChildren();
                parser.finishToken();
                int end = (int) parser.currentLocation().getByteOffset();
                events.add(new ParsedEvent.Rejected(index, text(body, (int) start, end),
                        List.of(new FieldError(path(index), "expected a JSON object"))));
            }
        }
        if (events.isEmpty()) {
            throw notABatch(EVENTS, "no events");
        }
        return events;
    }

    private ParsedEvent readEvent(JsonParser parser, JsonToken first, int index, byte[] body, long start)
            throws IOException, InvalidRequestException {
        EventObjectReader.ReadResult result = EventObjectReader.read(parser, first, path(index), limits);
        int end = (int) parser.currentLocation().getByteOffset();
        int size = end - (int) start;
        if (size > limits.maxEventBytes()) {
            throw new InvalidRequestException(InvalidRequestException.Reason.EVENT_TOO_LARGE, new FieldError(path(index),
                    size + " bytes, more than the limit of " + limits.maxEventBytes()));
        }
        if (result.event() != null) {
            return new ParsedEvent.Accepted(index, result.event());
        }
        return new ParsedEvent.Rejected(index, text(body, (int) start, end), result.errors());
    }

    static String path(int index) {
        return EVENTS + "[" + index + "]";
    }

    private static String text(byte[] body, int start, int end) {
        return new String(body, start, end - start, StandardCharsets.UTF_8);
    }

    private static InvalidRequestException notABatch(String path, String message) {
        return new InvalidRequestException(InvalidRequestException.Reason.NOT_A_BATCH, new FieldError(path, message));
    }

    private static InvalidRequestException malformed(String message, JsonLocation location) {
        String where = location == null ? "body"
                : "body (line " + location.getLineNr() + ", column " + location.getColumnNr()
                        + ", byte " + location.getByteOffset() + ")";
        return new InvalidRequestException(InvalidRequestException.Reason.MALFORMED_JSON,
                new FieldError(where, "malformed JSON: " + message));
    }
}
