package io.ottpulse.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ottpulse.activity.event.ActivityEvent;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parquet files written to a real HDFS and read back with an independent reader (parquet-avro's
 * {@link AvroParquetReader}, which knows nothing of this connector), compared with what was sent.
 */
@ExtendWith(SharedHdfs.class)
class ParquetFormatTest {

    private static final AtomicInteger FILES = new AtomicInteger();

    private static Path newFile() {
        return new Path(SharedHdfs.cluster().uri() + "/parquet-test/" + FILES.incrementAndGet() + ".parquet");
    }

    private static SinkRecord record(Schema schema, Object value, long offset) {
        return new SinkRecord("t", 0, null, null, schema, value, offset, 1_000L, TimestampType.CREATE_TIME);
    }

    static String eventJson(int n) {
        return "{\"eventId\":\"e-" + n + "\",\"userId\":\"u-" + (n % 7) + "\""
                + (n % 2 == 0 ? ",\"deviceId\":\"stb-" + n + "\"" : "")
                + ",\"sessionId\":\"s-1\",\"type\":\"" + (n % 3 == 0 ? "pause" : "channel_switch") + "\""
                + (n % 3 == 0 ? "" : ",\"channelId\":\"ch-" + (n % 5) + "\"")
                + ",\"timestamp\":\"2026-11-26T09:00:0" + (n % 10) + ".123Z\""
                + (n % 4 == 0 ? "" : ",\"attributes\":{\"app\":\"tv\",\"n\":\"" + n + "\"}") + "}";
    }

