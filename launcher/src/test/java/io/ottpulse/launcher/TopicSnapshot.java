package io.ottpulse.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.testkit.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The event ids a topic holds, per partition in offset order, as read at one moment. */
final class TopicSnapshot {

    /** A record of the topic: its offset and its event's id. */
    record Entry(long offset, String eventId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Integer, List<Entry>> partitions = new TreeMap<>();
    private final Set<String> eventIds = new HashSet<>();

    static TopicSnapshot read(String bootstrap, String topic) {
        TopicSnapshot snapshot = new TopicSnapshot();
        for (ConsumerRecord<String, String> record : new TopicReader(bootstrap).readAll(topic, Duration.ofMinutes(2))) {
            try {
                String eventId = JSON.readTree(record.value()).path("eventId").asText();
                snapshot.partitions.computeIfAbsent(record.partition(), p -> new ArrayList<>())
                        .add(new Entry(record.offset(), eventId));
                snapshot.eventIds.add(eventId);
            } catch (IOException e) {
                throw new UncheckedIOException("not an event at " + record.partition() + "/" + record.offset(), e);
            }
        }
        return snapshot;
    }

    Map<Integer, List<Entry>> partitions() {
        return partitions;
    }

    boolean contains(String eventId) {
        return eventIds.contains(eventId);
    }

    /** The offset of each partition's last record. */
    Map<Integer, Long> lastOffsets() {
        Map<Integer, Long> last = new TreeMap<>();
        partitions.forEach((partition, entries) -> last.put(partition, entries.get(entries.size() - 1).offset()));
        return last;
    }
}
