package io.ottpulse.loadgen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Zero loss: reads the activity topic from the start with a plain consumer (no group, committed records only) and
 * checks that every acknowledged event of this run is there, matching event ids {@code <runId>-<sequence>}.
 */
final class LossCheck {

    /** What the topic held of this run. */
    record Result(long acknowledged, long found, long missing, long duplicates, List<String> missingSample,
            long recordsRead) {
    }

    private static final String EVENT_ID_HEADER = "eventId";
    private static final int MISSING_SAMPLE = 10;
    private static final JsonFactory JSON = new JsonFactory();

    private final String bootstrapServers;
    private final String topic;
    private final String eventIdPrefix;

    LossCheck(String bootstrapServers, String topic, String runId) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.eventIdPrefix = runId + "-";
    }

    /**
     * Reads up to the end of the topic; while acknowledged events are missing it reads on until {@code timeout}
     * (a record can become readable after its acknowledgement only if a transaction commits late).
     */
    Result check(BitSet acknowledged, Duration timeout) throws InterruptedException {
        BitSet seen = new BitSet();
        BitSet seenTwice = new BitSet();
        long recordsRead = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            Set<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .collect(Collectors.toSet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
                while (!reached(consumer, ends) && System.nanoTime() - deadline < 0) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        recordsRead++;
                        long sequence = sequenceOf(record);
                        if (sequence >= 0) {
                            int index = Math.toIntExact(sequence);
                            if (seen.get(index)) {
                                seenTwice.set(index);
                            }
                            seen.set(index);
                        }
                    }
                }
                if (missing(acknowledged, seen).isEmpty() || System.nanoTime() - deadline >= 0) {
                    break;
                }
                Thread.sleep(500);
            }
        }
        BitSet missing = missing(acknowledged, seen);
        BitSet found = (BitSet) acknowledged.clone();
        found.and(seen);
        seenTwice.and(acknowledged);
        List<String> sample = new ArrayList<>();
        for (int i = missing.nextSetBit(0); i >= 0 && sample.size() < MISSING_SAMPLE; i = missing.nextSetBit(i + 1)) {
            sample.add(eventIdPrefix + i);
        }
        return new Result(acknowledged.cardinality(), found.cardinality(), missing.cardinality(),
                seenTwice.cardinality(), sample, recordsRead);
    }

    private static BitSet missing(BitSet acknowledged, BitSet seen) {
        BitSet missing = (BitSet) acknowledged.clone();
        missing.andNot(seen);
        return missing;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    /** The record's sequence in this run, or -1 when it is another run's or not an event. */
    private long sequenceOf(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(EVENT_ID_HEADER);
        String eventId = header != null ? new String(header.value(), StandardCharsets.UTF_8) : eventIdOf(record.value());
        return sequenceOfEventId(eventId);
    }

    long sequenceOfEventId(String eventId) {
        if (eventId == null || !eventId.startsWith(eventIdPrefix)) {
            return -1;
        }
        try {
            return Long.parseLong(eventId, eventIdPrefix.length(), eventId.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The top-level {@code eventId} of a JSON event, or null. */
    private static String eventIdOf(byte[] value) {
        if (value == null) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                if (field.equals(EVENT_ID_HEADER) && token == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
