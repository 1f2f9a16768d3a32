package io.ottpulse.ingest;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A source record that remembers the request it came from. Connect hands this very instance (the record before
 * transformations) back to {@code commitRecord}, which is how an acknowledgement finds its request.
 */
final class IngestRecord extends SourceRecord {

    private final PendingRequest request;
    private final int eventIndex;

    IngestRecord(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic, Schema keySchema, Object key,
            Schema valueSchema, Object value, Long timestamp, Headers headers, PendingRequest request, int eventIndex) {
        super(sourcePartition, sourceOffset, topic, null, keySchema, key, valueSchema, value, timestamp, headers);
        this.request = request;
        this.eventIndex = eventIndex;
    }

    void settled(boolean written) {
        request.settled(eventIndex, written);
    }

    /** This record will never reach Connect (the task stops): its request cannot be acknowledged. */
    void abandon() {
        request.abandon();
    }
}
