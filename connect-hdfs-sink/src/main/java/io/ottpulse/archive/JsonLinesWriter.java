package io.ottpulse.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One record value per line. A string value (StringConverter) is written as it is, so an archived JSON event is
 * byte for byte what the topic held (unless it spans several lines: then it is compacted); structured values
 * (JsonConverter, Avro...) are written as JSON.
 */
final class JsonLinesWriter implements RecordWriter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUFFER_BYTES = 64 * 1024;

    private final FSDataOutputStream file;
    private final GZIPOutputStream gzip;
    private final OutputStream out;

    JsonLinesWriter(FSDataOutputStream file, boolean gzip) throws IOException {
        this.file = file;
        this.gzip = gzip ? new GZIPOutputStream(file, BUFFER_BYTES) : null;
        this.out = new BufferedOutputStream(gzip ? this.gzip : file, BUFFER_BYTES);
    }

    @Override
    public boolean accepts(SinkRecord record) {
        return true;
    }

    @Override
    public void write(SinkRecord record) throws IOException {
        byte[] line = line(record.value());
        out.write(line);
        out.write('\n');
    }

    private static byte[] line(Object value) {
        try {
            if (value instanceof String text) {
                // A line break can only be whitespace between JSON tokens: such a value is written compacted.
                return text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? text.getBytes(StandardCharsets.UTF_8)
                        : JSON.writeValueAsBytes(JSON.readTree(text));
            }
            return JSON.writeValueAsBytes(JsonValues.plain(value));
        } catch (IOException e) {
            throw new DataException("cannot write the value as JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public void commit() throws IOException {
        out.flush();
        if (gzip != null) {
            gzip.finish();
        }
        file.hsync();
        file.close();
    }

    @Override
    public void abort() {
        try {
            file.close();
        } catch (IOException ignored) {
            // The file is deleted next; a failed close changes nothing.
        }
    }
}
