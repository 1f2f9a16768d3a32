package io.ottpulse.archive;

import java.io.IOException;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet output file on a Hadoop file system whose stream hsyncs before it closes: Parquet's own Hadoop output
 * closes without hsync, and a commit must only rename files whose bytes are durable.
 */
final class HdfsOutputFile implements OutputFile {

    private final FileSystem fs;
    private final Path path;
    private FSDataOutputStream stream;

    HdfsOutputFile(FileSystem fs, Path path) {
        this.fs = fs;
        this.path = path;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        stream = fs.create(path, false);
        return new SyncingStream(stream);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        throw new IOException("archive files are never overwritten: " + path);
    }

    @Override
    public boolean supportsBlockSize() {
        return false;
    }

    @Override
    public long defaultBlockSize() {
        return 0;
    }

    @Override
    public String getPath() {
        return path.toString();
    }

    /** Closes the raw stream without finishing the Parquet file, whose content is being discarded. */
    void abort() {
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException ignored) {
                // The file is deleted next; a failed close changes nothing.
            }
        }
    }

    private static final class SyncingStream extends PositionOutputStream {

        private final FSDataOutputStream out;
        private boolean closed;

        SyncingStream(FSDataOutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() {
            return out.getPos();
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.hsync();
                out.close();
            }
        }
    }
}
