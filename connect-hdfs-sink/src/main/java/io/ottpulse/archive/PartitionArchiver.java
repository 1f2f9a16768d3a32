package io.ottpulse.archive;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives one topic-partition: records go into a temporary file, which is committed (hsync, rename, marker) when it
 * holds {@code flush.size} records or has been open for {@code rotate.interval.ms}. Records at or below the committed
 * offset are skipped, so a redelivery after a crash or rebalance never writes a record twice.
 */
final class PartitionArchiver {

    private static final Logger log = LoggerFactory.getLogger(PartitionArchiver.class);
    private static final String PARTITION_PATH_PREFIX = "partition=";

    private final TopicPartition tp;
    private final FileSystem fs;
    private final ArchiveLayout layout;
    private final CommitLog commitLog;
    private final int flushSize;
    private final long rotateIntervalMs;

    private long committedOffset = CommitLog.NONE;
    private RecordWriter writer;
    private Path tempFile;
    private long firstOffset;
    private long lastOffset;
    private int records;
    private long openedAtMs;

    PartitionArchiver(TopicPartition tp, FileSystem fs, ArchiveLayout layout, int flushSize, long rotateIntervalMs) {
        this.tp = tp;
        this.fs = fs;
        this.layout = layout;
        this.commitLog = new CommitLog(fs, layout.stateDir(tp));
        this.flushSize = flushSize;
        this.rotateIntervalMs = rotateIntervalMs;
    }

    /**
     * Brings the partition to the state HDFS holds: finishes or discards what a crash left behind, and returns the
     * last committed offset ({@link CommitLog#NONE} when nothing was ever committed).
     */
    long recover() throws IOException {
        committedOffset = commitLog.recover();
        Path tempDir = layout.tempDir(tp);
        if (fs.exists(tempDir)) {
            fs.delete(tempDir, true);
        }
        return committedOffset;
    }

    long committedOffset() {
        return committedOffset;
    }

    void write(SinkRecord record, long nowMs) throws IOException {
        if (record.kafkaOffset() <= committedOffset || (writer != null && record.kafkaOffset() <= lastOffset)) {
            return;
        }
        if (writer == null) {
            open(record.kafkaOffset(), nowMs);
        }
        writer.write(record);
        lastOffset = record.kafkaOffset();
        records++;
        if (records >= flushSize) {
            commit();
        }
    }

    /** Commits the open file if it has been open for the rotation interval. */
    void commitIfDue(long nowMs) throws IOException {
        if (writer != null && nowMs - openedAtMs >= rotateIntervalMs) {
            commit();
        }
    }

    private void open(long offset, long nowMs) throws IOException {
        tempFile = layout.newTempFile(tp, JsonLinesWriter.EXTENSION);
        writer = new JsonLinesWriter(fs.create(tempFile, false));
        firstOffset = offset;
        records = 0;
        openedAtMs = nowMs;
    }

    void commit() throws IOException {
        if (writer == null) {
            return;
        }
        writer.commitAndClose();
        writer = null;
        Path target = layout.committedFile(tp, PARTITION_PATH_PREFIX + tp.partition(), firstOffset, lastOffset,
                JsonLinesWriter.EXTENSION);
        commitLog.commit(lastOffset, List.of(new FileMove(tempFile, target)));
        committedOffset = lastOffset;
        log.debug("Committed {} records of {} to {}", records, tp, target);
    }

    /** Drops the open file: its records were not committed and will be read again from Kafka. */
    void abort() {
        if (writer != null) {
            writer.abort();
            writer = null;
            try {
                fs.delete(tempFile, false);
            } catch (IOException e) {
                log.warn("Could not delete {}; it is removed at the next recovery of {}", tempFile, tp);
            }
        }
    }
}
