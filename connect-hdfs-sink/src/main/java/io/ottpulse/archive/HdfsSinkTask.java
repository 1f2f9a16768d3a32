package io.ottpulse.archive;

import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Archives the partitions assigned to it, each by its own {@link PartitionArchiver}. HDFS, not Kafka, holds the truth
 * about what is archived: on {@link #open} each partition resumes after its last committed offset, and
 * {@link #preCommit} gives Kafka only offsets already durable in HDFS.
 */
public class HdfsSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(HdfsSinkTask.class);

    private final Map<TopicPartition, PartitionArchiver> archivers = new HashMap<>();
    private HdfsSinkConfig config;
    private FileSystem fs;
    private ArchiveLayout layout;

    @Override
    public void start(Map<String, String> props) {
        config = new HdfsSinkConfig(props);
        layout = new ArchiveLayout(config.topicsDir());
        try {
            // A private instance: the shared cache would let one task's close() break the others.
            fs = FileSystem.newInstance(URI.create(config.storeUrl()), new Configuration());
            fs.mkdirs(new Path(config.topicsDir()));
        } catch (IOException | RuntimeException e) {
            throw new ConnectException("cannot use the archive at " + config.storeUrl() + config.topicsDir() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionArchiver archiver = new PartitionArchiver(tp, fs, layout, config.flushSize(),
                    config.rotateInterval().toMillis());
            try {
                long committed = archiver.recover();
                if (committed != CommitLog.NONE) {
                    context.offset(tp, committed + 1);
                }
                log.info("Archiving {} from offset {}", tp, committed + 1);
            } catch (IOException e) {
                throw new ConnectException("cannot recover the archive state of " + tp + ": " + e.getMessage(), e);
            }
            archivers.put(tp, archiver);
        }
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionArchiver archiver = archivers.remove(tp);
            if (archiver != null) {
                archiver.abort();
            }
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        long now = System.currentTimeMillis();
        Set<TopicPartition> failed = new HashSet<>();
        for (SinkRecord record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
            PartitionArchiver archiver = archivers.get(tp);
            if (archiver == null || failed.contains(tp)) {
                continue;
            }
            try {
                archiver.write(record, now);
            } catch (IOException e) {
                rewind(tp, archiver, e);
                failed.add(tp);
            }
        }
        commitDue(now, failed);
        if (!failed.isEmpty()) {
            backOff();
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        commitDue(System.currentTimeMillis(), Set.of());
        Map<TopicPartition, OffsetAndMetadata> durable = new HashMap<>();
        archivers.forEach((tp, archiver) -> {
            if (archiver.committedOffset() != CommitLog.NONE) {
                durable.put(tp, new OffsetAndMetadata(archiver.committedOffset() + 1));
            }
        });
        return durable;
    }

    private void commitDue(long now, Set<TopicPartition> skip) {
        archivers.forEach((tp, archiver) -> {
            if (!skip.contains(tp)) {
                try {
                    archiver.commitIfDue(now);
                } catch (IOException e) {
                    rewind(tp, archiver, e);
                }
            }
        });
    }

    /** Drops what was not committed and asks Connect to deliver it again from the last committed offset. */
    private void rewind(TopicPartition tp, PartitionArchiver archiver, IOException cause) {
        log.warn("Writing {} failed; its uncommitted records will be read again from offset {}: {}", tp,
                archiver.committedOffset() + 1, cause.toString());
        archiver.abort();
        context.offset(tp, archiver.committedOffset() + 1);
    }

    private void backOff() {
        try {
            Thread.sleep(config.retryBackoff().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        archivers.values().forEach(PartitionArchiver::abort);
        archivers.clear();
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
