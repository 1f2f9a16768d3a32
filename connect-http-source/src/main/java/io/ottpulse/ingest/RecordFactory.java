package io.ottpulse.ingest;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventBatch;
import io.ottpulse.activity.event.ParsedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;

/** Turns the events of a request into source records: valid ones for the activity topic, the rest for rejects. */
final class RecordFactory {

    static final String EVENT_ID_HEADER = "eventId";
    static final String INGEST_TIME_HEADER = "ingestTime";

    private final String topic;
    private final String rejectedTopic;
    private final Map<String, ?> sourcePartition;
    /** A push source has nothing to resume from; the sequence only makes offsets observable. */
    private final AtomicLong sequence = new AtomicLong();

    RecordFactory(String topic, String rejectedTopic, int taskId) {
        this.topic = topic;
        this.rejectedTopic = rejectedTopic;
        this.sourcePartition = Map.of("task", taskId);
    }

    List<IngestRecord> records(EventBatch batch, PendingRequest request, String clientId, long receivedAt) {
        List<IngestRecord> records = new ArrayList<>(batch.size());
        for (ParsedEvent parsed : batch.events()) {
            if (parsed instanceof ParsedEvent.Accepted accepted) {
                records.add(accepted(accepted, request, receivedAt));
            } else {
                records.add(rejected((ParsedEvent.Rejected) parsed, request, clientId, receivedAt));
            }
        }
        return records;
    }

    private IngestRecord accepted(ParsedEvent.Accepted accepted, PendingRequest request, long receivedAt) {
        ActivityEvent event = accepted.event();
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(EVENT_ID_HEADER, event.eventId());
        headers.addLong(INGEST_TIME_HEADER, receivedAt);
        return new IngestRecord(sourcePartition, nextOffset(), topic, Schema.STRING_SCHEMA, event.userId(),
                ActivitySchemas.EVENT, ActivitySchemas.event(event), event.timestamp(), headers, request,
                accepted.index());
    }

    private IngestRecord rejected(ParsedEvent.Rejected rejected, PendingRequest request, String clientId,
            long receivedAt) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addLong(INGEST_TIME_HEADER, receivedAt);
        return new IngestRecord(sourcePartition, nextOffset(), rejectedTopic, null, null, ActivitySchemas.REJECTED,
                ActivitySchemas.rejected(rejected, clientId, receivedAt), receivedAt, headers, request,
                rejected.index());
    }

    private Map<String, ?> nextOffset() {
        return Map.of("seq", sequence.incrementAndGet());
    }
}
