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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stats instances on a real broker, registered in the real registry: each answers for every channel and user
 * (forwarding to the owner), and when one stops the other serves every key with the right numbers.
 */
class StatsServiceIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private StatsService start(KafkaBroker broker, EurekaServer eureka, String name, int port) throws Exception {
        return start(broker, eureka, name, port, 300);
    }

    private StatsService start(KafkaBroker broker, EurekaServer eureka, String name, int port, int viewerTimeoutSeconds)
            throws Exception {
        return StatsService.start(StatsConfig.parse("""
                {"bootstrapServers":"%s","stateDir":"%s","gracePeriodSeconds":1,"viewerTimeoutSeconds":%d,
                 "server":{"port":%d},"eureka":{"serviceUrls":"%s"},
                 "streams":{"commit.interval.ms":"100","num.standby.replicas":"1","acceptable.recovery.lag":"0"}}
                """.formatted(broker.bootstrapServers(), tmp.resolve(name), viewerTimeoutSeconds, port,
                eureka.serviceUrl())));
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private Map<String, Long> channels(int port) throws Exception {
        Map<String, Long> load = new HashMap<>();
        for (JsonNode channel : get(port, "/v1/stats/channels").path("channels")) {
            load.put(channel.path("channelId").asText(), channel.path("viewers").asLong());
        }
        return load;
    }

    @Test
    void anyInstanceAnswersForAnyKeyAndTheSurvivorServesAllAfterTheOtherStops() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start();
                EurekaServer eureka = EurekaServer.start(tmp.resolve("eureka"));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(),
                        new ByteArraySerializer())) {
            broker.createTopics(6, "ott.activity");
            int portA = FreePorts.pick();
            int portB = FreePorts.pick();
            StatsService a = start(broker, eureka, "a", portA);
            try (StatsService b = start(broker, eureka, "b", portB)) {
                Map<String, Long> expected = new HashMap<>();
                long now = System.currentTimeMillis() - 60_000;
                for (int user = 0; user < 60; user++) {
                    String channel = "ch-" + (user % 7);
                    expected.merge(channel, 1L, Long::sum);
                    send(producer, "u" + user, EventType.CHANNEL_SWITCH, "ch-x", now);
                    send(producer, "u" + user, EventType.CHANNEL_SWITCH, channel, now + 20_000);
                    send(producer, "u" + user, EventType.HEARTBEAT, channel, now + 50_000);
                }
                producer.flush();

                await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
                    assertThat(channels(portA)).isEqualTo(expected);
                    assertThat(channels(portB)).isEqualTo(expected);
                });
                for (String channel : expected.keySet()) {
                    assertThat(get(portA, "/v1/stats/channels/" + channel).path("viewers").asLong())
                            .isEqualTo(expected.get(channel));
                    assertThat(get(portB, "/v1/stats/channels/" + channel).path("viewers").asLong())
                            .isEqualTo(expected.get(channel));
                }
                await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
                    for (int user = 0; user < 60; user += 7) {
                        for (int port : List.of(portA, portB)) {
                            JsonNode top = get(port, "/v1/stats/users/u" + user + "/preferences").path("channels");
                            assertThat(top).extracting(c -> c.path("channelId").asText())
                                    .containsExactly("ch-" + (user % 7), "ch-x");
                            assertThat(top.get(0).path("seconds").asDouble()).isBetween(29.99, 30.0);
                            assertThat(top.get(1).path("seconds").asDouble()).isBetween(19.99, 20.0);
                        }
                    }
                });
                for (int port : List.of(portA, portB)) {
                    JsonNode top = get(port, "/v1/stats/top?n=3");
                    assertThat(top.path("totalViewers").asLong()).isEqualTo(60);
                    assertThat(top.path("channels")).hasSize(3);
                    assertThat(get(port, "/v1/stats/alerts").path("alerts").isArray()).isTrue();
                }
                await().atMost(PATIENCE).untilAsserted(() ->
                        assertThat(eureka.instances("stats-service")).extracting(i -> i.path("port").path("$").asInt())
                                .containsExactlyInAnyOrder(portA, portB));

                a.close();

                await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
                    assertThat(channels(portB)).isEqualTo(expected);
                    for (String channel : expected.keySet()) {
                        assertThat(get(portB, "/v1/stats/channels/" + channel).path("viewers").asLong())
                                .isEqualTo(expected.get(channel));
                    }
                    assertThat(get(portB, "/v1/stats/users/u3/preferences").path("channels")).hasSize(2);
                    assertThat(get(portB, "/v1/stats/top?n=10").path("totalViewers").asLong()).isEqualTo(60);
                });
                assertThat(eureka.instances("stats-service")).extracting(i -> i.path("port").path("$").asInt())
                        .containsExactly(portB);
            } finally {
                a.close();
            }
        }
    }

    /** The timers live in memory only: an instance restoring the viewers from the changelog must rebuild them. */
    @Test
    void anInstanceRestoringFromTheChangelogStillExpiresSilentViewers() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start();
                EurekaServer eureka = EurekaServer.start(tmp.resolve("eureka"));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        Map.of("bootstrap.servers", broker.bootstrapServers()), new StringSerializer(),
                        new ByteArraySerializer())) {
            broker.createTopics(6, "ott.activity");
            int portA = FreePorts.pick();
            long switched = System.currentTimeMillis();
            try (StatsService a = start(broker, eureka, "a", portA, 30)) {
                send(producer, "u1", EventType.CHANNEL_SWITCH, "ch-1", switched);
                producer.flush();
                await().atMost(PATIENCE).ignoreExceptions()
                        .untilAsserted(() -> assertThat(channels(portA)).isEqualTo(Map.of("ch-1", 1L)));
            }
            assertThat(System.currentTimeMillis() - switched).as("the first instance stopped before u1 timed out")
                    .isLessThan(30_000);

            int portB = FreePorts.pick();
            try (StatsService b = start(broker, eureka, "b", portB, 30)) {
                await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                        assertThat(get(portB, "/v1/stats/channels/ch-1").path("viewers").asLong()).isZero());
            }
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, String user, EventType type, String channel,
            long time) {
        ActivityEvent event = new ActivityEvent(user + "-" + time, user, null, null, type, channel, time, null);
        producer.send(new ProducerRecord<>("ott.activity", user, EventJson.write(event)));
    }
}
