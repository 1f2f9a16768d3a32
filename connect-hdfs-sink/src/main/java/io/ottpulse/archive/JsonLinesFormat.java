package io.ottpulse.archive;

import java.io.IOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.sink.SinkRecord;

/** One value per line, optionally gzip-compressed. */
final class JsonLinesFormat implements RecordFormat {

    private final boolean gzip;

    JsonLinesFormat(boolean gzip) {
        this.gzip = gzip;
    }

    @Override
    public String extension() {
        return gzip ? ".jsonl.gz" : ".jsonl";
    }

    @Override
    public RecordWriter open(FileSystem fs, Path file, SinkRecord first) throws IOException {
        return new JsonLinesWriter(fs.create(file, false), gzip);
    }
}
