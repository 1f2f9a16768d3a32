package io.ottpulse.launcher;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Compares the HDFS archive with the topic. The sink's committed files are named
 * {@code <topic>+<partition>+<first offset>+<last offset>.parquet} (see connect-hdfs-sink's README); for each partition
 * the archive must hold every record of the topic up to the highest offset it committed, each exactly once.
 */
final class ArchiveAudit {

    /**
     * @param committedUpTo per partition, the highest offset a committed file names
     * @param missing topic records up to that offset that no file holds
     * @param unexpected archived rows beyond the topic's: duplicates, or events the topic does not hold
     */
    record Result(int files, long archivedRows, long missing, long unexpected, Map<Integer, Long> committedUpTo) {

        boolean exact() {
            return missing == 0 && unexpected == 0;
        }

        /** True when every partition is committed up to at least the given offsets. */
        boolean covers(Map<Integer, Long> offsets) {
            return offsets.entrySet().stream()
                    .allMatch(last -> committedUpTo.getOrDefault(last.getKey(), -1L) >= last.getValue());
        }
    }

    private final String hdfsUrl;
    private final String topic;
    private final Pattern fileName;

    ArchiveAudit(String hdfsUrl, String topic) {
        this.hdfsUrl = hdfsUrl;
        this.topic = topic;
        this.fileName = Pattern.compile(Pattern.quote(topic) + "\\+(\\d+)\\+(\\d+)\\+(\\d+)\\.parquet");
    }

    /** How many files the sink has committed so far (a listing only, no file read). */
    int committedFiles() throws IOException {
        int files = 0;
        try (FileSystem fs = FileSystem.newInstance(URI.create(hdfsUrl), new Configuration())) {
            Path dir = new Path("/topics/" + topic);
            RemoteIterator<LocatedFileStatus> listing = fs.exists(dir) ? fs.listFiles(dir, true) : null;
            while (listing != null && listing.hasNext()) {
                files += fileName.matcher(listing.next().getPath().getName()).matches() ? 1 : 0;
            }
        }
        return files;
    }

    /** Reads the archive, then the topic (which holds at least what the archive took from it), and compares. */
    Result audit(String bootstrap) throws IOException {
        Map<Integer, Map<String, Integer>> archived = new TreeMap<>();
        Map<Integer, Long> committedUpTo = new TreeMap<>();
        int files = 0;
        long rows = 0;
        Configuration conf = new Configuration();
        try (FileSystem fs = FileSystem.newInstance(URI.create(hdfsUrl), conf)) {
            Path dir = new Path("/topics/" + topic);
            RemoteIterator<LocatedFileStatus> listing = fs.exists(dir) ? fs.listFiles(dir, true) : null;
            while (listing != null && listing.hasNext()) {
                Path file = listing.next().getPath();
                Matcher name = fileName.matcher(file.getName());
                if (!name.matches()) {
                    continue;
                }
                int partition = Integer.parseInt(name.group(1));
                committedUpTo.merge(partition, Long.parseLong(name.group(3)), Math::max);
                Map<String, Integer> ids = archived.computeIfAbsent(partition, p -> new HashMap<>());
                files++;
                try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                        HadoopInputFile.fromPath(file, conf)).withConf(conf).build()) {
                    for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                        ids.merge(row.get("eventId").toString(), 1, Integer::sum);
                        rows++;
                    }
                }
            }
        }
        TopicSnapshot inTopic = TopicSnapshot.read(bootstrap, topic);
        long missing = 0;
        for (Map.Entry<Integer, List<TopicSnapshot.Entry>> partition : inTopic.partitions().entrySet()) {
            long upTo = committedUpTo.getOrDefault(partition.getKey(), -1L);
            Map<String, Integer> ids = archived.getOrDefault(partition.getKey(), new HashMap<>());
            for (TopicSnapshot.Entry entry : partition.getValue()) {
                if (entry.offset() <= upTo && ids.merge(entry.eventId(), -1, Integer::sum) < 0) {
                    missing++;
                }
            }
        }
        long unexpected = archived.values().stream().flatMap(ids -> ids.values().stream())
                .mapToLong(count -> Math.max(0, count)).sum();
        return new Result(files, rows, missing, unexpected, committedUpTo);
    }
}
