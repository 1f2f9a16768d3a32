package io.ottpulse.archive;

import java.util.Arrays;
import java.util.Locale;
import org.apache.kafka.connect.sink.SinkRecord;

/** Chooses the directory, under {@code <topics.dir>/<topic>/}, that a record is archived in. */
interface Partitioner {

    enum Kind {
        /** {@code partition=<kafka partition>}. */
        PARTITION,
        /** {@code path.format} applied to the record's time. */
        TIME,
        /** {@code <field>=<value>} for each of {@code partition.fields}. */
        FIELD;

        String configName() {
            return HdfsSinkConfig.configName(this);
        }

        static String[] configNames() {
            return Arrays.stream(values()).map(Kind::configName).toArray(String[]::new);
        }

        static Kind fromConfig(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /** A relative path such as {@code partition=3} or {@code dt=2026-11-26/hour=09}. */
    String directory(SinkRecord record);

    static Partitioner from(HdfsSinkConfig config) {
        switch (config.partitionerKind()) {
            case TIME:
                return new TimePartitioner(config.pathFormat(), config.timezone(), RecordTime.from(config));
            case FIELD:
                return new FieldPartitioner(config.partitionFields());
            default:
                return record -> "partition=" + record.kafkaPartition();
        }
    }
}
