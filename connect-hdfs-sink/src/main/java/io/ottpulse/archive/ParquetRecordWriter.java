package io.ottpulse.archive;

import java.io.IOException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * Writes records to one Parquet file. Each value is converted in full before Parquet sees it, so a value that cannot
 * be converted never leaves half a row behind.
 */
final class ParquetRecordWriter<T> implements RecordWriter {

    private final HdfsOutputFile file;
    private final ParquetWriter<T> writer;
    private final Predicate<SinkRecord> accepts;
    private final Function<SinkRecord, T> convert;

    ParquetRecordWriter(HdfsOutputFile file, ParquetWriter<T> writer, Predicate<SinkRecord> accepts,
            Function<SinkRecord, T> convert) {
        this.file = file;
        this.writer = writer;
        this.accepts = accepts;
        this.convert = convert;
    }

    @Override
    public boolean accepts(SinkRecord record) {
        return accepts.test(record);
    }

    @Override
    public void write(SinkRecord record) throws IOException {
        writer.write(convert.apply(record));
    }

    /** Closing writes the footer; the stream hsyncs before it closes ({@link HdfsOutputFile}). */
    @Override
    public void commit() throws IOException {
        writer.close();
    }

    @Override
    public void abort() {
        file.abort();
    }
}
