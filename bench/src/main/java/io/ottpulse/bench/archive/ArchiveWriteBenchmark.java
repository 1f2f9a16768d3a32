package io.ottpulse.bench.archive;

import io.ottpulse.archive.HdfsSinkTask;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Records per second one HDFS sink task archives into a MiniDFSCluster, with the shipped layout (event-hour
 * directories), one committed file of 50,000 records per invocation (write, hsync, commit log, rename), beside the
 * baseline of writing the same event bytes as lines with the plain Hadoop FileSystem API (create, buffered write,
 * hsync, close) in the same run. Values are ~300-byte activity events as StringConverter gives them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 10)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ArchiveWriteBenchmark {

    private static final int RECORDS_PER_FILE = 50_000;
    /** Connect's default max.poll.records. */
    private static final int BATCH = 500;
    private static final TopicPartition TP = new TopicPartition("ott.activity", 0);

    @Param({"parquet", "parquet-zstd", "jsonl", "jsonl-gzip"})
    public String format;

    private MiniHdfs hdfs;
    private HdfsSinkTask task;
    private List<String> events;
    private long nextOffset;
    private int baselineFiles;

    @Setup(Level.Trial)
    public void start() throws IOException {
        hdfs = new MiniHdfs();
        events = ActivityEvents.generate(RECORDS_PER_FILE);
        Map<String, String> config = new HashMap<>(Map.of(
                "store.url", hdfs.uri(),
                "topics.dir", "/bench",
                "partitioner", "time",
                "timestamp.source", "event",
                "flush.size", Integer.toString(RECORDS_PER_FILE),
                "rotate.wallclock.ms", Long.toString(TimeUnit.HOURS.toMillis(1))));
        config.putAll(formatSettings(format));
        task = new HdfsSinkTask();
        task.initialize(new BenchTaskContext(config, Set.of(TP)));
        task.start(config);
        task.open(List.of(TP));
    }

    private static Map<String, String> formatSettings(String format) {
        switch (format) {
            case "parquet":
                return Map.of("format", "parquet", "parquet.codec", "snappy");
            case "parquet-zstd":
                return Map.of("format", "parquet", "parquet.codec", "zstd");
            case "jsonl":
                return Map.of("format", "jsonl", "jsonl.codec", "none");
            case "jsonl-gzip":
                return Map.of("format", "jsonl", "jsonl.codec", "gzip");
            default:
                throw new IllegalArgumentException("unknown format " + format);
        }
    }

    /** One committed file: 100 puts of 500 records, the last of which commits. */
    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_FILE)
    public void sinkTask() {
        List<SinkRecord> batch = new ArrayList<>(BATCH);
        for (String event : events) {
            batch.add(new SinkRecord(TP.topic(), TP.partition(), null, null, null, event, nextOffset++,
                    System.currentTimeMillis(), TimestampType.CREATE_TIME));
            if (batch.size() == BATCH) {
                task.put(batch);
                batch = new ArrayList<>(BATCH);
            }
        }
    }

    /** The same bytes, one event per line, into one file with the plain FileSystem API. */
    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_FILE)
    public void baselinePlainFileSystem() throws IOException {
        FSDataOutputStream file = hdfs.fileSystem().create(new Path("/baseline/" + format + "/" + baselineFiles++),
                false);
        OutputStream out = new BufferedOutputStream(file, 64 * 1024);
        for (String event : events) {
            out.write(event.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        out.flush();
        file.hsync();
        file.close();
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        Path archive = new Path("/bench/" + TP.topic());
        if (hdfs.fileSystem().exists(archive)) {
            ContentSummary archived = hdfs.fileSystem().getContentSummary(archive);
            System.out.printf("%n%s: %.0f bytes of JSON per event, %.1f bytes per event in the committed files "
                    + "(%d files)%n", format, ActivityEvents.averageBytes(events),
                    (double) archived.getLength() / Math.max(1, nextOffset - nextOffset % RECORDS_PER_FILE),
                    archived.getFileCount());
        }
        task.stop();
        hdfs.close();
    }
}
