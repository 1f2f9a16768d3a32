package io.ottpulse.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One record value per line. A string value (StringConverter) is written as it is, so an archived JSON event is
 * byte for byte what the topic held; structured values (JsonConverter, Avro...) are written as JSON.
 */
final class JsonLinesWriter implements RecordWriter {

    static final String EXTENSION = ".jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NEWLINE = {'\n'};

    private final FSDataOutputStream file;
    private final OutputStream out;

    JsonLinesWriter(FSDataOutputStream file) {
        this.file = file;
        this.out = new BufferedOutputStream(file, 64 * 1024);
    }

    @Override
    public void write(SinkRecord record) throws IOException {
        Object value = record.value();
        if (value instanceof String text) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } else {
            out.write(JSON.writeValueAsBytes(JsonValues.plain(value)));
        }
        out.write(NEWLINE);
    }

    @Override
    public void commitAndClose() throws IOException {
        out.flush();
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
