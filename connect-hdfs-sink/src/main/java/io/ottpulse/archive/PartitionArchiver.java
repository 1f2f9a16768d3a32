package io.ottpulse.archive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives one topic-partition: records go into one temp file per directory the partitioner chooses; all of them are
 * committed together, as one atomic step of the partition's {@link CommitLog}, when they hold {@code flush.size}
 * records, span {@code rotate.interval.ms} of record time, have been open {@code rotate.wallclock.ms}, or the task
 * needs room under {@code max.open.files}. Records at or below the committed offset are skipped, so a redelivery after
 * a crash or a rebalance never writes a record twice.
 */
final class PartitionArchiver {

    private static final Logger log = LoggerFactory.getLogger(PartitionArchiver.class);

    /** What the task lends every archiver. */
    record Settings(FileSystem fs, ArchiveLayout layout, RecordFormat format, Partitioner partitioner,
            RecordTime rotationTime, int flushSize, long rotateIntervalMs, long rotateWallclockMs) {
    }

    /** Makes room for one more open file, possibly by committing another partition (or this one). */
    interface FileSlots {
        void reserve(PartitionArchiver requester) throws IOException;
    }

    private final TopicPartition tp;
    private final Settings settings;
    private final FileSlots slots;
    private final ErrantRecordReporter reporter;
    private final CommitLog commitLog;
    private final Map<String, OpenFile> files = new LinkedHashMap<>();
    private final List<Future<Void>> reported = new ArrayList<>();

    private long committed = CommitLog.NONE;
    /** The first offset given to this archiver: where to rewind to when nothing was ever committed. */
    private long firstSeen = CommitLog.NONE;
    /** The last offset taken care of since the last commit: written, or skipped as a tombstone or errant record. */
    private long pendingLast = CommitLog.NONE;
    private int pendingRecords;
    private long openedAtMs;
    private long firstRecordTimeMs;
    private long lastWriteMs;

    PartitionArchiver(TopicPartition tp, Settings settings, FileSlots slots, ErrantRecordReporter reporter) {
        this.tp = tp;
        this.settings = settings;
        this.slots = slots;
        this.reporter = reporter;
        this.commitLog = new CommitLog(settings.fs(), settings.layout().stateDir(tp));
    }

    TopicPartition topicPartition() {
        return tp;
    }

    /**
     * Brings the partition to the state HDFS holds: takes its commit log over (fencing any earlier writer, completing a
     * decided commit), discards files a crash left unfinished, and returns the last committed offset
     * ({@link CommitLog#NONE} when nothing was ever committed).
     */
    long recover() throws IOException {
        discardFiles();
        commitLog.close();
        committed = commitLog.open();
        pendingLast = committed;
        Path tempDir = settings.layout().tempDir(tp);
        if (settings.fs().exists(tempDir)) {
            settings.fs().delete(tempDir, true);
        }
        return committed;
    }

    long committedOffset() {
        return committed;
    }

    /** Where Kafka must deliver from to give again every record not yet committed, or NONE if not known. */
    long rewindOffset() {
        return committed != CommitLog.NONE ? committed + 1 : firstSeen;
    }

    int openFiles() {
        return files.size();
    }

    long lastWriteMs() {
        return lastWriteMs;
    }

    void write(SinkRecord record, long nowMs) throws IOException {
        long offset = record.kafkaOffset();
        if (offset <= committed || offset <= pendingLast) {
            return;
        }
        if (firstSeen == CommitLog.NONE) {
            firstSeen = offset;
        }
        if (record.value() == null) {
            pendingLast = offset;
            return;
        }
        String directory;
        long recordTimeMs;
        try {
            directory = settings.partitioner().directory(record);
            recordTimeMs = settings.rotateIntervalMs() > 0 ? settings.rotationTime().millisOf(record) : 0;
        } catch (DataException e) {
            reportErrant(record, e);
            return;
        }
        if (pendingRecords > 0 && settings.rotateIntervalMs() > 0
                && recordTimeMs - firstRecordTimeMs >= settings.rotateIntervalMs()) {
            commit();
        }
        OpenFile file = files.get(directory);
        if (file != null && !file.writer().accepts(record)) {
            commit();
            file = null;
        }
        if (file == null) {
            file = open(directory, record, nowMs);
        }
        try {
            file.writer().write(record);
        } catch (DataException e) {
            reportErrant(record, e);
            return;
        }
        file.add(offset);
        if (pendingRecords++ == 0) {
            firstRecordTimeMs = recordTimeMs;
        }
        pendingLast = offset;
        lastWriteMs = nowMs;
        if (pendingRecords >= settings.flushSize()) {
            commit();
        }
    }

