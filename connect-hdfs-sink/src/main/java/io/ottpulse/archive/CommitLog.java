package io.ottpulse.archive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable commit point of one topic-partition, kept in its own small directory so recovery never lists the data.
 * A commit of offsets up to E is: write {@code intent-E} naming every (temp, target) move; rename each temp file to
 * its target; write {@code committed-E}; delete the intent and older markers. Whatever step a crash interrupts,
 * {@link #recover()} either finishes the commit (the intent exists) or leaves it undone (it does not).
 */
final class CommitLog {

    static final long NONE = -1L;
    private static final String INTENT = "intent-";
    private static final String COMMITTED = "committed-";

    private static final Logger log = LoggerFactory.getLogger(CommitLog.class);

    private final FileSystem fs;
    private final Path dir;

    CommitLog(FileSystem fs, Path dir) {
        this.fs = fs;
        this.dir = dir;
    }

    /**
     * Finishes an interrupted commit, if any, and returns the last committed offset, or {@link #NONE}.
     */
    long recover() throws IOException {
        fs.mkdirs(dir);
        long committed = NONE;
        Path intent = null;
        long intentOffset = NONE;
        for (FileStatus marker : fs.listStatus(dir)) {
            String name = marker.getPath().getName();
            if (name.startsWith(COMMITTED)) {
                committed = Math.max(committed, offsetOf(name, COMMITTED));
            } else if (name.startsWith(INTENT) && offsetOf(name, INTENT) > intentOffset) {
                intent = marker.getPath();
                intentOffset = offsetOf(name, INTENT);
            }
        }
        if (intent != null && intentOffset > committed) {
            List<FileMove> moves = readIntent(intent);
            if (moves != null) {
                log.info("Finishing the interrupted commit {} of {} file(s)", intent, moves.size());
                apply(moves);
                markCommitted(intentOffset);
                committed = intentOffset;
            }
        }
        cleanUp(committed);
        return committed;
    }

    /** Commits the given finished temporary files as holding every record up to {@code lastOffset}. */
    void commit(long lastOffset, List<FileMove> moves) throws IOException {
        writeIntent(lastOffset, moves);
        apply(moves);
        markCommitted(lastOffset);
        cleanUp(lastOffset);
    }

    private void writeIntent(long lastOffset, List<FileMove> moves) throws IOException {
        StringBuilder text = new StringBuilder();
        for (FileMove move : moves) {
            text.append(move.temp()).append('\t').append(move.target()).append('\n');
        }
        text.append("end\n");
        try (FSDataOutputStream out = fs.create(marker(INTENT, lastOffset), true)) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.hsync();
        }
    }

    /** The moves of an intent, or null when the intent was never completely written (its writer crashed). */
    private List<FileMove> readIntent(Path intent) throws IOException {
        LeaseRecovery.ensureClosed(fs, intent);
        List<FileMove> moves = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(intent), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("end")) {
                    return moves;
                }
                String[] paths = line.split("\t", 2);
                if (paths.length != 2) {
                    break;
                }
                moves.add(new FileMove(new Path(paths[0]), new Path(paths[1])));
            }
        }
        log.warn("Discarding the incomplete commit intent {}", intent);
        return null;
    }

    /** Renames each temp file to its target; a move found already done is skipped, so this can be repeated. */
    private void apply(List<FileMove> moves) throws IOException {
        for (FileMove move : moves) {
            if (fs.exists(move.target())) {
                continue;
            }
            if (!fs.exists(move.temp())) {
                throw new IOException("cannot commit " + move.target() + ": neither it nor its temp file "
                        + move.temp() + " exists");
            }
            LeaseRecovery.ensureClosed(fs, move.temp());
            fs.mkdirs(move.target().getParent());
            if (!fs.rename(move.temp(), move.target())) {
                throw new IOException("renaming " + move.temp() + " to " + move.target() + " failed");
            }
        }
    }

    private void markCommitted(long lastOffset) throws IOException {
        fs.create(marker(COMMITTED, lastOffset), true).close();
    }

    /** Deletes every marker but the newest committed one. */
    private void cleanUp(long committed) throws IOException {
        for (FileStatus marker : fs.listStatus(dir)) {
            String name = marker.getPath().getName();
            boolean current = name.equals(markerName(COMMITTED, committed));
            if (!current) {
                fs.delete(marker.getPath(), false);
            }
        }
    }

    private Path marker(String prefix, long offset) {
        return new Path(dir, markerName(prefix, offset));
    }

    private static String markerName(String prefix, long offset) {
        return prefix + String.format("%019d", offset);
    }

    private static long offsetOf(String name, String prefix) {
        return Long.parseLong(name.substring(prefix.length()));
    }
}
