package io.ottpulse.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each helper starts the real thing, and the thing works. */
class InfrastructureTest {

    @TempDir
    Path tmp;

    @Test
    void brokerStoresWhatIsProducedAndReaderReadsItBack() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopics(3, "t");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                    Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("t", "k" + i, "v" + i)).get();
                }
            }

            assertThat(broker.reader().readAll("t", Duration.ofSeconds(10)))
                    .extracting(r -> r.value())
                    .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9");
        }
    }

    @Test
    void hdfsWritesAndReadsFiles() throws Exception {
        try (HdfsCluster hdfs = HdfsCluster.start(tmp.resolve("hdfs"))) {
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path("/probe/hello.txt");
            try (FSDataOutputStream out = hdfs.fileSystem().create(file)) {
                out.write("hello hdfs".getBytes(StandardCharsets.UTF_8));
            }
            try (FSDataInputStream in = hdfs.fileSystem().open(file)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello hdfs");
            }
            assertThat(hdfs.uri()).startsWith("hdfs://localhost:");
        }
    }

    @Test
    void eurekaServerRunsInAChildJvmAndStopsWithIt() throws Exception {
        try (EurekaServer eureka = EurekaServer.start(tmp.resolve("eureka"))) {
            assertThat(eureka.instances("NOBODY")).isEmpty();
            assertThat(eureka.serviceUrl()).isEqualTo("http://localhost:" + eureka.port() + "/eureka/");
        }
    }
}
