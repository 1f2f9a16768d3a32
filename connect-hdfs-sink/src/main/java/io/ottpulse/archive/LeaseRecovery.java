package io.ottpulse.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LeaseRecoverable;
import org.apache.hadoop.fs.Path;

/**
 * Closes a file that a crashed writer left open. Until its lease is recovered, HDFS may hide the file's last block
 * and refuses a new writer; recovering it makes the length final at once instead of after the hard limit (1 h).
 */
final class LeaseRecovery {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long POLL_MS = 200;

    private LeaseRecovery() {
    }

    /** Makes sure {@code file} is closed; returns at once on file systems without leases. */
    static void ensureClosed(FileSystem fs, Path file) throws IOException {
        if (!(fs instanceof LeaseRecoverable leases) || leases.isFileClosed(file)) {
            return;
        }
        Instant deadline = Instant.now().plus(WAIT);
        while (!leases.recoverLease(file)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("the lease on " + file + " was not recovered within " + WAIT);
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while recovering the lease on " + file);
            }
        }
    }
}
