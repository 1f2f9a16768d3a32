package io.ottpulse.bench.ingest;

import io.ottpulse.bench.http.HttpTarget;
import io.ottpulse.bench.http.OpenLoadClient;
import io.ottpulse.bench.http.Wrk;
import io.ottpulse.testkit.ConnectCluster;
import io.ottpulse.testkit.ConnectorJson;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End to end through one ingest task on a real Connect worker and broker: events/s with batches of 100 and requests/s
 * with single events (wrk, saturating), beside a plain KafkaProducer sending the same events to the same broker in
 * the same run; then single events at a fixed rate from an open-model client, whose latency counts from each
 * request's due time (the p99 target is at 10,000 requests/s, not at saturation).
 * Run: {@code java -cp bench/target/bench.jar io.ottpulse.bench.ingest.IngestThroughput [seconds] [fixed rate]
 * [connector.key=value ...]} from the project's root; the key=value pairs override connectors/http-source.json.
 */
public final class IngestThroughput {

    private static final String TOPIC = "ott.activity";
    private static final String TOKEN = "bench-token";
    private static final Map<String, String> HEADERS = Map.of("X-Gateway-Token", TOKEN);

    private IngestThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int fixedRate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        Map<String, String> connectorOverrides = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] keyValue = args[i].split("=", 2);
            connectorOverrides.put(keyValue[0], keyValue[1]);
        }
        try (ConnectCluster connect = ConnectCluster.start(1)) {
            connect.connect().kafka().createTopic(TOPIC, 6);
            connect.connect().kafka().createTopic("ott.activity.rejected", 1);
            int port = freePort();
            ConnectorJson source = ConnectorJson.load("http-source.json").with(Map.of(
                    "listener.port", Integer.toString(port), "eureka.service.urls", "", "gateway.token", TOKEN))
                    .with(connectorOverrides);
            connect.connect().configureConnector(source.name(), source.config());
            connect.connect().assertions().assertConnectorAndExactlyNumTasksAreRunning(source.name(), 1, "not running");
            String url = "http://localhost:" + port + "/v1/events";

            HttpTarget batch = HttpTarget.post(url, SampleEvents.batch(100), HEADERS);
            HttpTarget single = HttpTarget.post(url, SampleEvents.batch(1), HEADERS);

            Wrk.run(batch, 1, 16, 5);
            double producerRate = rawProducerEventsPerSecond(connect.bootstrapServers(), seconds);
            Wrk.Result batched = Wrk.run(batch, 1, 16, seconds);
            Wrk.Result singleMax = Wrk.run(single, 1, 64, seconds);
            OpenLoadClient client = new OpenLoadClient(256);
            // The client's own code is not compiled yet and it has no connections: warm it up unmeasured.
            client.run(single, fixedRate, 5);
            OpenLoadClient.Result singleFixed = client.run(single, fixedRate, seconds);

            System.out.printf("raw KafkaProducer      %,.0f events/s%n", producerRate);
            System.out.printf("batches of 100         %s = %,.0f events/s (%.0f%% of the raw producer)%n", batched,
                    batched.requestsPerSecond() * 100, 100 * batched.requestsPerSecond() * 100 / producerRate);
            System.out.printf("single-event requests  %s (wrk, 64 connections, saturating)%n", singleMax);
            Histogram latency = singleFixed.latencyMicros();
            System.out.printf("single events at a fixed %,d/s (open model)  %,.0f req/s, p50 %.2f ms, p99 %.2f ms, "
                    + "p99.9 %.2f ms, errors %d%n", fixedRate, singleFixed.achievedPerSecond(),
                    latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                    latency.getValueAtPercentile(99.9) / 1000.0, singleFixed.errors());
        }
    }

    /** Sends ~250-byte events keyed by user as fast as the producer takes them, for the given time. */
    private static double rawProducerEventsPerSecond(String bootstrapServers, int seconds) throws InterruptedException {
        byte[][] values = new byte[1000][];
        for (int i = 0; i < values.length; i++) {
            values[i] = SampleEvents.event(i).getBytes(StandardCharsets.UTF_8);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long start = System.nanoTime();
            long sent = 0;
            AtomicReference<Exception> failure = new AtomicReference<>();
            while (System.nanoTime() < end) {
                int n = (int) (sent % values.length);
                producer.send(new ProducerRecord<>(TOPIC, "u-" + n, values[n]), (metadata, e) -> {
                    if (e != null) {
                        failure.set(e);
                    }
                });
                sent++;
            }
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("the baseline producer failed", failure.get());
            }
            return sent / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
