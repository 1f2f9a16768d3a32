package io.ottpulse.archive;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Configuration of the HDFS sink connector. */
public final class HdfsSinkConfig extends AbstractConfig {

    public static final String STORE_URL_CONFIG = "store.url";
    public static final String STORE_URL_DOC = "Hadoop FileSystem URL of the archive, e.g. hdfs://namenode:8020 "
            + "(file:///path works too, without hsync durability).";

    public static final String TOPICS_DIR_CONFIG = "topics.dir";
    public static final String TOPICS_DIR_DOC = "Directory under the store URL that holds one directory per topic, "
            + "plus +tmp (files being written) and +state (commit markers).";
    public static final String TOPICS_DIR_DEFAULT = "/topics";

    public static final String FLUSH_SIZE_CONFIG = "flush.size";
    public static final String FLUSH_SIZE_DOC = "Records per file: a partition's file is committed when it holds "
            + "this many records.";
    public static final int FLUSH_SIZE_DEFAULT = 50_000;

    public static final String ROTATE_INTERVAL_MS_CONFIG = "rotate.interval.ms";
    public static final String ROTATE_INTERVAL_MS_DOC = "Wall-clock age at which an open file is committed even "
            + "when no further record arrives, so an idle partition's data never waits indefinitely.";
    public static final long ROTATE_INTERVAL_MS_DEFAULT = 60_000L;

    public static final String RETRY_BACKOFF_MS_CONFIG = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MS_DOC = "Pause after a failed write before the partition's "
            + "uncommitted records are read again from Kafka.";
    public static final long RETRY_BACKOFF_MS_DEFAULT = 1_000L;

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(STORE_URL_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, urlValidator(), Importance.HIGH,
                    STORE_URL_DOC)
            .define(TOPICS_DIR_CONFIG, Type.STRING, TOPICS_DIR_DEFAULT, absolutePathValidator(), Importance.MEDIUM,
                    TOPICS_DIR_DOC)
            .define(FLUSH_SIZE_CONFIG, Type.INT, FLUSH_SIZE_DEFAULT, Range.atLeast(1), Importance.HIGH, FLUSH_SIZE_DOC)
            .define(ROTATE_INTERVAL_MS_CONFIG, Type.LONG, ROTATE_INTERVAL_MS_DEFAULT, Range.atLeast(100L),
                    Importance.HIGH, ROTATE_INTERVAL_MS_DOC)
            .define(RETRY_BACKOFF_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MS_DEFAULT, Range.between(0L, 60_000L),
                    Importance.LOW, RETRY_BACKOFF_MS_DOC);

    public HdfsSinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    public String storeUrl() {
        return getString(STORE_URL_CONFIG);
    }

    public String topicsDir() {
        return getString(TOPICS_DIR_CONFIG);
    }

    public int flushSize() {
        return getInt(FLUSH_SIZE_CONFIG);
    }

    public Duration rotateInterval() {
        return Duration.ofMillis(getLong(ROTATE_INTERVAL_MS_CONFIG));
    }

    public Duration retryBackoff() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MS_CONFIG));
    }

    private static ConfigDef.Validator urlValidator() {
        return (name, value) -> {
            String url = (String) value;
            if (url == null || !url.matches("[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
                throw new ConfigException(name, value, "expected a URL such as hdfs://namenode:8020 or file:///data");
            }
        };
    }

    private static ConfigDef.Validator absolutePathValidator() {
        return (name, value) -> {
            if (value == null || !((String) value).startsWith("/")) {
                throw new ConfigException(name, value, "expected an absolute path such as /topics");
            }
        };
    }
}
