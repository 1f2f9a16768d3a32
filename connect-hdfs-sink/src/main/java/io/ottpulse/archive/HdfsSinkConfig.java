package io.ottpulse.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of the HDFS sink connector. Every key is defined and validated here; rules that involve two keys are
 * in {@link #crossKeyErrors}, which both {@link HdfsSinkConnector#validate} and the constructor apply.
 */
public final class HdfsSinkConfig extends AbstractConfig {

    private static final String STORE_GROUP = "Store";
    private static final String FORMAT_GROUP = "Format";
    private static final String PARTITION_GROUP = "Partitioning";
    private static final String ROTATION_GROUP = "Rotation";

    public static final String STORE_URL_CONFIG = "store.url";
    public static final String STORE_URL_DOC = "Hadoop FileSystem URL of the archive, e.g. hdfs://namenode:8020 "
            + "(file:///path works too, without fencing of concurrent writers).";

    public static final String STORE_USER_CONFIG = "store.user";
    public static final String STORE_USER_DOC = "HDFS user the connector acts as under simple authentication; empty "
            + "means the worker's operating-system user.";
    public static final String STORE_USER_DEFAULT = "";

    public static final String HADOOP_CONF_DIR_CONFIG = "hadoop.conf.dir";
    public static final String HADOOP_CONF_DIR_DOC = "Directory on the worker holding core-site.xml and hdfs-site.xml "
            + "(e.g. for an HA NameNode pair); empty means Hadoop's defaults.";
    public static final String HADOOP_CONF_DIR_DEFAULT = "";

    public static final String STORE_ACCESS_CHECK_CONFIG = "store.access.check";
    public static final String STORE_ACCESS_CHECK_DOC = "Whether validating the configuration (every create or update "
            + "of the connector) connects to store.url and checks that topics.dir is writable, so an unreachable store "
            + "or a missing permission is reported on the key at fault. False accepts a configuration while the store "
            + "is down; tasks then retry until it answers.";
    public static final boolean STORE_ACCESS_CHECK_DEFAULT = true;

    public static final String TOPICS_DIR_CONFIG = "topics.dir";
    public static final String TOPICS_DIR_DOC = "Directory under the store URL that holds one directory per topic, "
            + "plus +tmp (files being written) and +state (each topic-partition's commit log).";
    public static final String TOPICS_DIR_DEFAULT = "/topics";

    public static final String FORMAT_CONFIG = "format";
    public static final String FORMAT_DOC = "File format: parquet (columns from the value's Connect schema, or the "
            + "activity-event schema for schemaless JSON values) or jsonl (one JSON value per line).";
    public static final String FORMAT_DEFAULT = RecordFormat.Kind.PARQUET.configName();

    public static final String PARQUET_CODEC_CONFIG = "parquet.codec";
    public static final String PARQUET_CODEC_DOC = "Parquet compression: snappy, zstd, gzip or uncompressed.";
    public static final String PARQUET_CODEC_DEFAULT = "snappy";

    public static final String PARQUET_ROW_GROUP_BYTES_CONFIG = "parquet.row.group.bytes";
    public static final String PARQUET_ROW_GROUP_BYTES_DOC = "Parquet row group size. An open Parquet file buffers up "
            + "to this much in memory, so it bounds the task's memory together with max.open.files.";
    public static final int PARQUET_ROW_GROUP_BYTES_DEFAULT = 8 * 1024 * 1024;

    public static final String JSONL_CODEC_CONFIG = "jsonl.codec";
    public static final String JSONL_CODEC_DOC = "JSON Lines compression: none (.jsonl) or gzip (.jsonl.gz).";
    public static final String JSONL_CODEC_DEFAULT = "none";

    public static final String PARTITIONER_CONFIG = "partitioner";
    public static final String PARTITIONER_DOC = "Directory layout under <topics.dir>/<topic>/: partition "
            + "(partition=<kafka partition>), time (path.format applied to each record's time, see timestamp.source) "
            + "or field (<field>=<value> for each of partition.fields).";
    public static final String PARTITIONER_DEFAULT = Partitioner.Kind.PARTITION.configName();

    public static final String PATH_FORMAT_CONFIG = "path.format";
    public static final String PATH_FORMAT_DOC = "Directory pattern of the time partitioner, in "
            + "java.time.format.DateTimeFormatter syntax ('quoted' text is literal). Use yyyy (year) and dd (day of "
            + "month): YYYY and DD are rejected, they mean week-based year and day of year.";
    public static final String PATH_FORMAT_DEFAULT = "'dt'=yyyy-MM-dd/'hour'=HH";

    public static final String TIMEZONE_CONFIG = "timezone";
    public static final String TIMEZONE_DOC = "Time zone of path.format, e.g. UTC or Europe/Paris.";
    public static final String TIMEZONE_DEFAULT = "UTC";

    public static final String TIMESTAMP_SOURCE_CONFIG = "timestamp.source";
    public static final String TIMESTAMP_SOURCE_DOC = "Which time the time partitioner and rotate.interval.ms use: "
            + "record (the Kafka record timestamp) or event (the value's timestamp.field).";
    public static final String TIMESTAMP_SOURCE_DEFAULT = RecordTime.Source.RECORD.configName();

    public static final String TIMESTAMP_FIELD_CONFIG = "timestamp.field";
    public static final String TIMESTAMP_FIELD_DOC = "Field of the value holding the event time when timestamp.source="
            + "event (dotted path for nested fields): epoch milliseconds, an ISO-8601 string or a Connect Timestamp.";
    public static final String TIMESTAMP_FIELD_DEFAULT = "timestamp";

    public static final String PARTITION_FIELDS_CONFIG = "partition.fields";
    public static final String PARTITION_FIELDS_DOC = "Fields of the value (dotted paths for nested fields) that name "
            + "the directories of the field partitioner, outermost first; required when partitioner=field.";

    public static final String FLUSH_SIZE_CONFIG = "flush.size";
    public static final String FLUSH_SIZE_DOC = "Records per commit: a topic-partition's open files are committed "
            + "when they hold this many records together.";
    public static final int FLUSH_SIZE_DEFAULT = 50_000;

    public static final String ROTATE_INTERVAL_MS_CONFIG = "rotate.interval.ms";
    public static final String ROTATE_INTERVAL_MS_DOC = "Record-time span of a commit: a record whose time (see "
            + "timestamp.source) is this much later than the first record of the open files commits them first. "
            + "-1 disables it. Needs new records to fire; rotate.wallclock.ms covers idle partitions.";
    public static final long ROTATE_INTERVAL_MS_DEFAULT = -1L;

    public static final String ROTATE_WALLCLOCK_MS_CONFIG = "rotate.wallclock.ms";
    public static final String ROTATE_WALLCLOCK_MS_DOC = "Wall-clock age at which a topic-partition's open files are "
            + "committed whether or not records arrive, so no data waits indefinitely. Checked at every put and offset "
            + "commit, i.e. at least every offset.flush.interval.ms of the worker.";
    public static final long ROTATE_WALLCLOCK_MS_DEFAULT = 600_000L;

    public static final String MAX_OPEN_FILES_CONFIG = "max.open.files";
    public static final String MAX_OPEN_FILES_DOC = "Most files a task keeps open at once. Opening one more first "
            + "commits the topic-partition written least recently. Bounds memory: about max.open.files x "
            + "parquet.row.group.bytes for Parquet.";
    public static final int MAX_OPEN_FILES_DEFAULT = 32;

    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MS_DOC = "Pause after a failed write or recovery of a topic-partition "
            + "before it is recovered again and its uncommitted records are read again from Kafka.";
    public static final long RETRY_BACKOFF_MS_DEFAULT = 1_000L;

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(STORE_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, urlValidator(), Importance.HIGH,
                    STORE_URL_DOC, STORE_GROUP, 1, ConfigDef.Width.LONG, "Store URL")
            .define(STORE_USER_CONFIG, Type.STRING, STORE_USER_DEFAULT, Importance.LOW, STORE_USER_DOC,
                    STORE_GROUP, 2, ConfigDef.Width.SHORT, "Store user")
            .define(HADOOP_CONF_DIR_CONFIG, Type.STRING, HADOOP_CONF_DIR_DEFAULT, directoryValidator(),
                    Importance.LOW, HADOOP_CONF_DIR_DOC, STORE_GROUP, 3, ConfigDef.Width.LONG, "Hadoop conf dir")
            .define(STORE_ACCESS_CHECK_CONFIG, Type.BOOLEAN, STORE_ACCESS_CHECK_DEFAULT, Importance.LOW,
                    STORE_ACCESS_CHECK_DOC, STORE_GROUP, 4, ConfigDef.Width.SHORT, "Check store access")
            .define(TOPICS_DIR_CONFIG, Type.STRING, TOPICS_DIR_DEFAULT, absolutePathValidator(), Importance.MEDIUM,
                    TOPICS_DIR_DOC, STORE_GROUP, 5, ConfigDef.Width.MEDIUM, "Topics directory")
            .define(FORMAT_CONFIG, Type.STRING, FORMAT_DEFAULT, ValidString.in(RecordFormat.Kind.configNames()),
                    Importance.HIGH, FORMAT_DOC, FORMAT_GROUP, 1, ConfigDef.Width.SHORT, "Format")
            .define(PARQUET_CODEC_CONFIG, Type.STRING, PARQUET_CODEC_DEFAULT,
                    ValidString.in(ParquetFormat.CODECS.keySet().toArray(String[]::new)), Importance.MEDIUM,
                    PARQUET_CODEC_DOC, FORMAT_GROUP, 2, ConfigDef.Width.SHORT, "Parquet codec")
            .define(PARQUET_ROW_GROUP_BYTES_CONFIG, Type.INT, PARQUET_ROW_GROUP_BYTES_DEFAULT,
                    Range.between(64 * 1024, 1024 * 1024 * 1024), Importance.LOW, PARQUET_ROW_GROUP_BYTES_DOC,
                    FORMAT_GROUP, 3, ConfigDef.Width.SHORT, "Parquet row group bytes")
            .define(JSONL_CODEC_CONFIG, Type.STRING, JSONL_CODEC_DEFAULT, ValidString.in("none", "gzip"),
                    Importance.MEDIUM, JSONL_CODEC_DOC, FORMAT_GROUP, 4, ConfigDef.Width.SHORT, "JSON Lines codec")
            .define(PARTITIONER_CONFIG, Type.STRING, PARTITIONER_DEFAULT,
                    ValidString.in(Partitioner.Kind.configNames()), Importance.HIGH, PARTITIONER_DOC,
                    PARTITION_GROUP, 1, ConfigDef.Width.SHORT, "Partitioner")
            .define(PATH_FORMAT_CONFIG, Type.STRING, PATH_FORMAT_DEFAULT, pathFormatValidator(), Importance.MEDIUM,
                    PATH_FORMAT_DOC, PARTITION_GROUP, 2, ConfigDef.Width.MEDIUM, "Path format")
            .define(TIMEZONE_CONFIG, Type.STRING, TIMEZONE_DEFAULT, timezoneValidator(), Importance.MEDIUM,
                    TIMEZONE_DOC, PARTITION_GROUP, 3, ConfigDef.Width.SHORT, "Time zone")
            .define(TIMESTAMP_SOURCE_CONFIG, Type.STRING, TIMESTAMP_SOURCE_DEFAULT,
                    ValidString.in(RecordTime.Source.configNames()), Importance.MEDIUM, TIMESTAMP_SOURCE_DOC,
                    PARTITION_GROUP, 4, ConfigDef.Width.SHORT, "Timestamp source")
            .define(TIMESTAMP_FIELD_CONFIG, Type.STRING, TIMESTAMP_FIELD_DEFAULT, fieldPathValidator(),
                    Importance.MEDIUM, TIMESTAMP_FIELD_DOC, PARTITION_GROUP, 5, ConfigDef.Width.SHORT,
                    "Timestamp field")
            .define(PARTITION_FIELDS_CONFIG, Type.LIST, List.of(), fieldListValidator(), Importance.MEDIUM,
                    PARTITION_FIELDS_DOC, PARTITION_GROUP, 6, ConfigDef.Width.MEDIUM, "Partition fields")
            .define(FLUSH_SIZE_CONFIG, Type.INT, FLUSH_SIZE_DEFAULT, Range.atLeast(1), Importance.HIGH,
                    FLUSH_SIZE_DOC, ROTATION_GROUP, 1, ConfigDef.Width.SHORT, "Flush size")
            .define(ROTATE_INTERVAL_MS_CONFIG, Type.LONG, ROTATE_INTERVAL_MS_DEFAULT, disabledOrAtLeast(1L),
                    Importance.MEDIUM, ROTATE_INTERVAL_MS_DOC, ROTATION_GROUP, 2, ConfigDef.Width.SHORT,
                    "Rotate interval (record time)")
            .define(ROTATE_WALLCLOCK_MS_CONFIG, Type.LONG, ROTATE_WALLCLOCK_MS_DEFAULT, Range.atLeast(100L),
                    Importance.HIGH, ROTATE_WALLCLOCK_MS_DOC, ROTATION_GROUP, 3, ConfigDef.Width.SHORT,
                    "Rotate interval (wall clock)")
            .define(MAX_OPEN_FILES_CONFIG, Type.INT, MAX_OPEN_FILES_DEFAULT, Range.between(1, 10_000),
                    Importance.MEDIUM, MAX_OPEN_FILES_DOC, ROTATION_GROUP, 4, ConfigDef.Width.SHORT,
                    "Max open files")
            .define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MS_DEFAULT, Range.between(0L, 600_000L),
                    Importance.LOW, RETRY_BACKOFF_MS_DOC, ROTATION_GROUP, 5, ConfigDef.Width.SHORT,
                    "Retry backoff");

    public HdfsSinkConfig(Map<?, ?> originals) {
        this(originals, true);
    }

    private HdfsSinkConfig(Map<?, ?> originals, boolean checkCrossKeys) {
        super(CONFIG_DEF, originals);
        Map<String, String> errors = checkCrossKeys ? crossKeyErrors(this) : Map.of();
        if (!errors.isEmpty()) {
            Map.Entry<String, String> first = errors.entrySet().iterator().next();
            throw new ConfigException(first.getKey(), originals().get(first.getKey()), first.getValue());
        }
    }

    /** For {@link HdfsSinkConnector#validate}, which reports every rule broken rather than the first. */
    static HdfsSinkConfig withoutCrossKeyChecks(Map<?, ?> originals) {
        return new HdfsSinkConfig(originals, false);
    }

    /** Rules involving more than one key, by the key to blame. */
    static Map<String, String> crossKeyErrors(HdfsSinkConfig config) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (config.partitionerKind() == Partitioner.Kind.FIELD && config.partitionFields().isEmpty()) {
            errors.put(PARTITION_FIELDS_CONFIG, "partitioner=field needs at least one field");
        }
        return errors;
    }

    public String storeUrl() {
        return getString(STORE_URL_CONFIG);
    }

    public Optional<String> storeUser() {
        return Optional.of(getString(STORE_USER_CONFIG)).filter(user -> !user.isBlank());
    }

    public Optional<Path> hadoopConfDir() {
        return Optional.of(getString(HADOOP_CONF_DIR_CONFIG)).filter(dir -> !dir.isBlank()).map(Path::of);
    }

    public boolean storeAccessCheck() {
        return getBoolean(STORE_ACCESS_CHECK_CONFIG);
    }

    public String topicsDir() {
        return getString(TOPICS_DIR_CONFIG);
    }

    public RecordFormat.Kind formatKind() {
        return RecordFormat.Kind.fromConfig(getString(FORMAT_CONFIG));
    }

    public String parquetCodec() {
        return getString(PARQUET_CODEC_CONFIG);
    }

    public int parquetRowGroupBytes() {
        return getInt(PARQUET_ROW_GROUP_BYTES_CONFIG);
    }

    public boolean jsonlGzip() {
        return getString(JSONL_CODEC_CONFIG).equals("gzip");
    }

    public Partitioner.Kind partitionerKind() {
        return Partitioner.Kind.fromConfig(getString(PARTITIONER_CONFIG));
    }

    public String pathFormat() {
        return getString(PATH_FORMAT_CONFIG);
    }

    public ZoneId timezone() {
        return ZoneId.of(getString(TIMEZONE_CONFIG));
    }

    public RecordTime.Source timestampSource() {
        return RecordTime.Source.fromConfig(getString(TIMESTAMP_SOURCE_CONFIG));
    }

    public String timestampField() {
        return getString(TIMESTAMP_FIELD_CONFIG);
    }

    public List<String> partitionFields() {
        return getList(PARTITION_FIELDS_CONFIG);
    }

    public int flushSize() {
        return getInt(FLUSH_SIZE_CONFIG);
    }

    /** The record-time span of a commit, or empty when that rotation is off. */
    public Optional<Duration> rotateInterval() {
        long ms = getLong(ROTATE_INTERVAL_MS_CONFIG);
        return ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
    }

    public Duration rotateWallclock() {
        return Duration.ofMillis(getLong(ROTATE_WALLCLOCK_MS_CONFIG));
    }

    public int maxOpenFiles() {
        return getInt(MAX_OPEN_FILES_CONFIG);
    }

    public Duration retryBackoff() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MS_CONFIG));
    }

    private static ConfigDef.Validator urlValidator() {
        return (name, value) -> {
            String url = (String) value;
            if (url == null || !url.matches("[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s]*")) {
                throw new ConfigException(name, value, "expected a URL such as hdfs://namenode:8020 or file:///data");
            }
        };
    }

    private static ConfigDef.Validator directoryValidator() {
        return (name, value) -> {
            String dir = (String) value;
            if (dir != null && !dir.isBlank() && !Files.isDirectory(Path.of(dir))) {
                throw new ConfigException(name, value, "no such directory on this worker");
            }
        };
    }

    private static ConfigDef.Validator absolutePathValidator() {
        return (name, value) -> {
            String path = (String) value;
            if (path == null || !path.startsWith("/") || path.contains(":") || path.contains("/+")
                    || path.chars().anyMatch(Character::isISOControl)) {
                throw new ConfigException(name, value, "expected an absolute path such as /topics, without ':', "
                        + "control characters or names starting with '+'");
            }
        };
    }

    private static ConfigDef.Validator pathFormatValidator() {
        return (name, value) -> {
            try {
                TimePartitioner.checkPattern((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        };
    }

    private static ConfigDef.Validator timezoneValidator() {
        return (name, value) -> {
            try {
                ZoneId.of((String) value);
            } catch (RuntimeException e) {
                throw new ConfigException(name, value, "unknown time zone (expected e.g. UTC or Europe/Paris)");
            }
        };
    }

    private static ConfigDef.Validator fieldPathValidator() {
        return (name, value) -> {
            if (!ValueFields.isValidPath((String) value)) {
                throw new ConfigException(name, value, "expected a field name or a dotted path such as a.b");
            }
        };
    }

    private static ConfigDef.Validator fieldListValidator() {
        return (name, value) -> {
            @SuppressWarnings("unchecked")
            List<String> fields = (List<String>) value;
            for (String field : fields) {
                if (!ValueFields.isValidPath(field)) {
                    throw new ConfigException(name, value, "'" + field + "' is not a field name or dotted path");
                }
            }
            if (fields.stream().distinct().count() != fields.size()) {
                throw new ConfigException(name, value, "a field is listed twice");
            }
        };
    }

    private static ConfigDef.Validator disabledOrAtLeast(long min) {
        return (name, value) -> {
            long ms = (Long) value;
            if (ms != -1 && ms < min) {
                throw new ConfigException(name, value, "expected -1 (off) or at least " + min);
            }
        };
    }

    /** Lower-case config names of an enum's constants, e.g. PARQUET to parquet. */
    static String configName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
