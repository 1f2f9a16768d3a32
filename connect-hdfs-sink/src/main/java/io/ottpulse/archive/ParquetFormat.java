package io.ottpulse.archive;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet files. A value with a Connect schema (a {@link Struct}) is written with columns derived from that schema;
 * a schemaless value (JSON text or map) is read as an activity event and written with the declared event schema.
 */
final class ParquetFormat implements RecordFormat {

    static final Map<String, CompressionCodecName> CODECS = codecs();

    private final CompressionCodecName codec;
    private final int rowGroupBytes;
    private final Configuration conf = new Configuration();

    ParquetFormat(String codec, int rowGroupBytes) {
        this.codec = CODECS.get(codec);
        if (this.codec == null) {
            throw new IllegalArgumentException("unknown Parquet codec " + codec);
        }
        this.rowGroupBytes = rowGroupBytes;
    }

    private static Map<String, CompressionCodecName> codecs() {
        Map<String, CompressionCodecName> codecs = new LinkedHashMap<>();
        codecs.put("snappy", CompressionCodecName.SNAPPY);
        codecs.put("zstd", CompressionCodecName.ZSTD);
        codecs.put("gzip", CompressionCodecName.GZIP);
        codecs.put("uncompressed", CompressionCodecName.UNCOMPRESSED);
        return Map.copyOf(codecs);
    }

    @Override
    public String extension() {
        return ".parquet";
    }

    @Override
    public RecordWriter open(FileSystem fs, Path file, SinkRecord first) throws IOException {
        HdfsOutputFile out = new HdfsOutputFile(fs, file);
        if (first.value() instanceof Struct) {
            Schema schema = first.valueSchema();
            StructWriteSupport support = new StructWriteSupport(schema);
            return new ParquetRecordWriter<>(out, builder(out, support).build(),
                    record -> record.valueSchema() == schema || schema.equals(record.valueSchema()),
                    record -> support.prepare((Struct) record.value()));
        }
        // eventId is unique: a dictionary would only be built to be dropped (a third of the write time).
        return new ParquetRecordWriter<>(out, builder(out, new ActivityEventWriteSupport())
                .withDictionaryEncoding("eventId", false).build(),
                record -> !(record.value() instanceof Struct),
                record -> ActivityEvents.fromValue(record.value()));
    }

    private <T> Builder<T> builder(HdfsOutputFile out, WriteSupport<T> support) {
        return new Builder<>(out, support)
                .withConf(conf)
                .withCompressionCodec(codec)
                .withRowGroupSize((long) rowGroupBytes);
    }

    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {

        private final WriteSupport<T> support;

        Builder(HdfsOutputFile file, WriteSupport<T> support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected WriteSupport<T> getWriteSupport(Configuration conf) {
            return support;
        }
    }
}
