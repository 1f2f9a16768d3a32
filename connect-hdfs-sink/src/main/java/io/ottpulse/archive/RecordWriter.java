package io.ottpulse.archive;

import java.io.IOException;
import org.apache.kafka.connect.sink.SinkRecord;

/** Writes the records of one file in one format. */
interface RecordWriter {

    void write(SinkRecord record) throws IOException;

    /** Makes everything written durable (hsync on HDFS) and closes the file. */
    void commitAndClose() throws IOException;

    /** Closes the file without caring for its content, which is about to be discarded. */
    void abort();
}
