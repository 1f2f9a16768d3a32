package io.ottpulse.archive;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.sink.SinkRecord;

/** A file format of the archive: its extension and how to open a writer. */
interface RecordFormat {

    enum Kind {
        PARQUET,
        JSONL;

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

    /** The committed files' extension, e.g. {@code .parquet}. */
    String extension();

    /**
     * Creates {@code file} (which must not exist) and a writer for records like {@code first}, which the caller writes
     * next.
     */
    RecordWriter open(FileSystem fs, Path file, SinkRecord first) throws IOException;

    static RecordFormat from(HdfsSinkConfig config) {
        return config.formatKind() == Kind.PARQUET
                ? new ParquetFormat(config.parquetCodec(), config.parquetRowGroupBytes())
                : new JsonLinesFormat(config.jsonlGzip());
    }
}
