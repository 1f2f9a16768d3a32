package io.ottpulse.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** JSON Lines files on a real HDFS, plain and gzip, read back with the JDK's own gzip reader. */
@ExtendWith(SharedHdfs.class)
class JsonLinesFormatTest {

    private static SinkRecord record(Schema schema, Object value, long offset) {
        return new SinkRecord("t", 0, null, null, schema, value, offset);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void stringsAreKeptByteForByteAndStructuredValuesBecomeJson(boolean gzip) throws IOException {
        JsonLinesFormat format = new JsonLinesFormat(gzip);
        assertThat(format.extension()).isEqualTo(gzip ? ".jsonl.gz" : ".jsonl");
        Path file = new Path(SharedHdfs.cluster().uri() + "/jsonl-test/" + gzip + format.extension());
        FileSystem fs = file.getFileSystem(new Configuration());
        Schema schema = SchemaBuilder.struct().field("n", Schema.INT32_SCHEMA).field("s", Schema.STRING_SCHEMA).build();
        String raw = "{\"eventId\":\"e-1\",  \"timestamp\":\"2026-11-26T09:00:00+01:00\"}";
        RecordWriter writer = format.open(fs, file, record(null, raw, 0));
        writer.write(record(null, raw, 0));
        writer.write(record(null, Map.of("k", List.of(1, 2)), 1));
        writer.write(record(schema, new Struct(schema).put("n", 3).put("s", "x\ny"), 2));
        writer.write(record(null, "{\n  \"pretty\": true\n}", 3));
        writer.commit();

        try (InputStream in = gzip ? new GZIPInputStream(fs.open(file)) : fs.open(file)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)).containsExactly(
                    raw, "{\"k\":[1,2]}", "{\"n\":3,\"s\":\"x\\ny\"}", "{\"pretty\":true}", "");
        }
    }
}
