package io.ottpulse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.testkit.KafkaBroker;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The lag {@code ./ottpulse bench} waits on, read from a real broker. */
class KafkaTopicsLagTest {

    private static final String TOPIC = "ott.activity";
    private static final String GROUP = "ottpulse-stats";

    @Test
    void countsWhatTheGroupHasNotCommittedAndWholePartitionsItNeverCommitted() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopics(2, TOPIC);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < 5; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, "user-" + i, "event")).get();
                }
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 1, "user-" + i, "event")).get();
                }
            }
            assertThat(KafkaTopics.lag(broker.admin(), GROUP, TOPIC)).as("a group that never committed")
                    .isEqualTo(8);

            broker.admin().alterConsumerGroupOffsets(GROUP,
                    Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(4))).all().get();
            assertThat(KafkaTopics.lag(broker.admin(), GROUP, TOPIC)).isEqualTo(1 + 3);

            broker.admin().alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(TOPIC, 0),
                    new OffsetAndMetadata(5), new TopicPartition(TOPIC, 1), new OffsetAndMetadata(3))).all().get();
            assertThat(KafkaTopics.lag(broker.admin(), GROUP, TOPIC)).isZero();
        }
    }
}
