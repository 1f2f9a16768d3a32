package io.ottpulse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ottpulse.testkit.ProjectPaths;
import io.ottpulse.testkit.TopicReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main command, {@code ./ottpulse up --simulate N}, run as a user would (on free ports), and an event
 * batch followed through every real component: gateway, ingest connector, Kafka, stats, HDFS archive. Then
 * {@code ./ottpulse down} must leave no process and no port behind.
 */
class EndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL_LINE = Pattern.compile("^\\s+(gateway|kafka|hdfs)\\s+(\\w+://\\S+|localhost:\\d+)");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    @RegisterExtension
    static final ChildLogsOnFailure CHILD_LOGS = new ChildLogsOnFailure(() -> dataDir.resolve("logs"));

    private static Process up;
    private static final List<String> output = new ArrayList<>();
    private static final Map<String, String> urls = new HashMap<>();
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void up() throws Exception {
        up = new ProcessBuilder(script().toString(), "up", "--simulate", "500", "--free-ports",
                "--data-dir", dataDir.toString())
                .redirectErrorStream(true)
                .start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(up.getInputStream(), StandardCharsets.UTF_8));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        for (String line = lines.readLine(); line != null && Instant.now().isBefore(deadline); line = lines.readLine()) {
            output.add(line);
            Matcher url = URL_LINE.matcher(line);
            if (url.find()) {
                urls.put(url.group(1), url.group(2));
            }
            if (line.startsWith("Ctrl-C or ./ottpulse down")) {
                break;
            }
        }
        assertThat(urls).as("the start-up output:\n%s", String.join("\n", output)).containsKeys("gateway", "kafka", "hdfs");
        Thread drain = new Thread(() -> lines.lines().forEach(output::add), "up-output");
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void down() throws Exception {
        List<ProcessHandle> components = up.descendants().toList();
        Process down = new ProcessBuilder(script().toString(), "down", "--data-dir", dataDir.toString())
                .redirectErrorStream(true).start();
        String said = new String(down.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(down.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(up.waitFor(1, TimeUnit.MINUTES)).as("launcher exited after down: %s", said).isTrue();
        assertThat(components).as("broker, hdfs, registry, connect, stats, gateway, loadgen").hasSize(7);
        assertThat(components).noneMatch(ProcessHandle::isAlive);
        for (String url : urls.values()) {
            int port = Integer.parseInt(url.replaceAll(".*:(\\d+).*", "$1"));
            try (var socket = new java.net.ServerSocket(port)) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    private static Path script() {
        return ProjectPaths.home().resolve("ottpulse");
    }

    private static String event(int n, String user, String channel) {
        return "{\"eventId\":\"e2e-" + n + "\",\"userId\":\"" + user + "\",\"type\":\"channel_switch\","
                + "\"channelId\":\"" + channel + "\",\"timestamp\":" + System.currentTimeMillis() + "}";
    }

    @Test
    void aBatchTravelsThroughEveryComponent() throws Exception {
        List<String> events = new ArrayList<>();
        Map<String, Long> expected = Map.of("e2e-news", 3L, "e2e-sport", 2L, "e2e-kids", 1L);
        String[][] switches = {{"e2e-u1", "e2e-news"}, {"e2e-u2", "e2e-news"}, {"e2e-u3", "e2e-sport"},
                {"e2e-u4", "e2e-kids"}, {"e2e-u5", "e2e-sport"}, {"e2e-u6", "e2e-news"}};
        for (int i = 0; i < switches.length; i++) {
            events.add(event(i, switches[i][0], switches[i][1]));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(urls.get("gateway") + "/v1/events"))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", Stack.DEV_API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", events) + "]")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);

        List<ConsumerRecord<String, String>> inKafka = new TopicReader(urls.get("kafka"))
                .readAll(Stack.ACTIVITY_TOPIC, Duration.ofSeconds(30)).stream()
                .filter(r -> r.value().contains("\"e2e-")).toList();
        assertThat(inKafka).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("e2e-u1", "e2e-u2", "e2e-u3", "e2e-u4", "e2e-u5", "e2e-u6");

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(e2eChannelLoad()).isEqualTo(expected));

        // The shipped sink writes Parquet by event hour and commits an idle file after a minute of wall clock.
        Map<String, JsonNode> sent = new HashMap<>();
        for (ConsumerRecord<String, String> record : inKafka) {
            JsonNode value = JSON.readTree(record.value());
            sent.put(value.path("eventId").asText(), value);
        }
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(5)).untilAsserted(() -> {
            List<GenericRecord> archived = archivedRows().stream()
                    .filter(row -> row.get("eventId").toString().startsWith("e2e-")).toList();
            assertThat(archived).extracting(row -> row.get("eventId").toString())
                    .containsExactlyInAnyOrderElementsOf(sent.keySet());
            assertThat(archived).allSatisfy(row -> {
                JsonNode event = sent.get(row.get("eventId").toString());
                assertThat(row.get("userId").toString()).isEqualTo(event.path("userId").asText());
                assertThat(row.get("channelId").toString()).isEqualTo(event.path("channelId").asText());
                assertThat((Long) row.get("timestamp")).isEqualTo(event.path("timestamp").asLong());
            });
        });
    }

    @Test
    void theDashboardIsServedThroughTheGateway() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(urls.get("gateway") + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<title>OTT Pulse · live</title>");
    }

    @Test
    void theSimulatedAudienceGivesLiveChangingCounts() {
        long[] first = new long[1];
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
            first[0] = simulatedViewers().hashCode();
            return simulatedViewers().values().stream().mapToLong(Long::longValue).sum() > 0;
        });
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> simulatedViewers().hashCode() != first[0]);
    }

    private static Map<String, Long> channelLoad() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(urls.get("gateway") + "/v1/stats/channels")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Long> load = new HashMap<>();
        for (JsonNode channel : JSON.readTree(response.body()).path("channels")) {
            load.put(channel.path("channelId").asText(), channel.path("viewers").asLong());
        }
        return load;
    }

    private static Map<String, Long> e2eChannelLoad() throws Exception {
        Map<String, Long> load = channelLoad();
        load.keySet().removeIf(channel -> !channel.startsWith("e2e-"));
        return load;
    }

    private static Map<String, Long> simulatedViewers() throws Exception {
        Map<String, Long> load = channelLoad();
        load.keySet().removeIf(channel -> channel.startsWith("e2e-"));
        return load;
    }

    private static List<GenericRecord> archivedRows() throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        Configuration conf = new Configuration();
        try (FileSystem fs = FileSystem.newInstance(URI.create(urls.get("hdfs")), conf)) {
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path("/topics/" + Stack.ACTIVITY_TOPIC);
            if (!fs.exists(dir)) {
                return rows;
            }
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
            while (files.hasNext()) {
                HadoopInputFile file = HadoopInputFile.fromPath(files.next().getPath(), conf);
                try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(file)
                        .withConf(conf).build()) {
                    for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }
}