    private static List<GenericRecord> readBack(Path file) throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        Configuration conf = new Configuration();
        // The files use the spec's 3-level LIST; parquet-avro reads it as such only when told not to expect the
        // legacy 2-level form (Spark, Hive, Trino and DuckDB read the spec's form by default).
        conf.setBoolean("parquet.avro.add-list-element-records", false);
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                HadoopInputFile.fromPath(file, conf)).withConf(conf).build()) {
            for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
        }
        return rows;
    }

    private static Map<String, String> strings(Object avroMap) {
        Map<String, String> map = new HashMap<>();
        ((Map<?, ?>) avroMap).forEach((k, v) -> map.put(k.toString(), v.toString()));
        return map;
    }

    private static String text(Object avroString) {
        return avroString == null ? null : avroString.toString();
    }

    private static void assertRowIsEvent(GenericRecord row, ActivityEvent event) {
        assertThat(text(row.get("eventId"))).isEqualTo(event.eventId());
        assertThat(text(row.get("userId"))).isEqualTo(event.userId());
        assertThat(text(row.get("deviceId"))).isEqualTo(event.deviceId());
        assertThat(text(row.get("sessionId"))).isEqualTo(event.sessionId());
        assertThat(text(row.get("type"))).isEqualTo(event.type().wireName());
        assertThat(text(row.get("channelId"))).isEqualTo(event.channelId());
        assertThat(row.get("timestamp")).isEqualTo(event.timestamp());
        assertThat(strings(row.get("attributes"))).isEqualTo(event.attributes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "zstd"})
    void schemalessJsonStringsAreWrittenWithTheActivityEventSchema(String codec) throws IOException {
        Path file = newFile();
        RecordFormat format = new ParquetFormat(codec, 1024 * 1024);
        List<String> sent = new ArrayList<>();
        for (int n = 0; n < 500; n++) {
            sent.add(eventJson(n));
        }
        RecordWriter writer = format.open(file.getFileSystem(new Configuration()), file, record(null, sent.get(0), 0));
        for (int n = 0; n < sent.size(); n++) {
            writer.write(record(null, sent.get(n), n));
        }
        writer.commit();

        List<GenericRecord> rows = readBack(file);
        assertThat(rows).hasSize(sent.size());
        for (int n = 0; n < sent.size(); n++) {
            assertRowIsEvent(rows.get(n), ActivityEvents.fromValue(sent.get(n)));
        }
        assertThat(rows.get(0).getSchema().getField("timestamp").schema().getLogicalType().getName())
                .isEqualTo("timestamp-millis");
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, new Configuration()))) {
            assertThat(reader.getFooter().getBlocks().get(0).getColumns().get(0).getCodec())
                    .isEqualTo(CompressionCodecName.fromConf(codec.toUpperCase()));
        }
    }

    @Test
    void schemalessMapsFromTheJsonConverterAreReadAsEvents() throws IOException {
        Path file = newFile();
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("eventId", "m-1");
        value.put("userId", "u-1");
        value.put("type", "heartbeat");
        value.put("channelId", "ch-9");
        value.put("timestamp", 1_764_147_600_000L);
        value.put("attributes", Map.of("quality", "1080p"));
        RecordWriter writer = new ParquetFormat("snappy", 1024 * 1024)
                .open(file.getFileSystem(new Configuration()), file, record(null, value, 0));
        writer.write(record(null, value, 0));
        writer.commit();

        List<GenericRecord> rows = readBack(file);
        assertThat(rows).hasSize(1);
        assertRowIsEvent(rows.get(0), ActivityEvents.fromValue(value));
        assertThat(rows.get(0).get("timestamp")).isEqualTo(1_764_147_600_000L);
    }

    @Test
    void aValueThatIsNotAnEventIsRefusedWithoutSpoilingTheFile() throws IOException {
        Path file = newFile();
        RecordWriter writer = new ParquetFormat("snappy", 1024 * 1024)
                .open(file.getFileSystem(new Configuration()), file, record(null, eventJson(1), 0));
        writer.write(record(null, eventJson(1), 0));
        assertThatThrownBy(() -> writer.write(record(null, "{\"eventId\":\"x\",\"type\":\"dance\"}", 1)))
                .isInstanceOf(DataException.class).hasMessageContaining("userId").hasMessageContaining("type");
        assertThatThrownBy(() -> writer.write(record(null, "not json", 2))).isInstanceOf(DataException.class);
        writer.write(record(null, eventJson(3), 3));
        writer.commit();

        assertThat(readBack(file)).extracting(row -> text(row.get("eventId"))).containsExactly("e-1", "e-3");
    }

    @Test
    void structsAreWrittenWithColumnsFromTheirConnectSchema() throws IOException {
        Schema address = SchemaBuilder.struct().name("Address").field("city", Schema.STRING_SCHEMA).build();
        Schema schema = SchemaBuilder.struct().name("io.ottpulse.test.Row")
                .field("i8", Schema.INT8_SCHEMA)
                .field("i16", Schema.INT16_SCHEMA)
                .field("i32", Schema.INT32_SCHEMA)
                .field("i64", Schema.INT64_SCHEMA)
                .field("f32", Schema.FLOAT32_SCHEMA)
                .field("f64", Schema.FLOAT64_SCHEMA)
                .field("flag", Schema.BOOLEAN_SCHEMA)
                .field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("bytes", Schema.BYTES_SCHEMA)
                .field("amount", Decimal.builder(2).build())
                .field("day", Date.SCHEMA)
                .field("at", Timestamp.SCHEMA)
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                .field("scores", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.OPTIONAL_INT64_SCHEMA).build())
                .field("address", address)
                .build();
        Map<String, Long> scores = new LinkedHashMap<>();
        scores.put("a", 1L);
        scores.put("b", null);
        Struct value = new Struct(schema)
                .put("i8", (byte) -8).put("i16", (short) 1600).put("i32", 32).put("i64", 1L << 40)
                .put("f32", 1.5f).put("f64", 2.25).put("flag", true).put("name", null)
                .put("bytes", new byte[] {1, 2, 3}).put("amount", new BigDecimal("12.34"))
                .put("day", new java.util.Date(20_000L * 86_400_000L)).put("at", new java.util.Date(1_764_147_600_123L))
                .put("tags", List.of("x", "y")).put("scores", scores)
                .put("address", new Struct(address).put("city", "Lyon"));
        Path file = newFile();
        RecordWriter writer = new ParquetFormat("zstd", 1024 * 1024)
                .open(file.getFileSystem(new Configuration()), file, record(schema, value, 0));
        writer.write(record(schema, value, 0));
        assertThat(writer.accepts(record(schema, value, 1))).isTrue();
        assertThat(writer.accepts(record(address, new Struct(address).put("city", "Nice"), 1))).isFalse();
        writer.commit();

        List<GenericRecord> rows = readBack(file);
        assertThat(rows).hasSize(1);
        GenericRecord row = rows.get(0);
        assertThat(row.getSchema().getName()).isEqualTo("Row");
        assertThat(row.get("i8")).isEqualTo(-8);
        assertThat(row.get("i16")).isEqualTo(1600);
        assertThat(row.get("i32")).isEqualTo(32);
        assertThat(row.get("i64")).isEqualTo(1L << 40);
        assertThat(row.get("f32")).isEqualTo(1.5f);
        assertThat(row.get("f64")).isEqualTo(2.25);
        assertThat(row.get("flag")).isEqualTo(true);
        assertThat(row.get("name")).isNull();
        assertThat(((ByteBuffer) row.get("bytes")).array()).containsExactly(1, 2, 3);
        assertThat(new BigDecimal(new java.math.BigInteger(((ByteBuffer) row.get("amount")).array()), 2))
                .isEqualTo(new BigDecimal("12.34"));
        assertThat(row.getSchema().getField("amount").schema().getLogicalType().getName()).isEqualTo("decimal");
        assertThat(row.get("day")).isEqualTo(20_000);
        assertThat(row.get("at")).isEqualTo(1_764_147_600_123L);
        assertThat((List<?>) row.get("tags")).extracting(Object::toString).containsExactly("x", "y");
        Map<String, Object> readScores = new HashMap<>();
        ((Map<?, ?>) row.get("scores")).forEach((k, v) -> readScores.put(k.toString(), v));
        assertThat(readScores).containsEntry("a", 1L).containsEntry("b", null).hasSize(2);
        assertThat(((GenericRecord) row.get("address")).get("city")).isEqualTo(new Utf8("Lyon"));
    }

    @Test
    void aDecimalBeyondItsPrecisionIsRefusedBeforeAnythingIsWritten() throws IOException {
        Schema schema = SchemaBuilder.struct().field("amount",
                Decimal.builder(2).parameter(ParquetSchemas.DECIMAL_PRECISION_PARAMETER, "4").build()).build();
        Path file = newFile();
        RecordWriter writer = new ParquetFormat("snappy", 1024 * 1024).open(file.getFileSystem(new Configuration()),
                file, record(schema, new Struct(schema).put("amount", new BigDecimal("12.34")), 0));
        writer.write(record(schema, new Struct(schema).put("amount", new BigDecimal("12.34")), 0));
        assertThatThrownBy(() -> writer.write(record(schema, new Struct(schema).put("amount",
                new BigDecimal("123.45")), 1))).isInstanceOf(DataException.class).hasMessageContaining("precision");
        writer.commit();
        assertThat(readBack(file)).hasSize(1);
    }
}