    private OpenFile open(String directory, SinkRecord first, long nowMs) throws IOException {
        slots.reserve(this);
        if (files.isEmpty()) {
            openedAtMs = nowMs;
        }
        Path temp = settings.layout().newTempFile(tp, settings.format().extension());
        OpenFile file = new OpenFile(directory, temp, settings.format().open(settings.fs(), temp, first));
        files.put(directory, file);
        return file;
    }

    /** Commits the open files if they have been open for the wall-clock rotation interval. */
    void commitIfDue(long nowMs) throws IOException {
        if (!files.isEmpty() && nowMs - openedAtMs >= settings.rotateWallclockMs()) {
            commit();
        }
    }

    /** Makes the open files durable and commits them, with every record up to the last one taken care of. */
    void commit() throws IOException {
        if (files.isEmpty()) {
            return;
        }
        List<FileMove> moves = new ArrayList<>(files.size());
        for (OpenFile file : files.values()) {
            file.writer().commit();
            if (file.first() == CommitLog.NONE) {
                // Its only record went to the dead-letter queue: nothing to keep.
                settings.fs().delete(file.temp(), false);
                continue;
            }
            moves.add(new FileMove(file.temp(), settings.layout().committedFile(tp, file.directory(), file.first(),
                    file.last(), settings.format().extension())));
        }
        files.clear();
        awaitReported();
        commitLog.commit(pendingLast, moves);
        committed = pendingLast;
        pendingRecords = 0;
        log.debug("Committed {} up to offset {} in {} file(s)", tp, committed, moves.size());
    }

    /** Drops the open files: their records were not committed and will be read again from Kafka. */
    void discardFiles() {
        for (OpenFile file : files.values()) {
            file.writer().abort();
            try {
                settings.fs().delete(file.temp(), false);
            } catch (IOException e) {
                log.warn("Could not delete {}; it is removed at the next recovery of {}", file.temp(), tp);
            }
        }
        files.clear();
        pendingRecords = 0;
        pendingLast = committed;
        reported.clear();
    }

    /** Drops the open files and stops writing the commit log, leaving the partition to its next owner. */
    void close() {
        discardFiles();
        commitLog.close();
    }

    /**
     * Hands a record the format or partitioner cannot take to the dead-letter queue, or fails the task when none is
     * configured: a record is never dropped silently.
     */
    private void reportErrant(SinkRecord record, DataException error) {
        DataException described = new DataException("cannot archive " + tp + " offset " + record.kafkaOffset()
                + ": " + error.getMessage(), error);
        if (reporter == null) {
            throw described;
        }
        reported.add(reporter.report(record, described));
        pendingLast = record.kafkaOffset();
    }

    /** A commit covers reported records too, so they must be in the dead-letter queue first. */
    private void awaitReported() throws IOException {
        try {
            for (Future<Void> future : reported) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new ConnectException("reporting an errant record of " + tp + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reporting errant records of " + tp);
        }
        reported.clear();
    }

    /** A temp file being written and the offsets of the records in it. */
    private static final class OpenFile {

        private final String directory;
        private final Path temp;
        private final RecordWriter writer;
        private long first = CommitLog.NONE;
        private long last;

        OpenFile(String directory, Path temp, RecordWriter writer) {
            this.directory = directory;
            this.temp = temp;
            this.writer = writer;
        }

        void add(long offset) {
            if (first == CommitLog.NONE) {
                first = offset;
            }
            last = offset;
        }

        String directory() {
            return directory;
        }

        Path temp() {
            return temp;
        }

        RecordWriter writer() {
            return writer;
        }

        long first() {
            return first;
        }

        long last() {
            return last;
        }
    }
}
