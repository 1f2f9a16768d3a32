package io.ottpulse.stats.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventJson;
import io.ottpulse.activity.presence.ViewerState;
import io.ottpulse.activity.viewing.Viewing;
import io.ottpulse.activity.viewing.ViewingEvent;
import io.ottpulse.activity.viewing.WatchedMs;
import io.ottpulse.loadgen.Audience;
import io.ottpulse.loadgen.ChannelCatalogue;
import io.ottpulse.stats.StatsConfig;
import io.ottpulse.stats.StatsService;
import io.ottpulse.testkit.FreePorts;
import io.ottpulse.testkit.KafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * A simulated audience with a known ground truth (every viewer's channel at the end, every event they sent) through a
 * real broker and stats instance: the channel load equals the ground truth exactly, and each viewer's watch time
 * equals activity-core's rules replayed over their events.
 */
class AudienceAccuracyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VIEWERS = 2_000;

    @TempDir
    Path tmp;

    @Test
    void channelLoadAndWatchTimeMatchTheGroundTruth() throws Exception {
        long end = System.currentTimeMillis();
        long start = end - Duration.ofMinutes(3).toMillis();
        Audience audience = new Audience(VIEWERS, new ChannelCatalogue(40, 1.0), 30_000, 20_000, 10_000, start, 7);
        List<ActivityEvent> events = audience.eventsUntil(end);
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopics(3, "ott.activity");
            int port = FreePorts.pick();
            StatsConfig config = StatsConfig.parse("""
                    {"bootstrapServers":"%s","stateDir":"%s","gracePeriodSeconds":2,"server":{"port":%d},
                     "preferences":{"halfLifeHours":1000000,"topN":100},"streams":{"commit.interval.ms":"100"}}
                    """.formatted(broker.bootstrapServers(), tmp.resolve("state"), port));
            try (StatsService stats = StatsService.start(config);
                    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                            Map.of("bootstrap.servers", broker.bootstrapServers(), "linger.ms", 20),
                            new StringSerializer(), new ByteArraySerializer())) {
                for (ActivityEvent event : events) {
                    producer.send(new ProducerRecord<>("ott.activity", event.userId(), EventJson.write(event)));
                }
                producer.flush();

                HttpClient http = HttpClient.newHttpClient();
                await().atMost(Duration.ofSeconds(120)).ignoreExceptions().untilAsserted(() ->
                        assertThat(channels(http, port)).isEqualTo(audience.groundTruth()));

                Map<String, Map<String, Long>> expected = replayedWatchMs(events);
                await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                    for (int viewer = 0; viewer < VIEWERS; viewer += 97) {
                        String userId = "viewer-" + viewer;
                        Map<String, Double> seconds = preferences(http, port, userId);
                        Map<String, Long> watched = expected.get(userId);
                        assertThat(seconds).containsOnlyKeys(watched.keySet());
                        watched.forEach((channel, ms) ->
                                assertThat(seconds.get(channel)).isCloseTo(ms / 1000.0, within(0.01)));
                    }
                });
            }
        }
    }

    /** Watch time per user and channel, by replaying each user's events through the shared viewing rules. */
    private static Map<String, Map<String, Long>> replayedWatchMs(List<ActivityEvent> events) {
        Map<String, List<ActivityEvent>> byUser = new HashMap<>();
        events.forEach(event -> byUser.computeIfAbsent(event.userId(), user -> new ArrayList<>()).add(event));
        Map<String, Map<String, Long>> watched = new HashMap<>();
        byUser.forEach((user, own) -> {
            WatchedMs ledger = new WatchedMs();
            ViewerState state = null;
            for (ActivityEvent event : own) {
                state = Viewing.step(state, ViewingEvent.of(event), 300_000, ledger);
            }
            Map<String, Long> nonZero = new HashMap<>(ledger.byChannel());
            nonZero.values().removeIf(ms -> ms == 0);
            watched.put(user, nonZero);
        });
        return watched;
    }

    private static Map<String, Long> channels(HttpClient http, int port) throws Exception {
        Map<String, Long> load = new HashMap<>();
        for (JsonNode channel : get(http, port, "/v1/stats/channels").path("channels")) {
            load.put(channel.path("channelId").asText(), channel.path("viewers").asLong());
        }
        return load;
    }

    private static Map<String, Double> preferences(HttpClient http, int port, String userId) throws Exception {
        Map<String, Double> seconds = new HashMap<>();
        for (JsonNode channel : get(http, port, "/v1/stats/users/" + userId + "/preferences").path("channels")) {
            seconds.put(channel.path("channelId").asText(), channel.path("seconds").asDouble());
        }
        return seconds;
    }

    private static JsonNode get(HttpClient http, int port, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
