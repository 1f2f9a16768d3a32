package io.ottpulse.archive;

import java.io.IOException;
import org.apache.kafka.connect.sink.SinkRecord;

/** Writes the records of one file in one format. */
interface RecordWriter {

    /** False when the record cannot go into this file (its schema differs) and needs a file of its own. */
    boolean accepts(SinkRecord record);

    /**
     * Appends a record. A value the format cannot hold is a {@link org.apache.kafka.connect.errors.DataException}
     * thrown before anything is written, so the file stays consistent.
     */
    void write(SinkRecord record) throws IOException;

    /** Makes everything written durable (hsync on HDFS) and closes the file. */
    void commit() throws IOException;

    /** Closes the file without caring for its content, which is about to be discarded. */
    void abort();
}
