package io.ottpulse.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.ottpulse.activity.event.EventBatch;
import io.ottpulse.activity.event.FieldError;
import io.ottpulse.activity.event.ParsedEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The status code and JSON body of every answer the ingest endpoint gives. The contract (README): 202 when every
 * event is in Kafka; 207 when some were rejected or dropped, with a result per such event; 422 when none was valid;
 * 4xx/5xx with {@code {"error", "message", "field"}} when the request as a whole was refused.
 */
record IngestResponse(int status, byte[] body, Integer retryAfterSeconds) {

    static final int ACCEPTED = 202;
    static final int MULTI_STATUS = 207;
    static final int UNPROCESSABLE = 422;

    private static final JsonFactory JSON = new JsonFactory();

    /** The answer to a request whose records Kafka has all settled. */
    static IngestResponse settled(EventBatch batch, List<Integer> droppedIndexes) {
        List<ParsedEvent.Rejected> rejected = batch.rejected();
        int accepted = batch.size() - rejected.size() - droppedIndexes.size();
        int status = rejected.isEmpty() && droppedIndexes.isEmpty() ? ACCEPTED
                : accepted == 0 ? UNPROCESSABLE : MULTI_STATUS;
        return new IngestResponse(status, json(json -> {
            json.writeNumberField("accepted", accepted);
            json.writeNumberField("rejected", rejected.size());
            json.writeNumberField("dropped", droppedIndexes.size());
            if (status != ACCEPTED) {
                writeResults(json, rejected, droppedIndexes);
            }
        }), null);
    }

    /** A request refused as a whole. */
    static IngestResponse error(int status, String error, FieldError detail) {
        return error(status, error, detail, null);
    }

    static IngestResponse error(int status, String error, FieldError detail, Integer retryAfterSeconds) {
        return new IngestResponse(status, json(json -> {
            json.writeStringField("error", error);
            json.writeStringField("message", detail.toString());
            json.writeStringField("field", detail.path());
        }), retryAfterSeconds);
    }

    private static void writeResults(JsonGenerator json, List<ParsedEvent.Rejected> rejected,
            List<Integer> droppedIndexes) throws IOException {
        json.writeArrayFieldStart("results");
        for (ParsedEvent.Rejected event : rejected) {
            json.writeStartObject();
            json.writeNumberField("index", event.index());
            json.writeStringField("status", "rejected");
            json.writeArrayFieldStart("errors");
            for (FieldError error : event.errors()) {
                json.writeString(error.toString());
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        for (int index : droppedIndexes) {
            json.writeStartObject();
            json.writeNumberField("index", index);
            json.writeStringField("status", "dropped");
            json.writeStringField("message", "not written: Connect dropped the record (transformation or error policy)");
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static byte[] json(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
