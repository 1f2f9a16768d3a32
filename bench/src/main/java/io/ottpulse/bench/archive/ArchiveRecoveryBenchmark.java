package io.ottpulse.bench.archive;

import io.ottpulse.archive.HdfsSinkTask;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
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
 * Time for a task to take a partition over ({@code open}: lease check, read the commit log, complete a decided commit,
 * start the next log generation, clean the temp directory; then {@code close}) when the partition already has 10 or
 * 10,000 committed files, beside the baseline of finding the last committed offset the way the reference design falls
 * back to: a recursive listing of the topic's files, parsing offsets from their names.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ArchiveRecoveryBenchmark {

    private static final TopicPartition TP = new TopicPartition("ott.activity", 0);
    private static final String TOPIC_DIR = "/bench/" + TP.topic();

    @Param({"10", "10000"})
    public int existingFiles;

    private MiniHdfs hdfs;
    private HdfsSinkTask task;
    private BenchTaskContext context;

    @Setup(Level.Trial)
    public void start() throws Exception {
        hdfs = new MiniHdfs();
        Map<String, String> config = new HashMap<>(Map.of(
                "store.url", hdfs.uri(),
                "topics.dir", "/bench",
                "format", "jsonl",
                "partitioner", "partition",
                "flush.size", "10"));
        context = new BenchTaskContext(config, Set.of(TP));
        task = new HdfsSinkTask();
        task.initialize(context);
        task.start(config);
        task.open(List.of(TP));
        int before = existingFiles - 1;
        createCommittedLookalikes(before);
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long offset = before * 10L + i;
            records.add(new SinkRecord(TP.topic(), TP.partition(), null, null, null, "{\"n\":" + offset + "}", offset));
        }
        task.put(records);
        task.close(List.of(TP));
        long files = hdfs.fileSystem().getContentSummary(new Path(TOPIC_DIR)).getFileCount();
        if (files != existingFiles) {
            throw new IllegalStateException("expected " + existingFiles + " committed files, found " + files);
        }
    }

    /** Files named as the sink names them, 10 offsets each, in the partition's directory (their content is not read). */
    private void createCommittedLookalikes(int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Path file = new Path(String.format("%s/partition=0/%s+0+%010d+%010d.jsonl", TOPIC_DIR, TP.topic(),
                    i * 10L, i * 10L + 9));
            created.add(pool.submit(() -> {
                hdfs.fileSystem().create(file, false).close();
                return null;
            }));
        }
        for (Future<?> future : created) {
            future.get();
        }
        pool.shutdown();
    }

    @Benchmark
    public Long takeOver() {
        task.open(List.of(TP));
        task.close(List.of(TP));
        return context.rewinds().get(TP);
    }

    @Benchmark
    public long baselineRecursiveListing() throws IOException {
        long max = -1;
        RemoteIterator<LocatedFileStatus> files = hdfs.fileSystem().listFiles(new Path(TOPIC_DIR), true);
        while (files.hasNext()) {
            String[] parts = files.next().getPath().getName().split("\\+");
            max = Math.max(max, Long.parseLong(parts[3].substring(0, parts[3].indexOf('.'))));
        }
        return max;
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        Long resumed = context.rewinds().get(TP);
        if (resumed != null && resumed != existingFiles * 10L) {
            throw new IllegalStateException("recovery resumed at " + resumed + ", expected " + existingFiles * 10L);
        }
        task.stop();
        hdfs.close();
    }
}
