package io.ottpulse.bench.ingest;

import io.ottpulse.bench.http.HttpTarget;
import io.ottpulse.bench.http.OpenLoadClient;
import io.ottpulse.bench.http.Wrk;
import io.ottpulse.testkit.ConnectorJson;
import io.ottpulse.testkit.FreePorts;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End to end through one ingest task, with the broker and the Connect worker each in a JVM of its own as deployed
 * ({@link IngestStack}) and the load in this one: events/s with batches of 100 and requests/s with single events
 * (wrk, saturating), beside a plain KafkaProducer sending the same events to the same broker in the same run; then
 * single events at a fixed rate from an open-model client, whose latency counts from each request's due time (the
 * issue's p99 target is at 10,000 requests/s, not at saturation). For that phase it reports each JVM's CPU and
 * stop-the-world pauses (from their GC and safepoint logs) and how many of the slow requests were in flight during a
 * pause of which JVM, so the tail can be traced to where it comes from.
 * Run: {@code java -cp bench/target/bench.jar io.ottpulse.bench.ingest.IngestThroughput [seconds] [fixed rate]
 * [connector.key=value ...]} from the project's root; the key=value pairs override connectors/http-source.json.
 * {@code -Dingest.worker.jvm="..."} replaces the worker's heap and collector options (default: as deployed, see
 * {@link #DEPLOYED_WORKER_JVM}).
 */
public final class IngestThroughput {

    /**
     * The worker JVM as {@code compose.yml} runs it: its heap, the collector settings of Kafka's scripts, and the heap
     * in transparent huge pages.
     */
    static final List<String> DEPLOYED_WORKER_JVM = Stream.of(IngestStack.DEPLOYED_WORKER_HEAP,
            IngestStack.KAFKA_SCRIPTS_GC, IngestStack.HUGE_PAGES).flatMap(List::stream).toList();

    private static final String TOPIC = "ott.activity";
    private static final String TOKEN = "bench-token";
    private static final Map<String, String> HEADERS = Map.of("X-Gateway-Token", TOKEN);
    /** Events per request in the batch phase. */
    private static final int EVENTS_PER_BATCH = 100;

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
        String workerJvmProperty = System.getProperty("ingest.worker.jvm");
        List<String> workerJvm = workerJvmProperty == null ? DEPLOYED_WORKER_JVM
                : List.of(workerJvmProperty.trim().split("\\s+"));
        Path dir = Files.createTempDirectory("ingest-throughput");
        System.out.printf("worker JVM %s; logs and pause logs in %s; load average %.2f%n", workerJvm, dir,
                loadAverage());
        ObservedJvm clientJvm = ObservedJvm.self("client", dir.resolve("client-pauses.log"));
        try (IngestStack stack = IngestStack.start(dir, Map.of(TOPIC, 6, "ott.activity.rejected", 1), workerJvm)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(stack), "stop-child-jvms"));
            int port = FreePorts.pick();
            ConnectorJson source = ConnectorJson.load("http-source.json").with(Map.of(
                    "listener.port", Integer.toString(port), "eureka.service.urls", "", "gateway.token", TOKEN))
                    .with(connectorOverrides);
            stack.deploy(source, port);
            String url = "http://localhost:" + port + "/v1/events";

            HttpTarget batch = HttpTarget.post(url, SampleEvents.batch(EVENTS_PER_BATCH), HEADERS);
            HttpTarget single = HttpTarget.post(url, SampleEvents.batch(1), HEADERS);

            Wrk.run(batch, 1, 16, 5);
            double producerRate = rawProducerEventsPerSecond(stack.bootstrapServers(), seconds);
            Duration workerCpuBefore = stack.worker().cpu();
            Duration brokerCpuBefore = stack.broker().cpu();
            Wrk.Result batched = Wrk.run(batch, 1, 16, seconds);
            double batchedEventsPerSecond = batched.requestsPerSecond() * EVENTS_PER_BATCH;
            double batchedEvents = batchedEventsPerSecond * seconds;
            double workerMicrosPerEvent = microsPerEvent(stack.worker(), workerCpuBefore, batchedEvents);
            double brokerMicrosPerEvent = microsPerEvent(stack.broker(), brokerCpuBefore, batchedEvents);
            Wrk.Result singleMax = Wrk.run(single, 1, 64, seconds);
            FixedRatePhase.Result singleFixed;
            try (OpenLoadClient client = new OpenLoadClient(256)) {
                // The client's own code is not compiled yet and it has no connections: warm it up unmeasured.
                client.run(single, fixedRate, 5);
                singleFixed = new FixedRatePhase(client, List.of(stack.worker(), stack.broker(), clientJvm))
                        .run(single, fixedRate, seconds);
            }

            System.out.printf("raw KafkaProducer      %,.0f events/s%n", producerRate);
            System.out.printf("batches of 100         %s = %,.0f events/s (%.0f%% of the raw producer)%n", batched,
                    batchedEventsPerSecond, 100 * batchedEventsPerSecond / producerRate);
            System.out.printf("  CPU per batched event: worker %.2f µs, broker %.2f µs%n", workerMicrosPerEvent,
                    brokerMicrosPerEvent);
            System.out.printf("single-event requests  %s (wrk, 64 connections, saturating)%n", singleMax);
            singleFixed.print(System.out);
        }
    }

    /** The JVM's CPU since {@code cpuBefore}, per event: steadier than the rate while other JVMs come and go. */
    private static double microsPerEvent(ObservedJvm jvm, Duration cpuBefore, double events) {
        return jvm.cpu().minus(cpuBefore).toNanos() / 1e3 / events;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void closeQuietly(IngestStack stack) {
        try {
            stack.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
}
