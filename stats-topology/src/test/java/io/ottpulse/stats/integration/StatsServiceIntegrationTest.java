package io.ottpulse.stats.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventJson;
import io.ottpulse.activity.event.EventType;
import io.ottpulse.stats.StatsConfig;
import io.ottpulse.stats.StatsService;
import io.ottpulse.testkit.EurekaServer;
import io.ottpulse.testkit.FreePorts;
import io.ottpulse.testkit.KafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stats instance on a real broker, answering over HTTP and registered in the real registry. */
class StatsServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void servesChannelLoadComputedFromTheTopic() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start();
                EurekaServer eureka = EurekaServer.start(tmp.resolve("eureka"))) {
            broker.createTopics(3, "ott.activity");
            int port = FreePorts.pick();
            StatsConfig config = StatsConfig.parse("""
                    {"bootstrapServers":"%s","stateDir":"%s","server":{"port":%d},
                     "eureka":{"serviceUrls":"%s"},"streams":{"commit.interval.ms":"100"}}
                    """.formatted(broker.bootstrapServers(), tmp.resolve("state"), port, eureka.serviceUrl()));
            try (StatsService stats = StatsService.start(config);
                    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                            Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(),
                            new ByteArraySerializer())) {
                long now = System.currentTimeMillis();
                String[][] switches = {{"u1", "news"}, {"u2", "news"}, {"u3", "sport"}, {"u4", "news"}, {"u1", "sport"}};
                int n = 0;
                for (String[] s : switches) {
                    ActivityEvent event = new ActivityEvent("e" + n, s[0], null, null, EventType.CHANNEL_SWITCH, s[1],
                            now + n++, null);
                    producer.send(new ProducerRecord<>("ott.activity", s[0], EventJson.write(event))).get();
                }

                HttpClient http = HttpClient.newHttpClient();
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/v1/stats/channels")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(200);
                    JsonNode body = JSON.readTree(response.body());
                    assertThat(body.path("totalViewers").asLong()).isEqualTo(4);
                    assertThat(body.path("channels").toString())
                            .isEqualTo("[{\"channelId\":\"news\",\"viewers\":2},{\"channelId\":\"sport\",\"viewers\":2}]");
                });
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(eureka.instances("stats-service")).singleElement()
                                .satisfies(i -> assertThat(i.path("port").path("$").asInt()).isEqualTo(port)));
            }
            assertThat(eureka.instances("stats-service")).isEmpty();
        }
    }
}
