package io.ottpulse.bench.stats;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventJson;
import io.ottpulse.activity.event.EventType;
import io.ottpulse.stats.EventSerde;
import io.ottpulse.stats.StatsConfig;
import io.ottpulse.stats.StatsTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The stats topology's cost per event, in a TopologyTestDriver (no broker): a channel switch or heartbeat of one of
 * {@code users} viewers already in state, through the aggregations chosen by {@code aggregations}, beside a baseline
 * topology that only reads and writes the same records. Scores are events per second on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class StatsTopologyBenchmark {

    private static final long START = 1_795_683_600_000L;

    /** {@code load}: channel load only; {@code load+preferences}; {@code all}: with channel windows and alerts. */
    @Param({"load", "load+preferences", "all"})
    public String aggregations;

    @Param({"10000", "1000000"})
    public int users;

    private Path stateDir;
    private TopologyTestDriver topology;
    private TopologyTestDriver passThrough;
    private TestInputTopic<String, byte[]> topologyInput;
    private TestInputTopic<String, byte[]> passThroughInput;
    private final SplittableRandom random = new SplittableRandom(1);
    private long time = START;
    private int eventCounter;

    @Setup(Level.Trial)
    public void startAndFill() throws IOException {
        stateDir = Files.createTempDirectory("stats-bench");
        boolean preferences = !aggregations.equals("load");
        boolean all = aggregations.equals("all");
        StatsConfig config = StatsConfig.parse("{\"preferences\":{\"enabled\":" + preferences + "},"
                + "\"channelStats\":{\"enabled\":" + all + "},\"alerts\":{\"enabled\":" + all + "}}");
        topology = driver(StatsTopology.build(config), "topology");
        passThrough = driver(passThroughTopology(config.inputTopic()), "pass-through");
        topologyInput = topology.createInputTopic(config.inputTopic(), new StringSerializer(), new ByteArraySerializer());
        passThroughInput = passThrough.createInputTopic(config.inputTopic(), new StringSerializer(),
                new ByteArraySerializer());
        for (int user = 0; user < users; user++) {
            pipe(topologyInput, user, EventType.CHANNEL_SWITCH);
        }
    }

    private TopologyTestDriver driver(Topology built, String name) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-" + name);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.resolve(name).toString());
        return new TopologyTestDriver(built, props);
    }

    private static Topology passThroughTopology(String inputTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(inputTopic, Consumed.with(Serdes.String(), EventSerde.serde()))
                .to("pass-through", Produced.with(Serdes.String(), EventSerde.serde()));
        return builder.build();
    }

    /** One viewer's next event: mostly heartbeats, a switch in four. */
    private void pipe(TestInputTopic<String, byte[]> input, int user, EventType type) {
        time += 1;
        String userId = "u-" + user;
        ActivityEvent event = new ActivityEvent("b-" + eventCounter++, userId, null, null, type,
                "ch-" + random.nextInt(200), time, null);
        input.pipeInput(userId, EventJson.write(event), time);
    }

    private EventType nextType() {
        return random.nextInt(4) == 0 ? EventType.CHANNEL_SWITCH : EventType.HEARTBEAT;
    }

    @Benchmark
    public void topology() {
        pipe(topologyInput, random.nextInt(users), nextType());
    }

    @Benchmark
    public void baselinePassThrough() {
        pipe(passThroughInput, random.nextInt(users), nextType());
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        topology.close();
        passThrough.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
