package io.ottpulse.archive;

import java.util.UUID;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;

/**
 * Where things live under {@code topics.dir}: committed files in {@code <topic>/<partition path>/}, files being
 * written in {@code +tmp/<topic>/<partition>/}, each topic-partition's commit log in {@code +state/<topic>/<partition>/}.
 * Topic names cannot contain '+', so neither helper directory can clash with a topic.
 */
final class ArchiveLayout {

    static final String TMP_DIR = "+tmp";
    static final String STATE_DIR = "+state";

    private final Path topicsDir;

    ArchiveLayout(String topicsDir) {
        this.topicsDir = new Path(topicsDir);
    }

    Path topicDir(String topic) {
        return new Path(topicsDir, topic);
    }

    Path tempDir(TopicPartition tp) {
        return new Path(topicsDir, TMP_DIR + "/" + tp.topic() + "/" + tp.partition());
    }

    /** A new, unique file to write to: never the name of a file a crashed writer may still hold a lease on. */
    Path newTempFile(TopicPartition tp, String extension) {
        return new Path(tempDir(tp), UUID.randomUUID() + extension + ".tmp");
    }

    Path stateDir(TopicPartition tp) {
        return new Path(topicsDir, STATE_DIR + "/" + tp.topic() + "/" + tp.partition());
    }

    /**
     * The committed file for the records {@code first..last} (offsets of the records in this file) of a partition,
     * e.g. {@code /topics/ott.activity/dt=2026-11-26/hour=09/ott.activity+3+0000001000+0000001999.parquet}.
     */
    Path committedFile(TopicPartition tp, String directory, long first, long last, String extension) {
        String name = String.format("%s+%d+%010d+%010d%s", tp.topic(), tp.partition(), first, last, extension);
        return new Path(topicDir(tp.topic()), directory + "/" + name);
    }
}
