package io.ottpulse.archive;

import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives the partitions assigned to it, each by its own {@link PartitionArchiver}. HDFS, not Kafka, holds the truth
 * about what is archived: on {@link #open} each partition resumes after its last committed offset, and
 * {@link #preCommit} gives Kafka only offsets already durable in HDFS. {@link #open} and {@link #close} touch only the
 * partitions they are given, so a cooperative rebalance leaves the other partitions' open files alone.
 *
 * <p>A partition whose write or recovery fails is paused, its open files dropped; after {@code retry.backoff.ms} it is
 * recovered again and rewound to its last committed offset. Other partitions go on meanwhile.
 */
public class HdfsSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(HdfsSinkTask.class);

    private final Map<TopicPartition, PartitionArchiver> archivers = new LinkedHashMap<>();
    /** Partitions waiting to be recovered again, with the time (ms) of the next attempt. */
    private final Map<TopicPartition, Long> failed = new HashMap<>();
    private HdfsSinkConfig config;
    private FileSystem fs;
    private PartitionArchiver.Settings settings;

    @Override
    public void start(Map<String, String> props) {
        config = new HdfsSinkConfig(props);
        try {
            fs = StoreAccess.open(config);
        } catch (IOException | RuntimeException e) {
            throw new ConnectException(HdfsSinkConfig.STORE_URL_CONFIG + ": cannot open " + config.storeUrl() + ": "
                    + e.getMessage(), e);
        }
        settings = new PartitionArchiver.Settings(fs, new ArchiveLayout(config.topicsDir()),
                RecordFormat.from(config), Partitioner.from(config), RecordTime.from(config), config.flushSize(),
                config.rotateInterval().map(interval -> interval.toMillis()).orElse(-1L),
                config.rotateWallclock().toMillis());
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        long now = System.currentTimeMillis();
        for (TopicPartition tp : partitions) {
            PartitionArchiver archiver = new PartitionArchiver(tp, settings, this::reserveFile, errantRecordReporter());
            archivers.put(tp, archiver);
            recover(archiver, now);
        }
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null;
        }
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionArchiver archiver = archivers.remove(tp);
            failed.remove(tp);
            if (archiver != null) {
                archiver.close();
            }
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        long now = System.currentTimeMillis();
        for (SinkRecord record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
            PartitionArchiver archiver = archivers.get(tp);
            if (archiver == null || failed.containsKey(tp)) {
                continue;
            }
            try {
                archiver.write(record, now);
            } catch (IOException e) {
                fail(archiver, now, e);
            }
        }
        maintain(now);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        maintain(System.currentTimeMillis());
        Map<TopicPartition, OffsetAndMetadata> durable = new HashMap<>();
        archivers.forEach((tp, archiver) -> {
            if (archiver.committedOffset() != CommitLog.NONE && !failed.containsKey(tp)) {
                durable.put(tp, new OffsetAndMetadata(archiver.committedOffset() + 1));
            }
        });
        return durable;
    }

    /** Commits what the wall clock says is due and retries failed partitions whose backoff is over. */
    private void maintain(long now) {
        for (PartitionArchiver archiver : archivers.values()) {
            TopicPartition tp = archiver.topicPartition();
            Long retryAt = failed.get(tp);
            if (retryAt == null) {
                try {
                    archiver.commitIfDue(now);
                } catch (IOException e) {
                    fail(archiver, now, e);
                }
            } else if (now >= retryAt) {
                recover(archiver, now);
            }
        }
    }

    private void recover(PartitionArchiver archiver, long now) {
        TopicPartition tp = archiver.topicPartition();
        try {
            archiver.recover();
        } catch (IOException e) {
            log.warn("Recovering {} failed; retrying in {} ms: {}", tp, config.retryBackoff().toMillis(),
                    e.toString());
            if (failed.put(tp, now + config.retryBackoff().toMillis()) == null) {
                context.pause(tp);
            }
            return;
        }
        long rewind = archiver.rewindOffset();
        if (rewind != CommitLog.NONE) {
            context.offset(tp, rewind);
        }
        if (failed.remove(tp) != null) {
            context.resume(tp);
        }
        log.info("Archiving {} from offset {}", tp,
                rewind == CommitLog.NONE ? "the consumer's position" : Long.toString(rewind));
    }

    /** Drops what was not committed; the partition is recovered and read again after the backoff. */
    private void fail(PartitionArchiver archiver, long now, IOException cause) {
        TopicPartition tp = archiver.topicPartition();
        log.warn("Writing {} failed; its uncommitted records will be read again after recovery: {}", tp,
                cause.toString());
        archiver.close();
        failed.put(tp, now + config.retryBackoff().toMillis());
        context.pause(tp);
    }

    /**
     * Keeps the task within {@code max.open.files}: before a file is opened, commits the partitions written least
     * recently until there is room.
     */
    private void reserveFile(PartitionArchiver requester) throws IOException {
        while (archivers.values().stream().mapToInt(PartitionArchiver::openFiles).sum() >= config.maxOpenFiles()) {
            PartitionArchiver victim = archivers.values().stream().filter(archiver -> archiver.openFiles() > 0)
                    .min(Comparator.comparingLong(PartitionArchiver::lastWriteMs)).orElseThrow();
            if (victim == requester) {
                victim.commit();
            } else {
                try {
                    victim.commit();
                } catch (IOException e) {
                    fail(victim, System.currentTimeMillis(), e);
                }
            }
        }
    }

    @Override
    public void stop() {
        archivers.values().forEach(PartitionArchiver::close);
        archivers.clear();
        failed.clear();
        if (fs != null) {
            try {
                fs.close();
            } catch (IOException e) {
                log.warn("Closing the archive file system failed: {}", e.toString());
            }
        }
    }

    @Override
    public String version() {
        return Version.get();
    }
}
