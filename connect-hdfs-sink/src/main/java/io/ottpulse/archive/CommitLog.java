package io.ottpulse.archive;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable commit point of one topic-partition: a log in the partition's own small directory
 * ({@code +state/<topic>/<partition>/log-<generation>}), so recovery never lists the data.
 *
 * <p>A commit of the records up to offset E appends an intent naming every (temp file, committed file) move and
 * hsyncs it: from then on the commit is decided. Then each temp file is renamed. A crash before the intent is durable
 * leaves nothing decided (the temp files are discarded and the records read again); a crash after it is completed by
 * the next owner, which re-applies the last intent (a move whose target exists is done). So a commit is atomic per
 * topic-partition even when it moves several files.
 *
 * <p>The owner keeps its log open, so it holds the file's HDFS lease. A new owner first recovers the lease of every
 * log ({@code recoverLease}): a crashed or partitioned previous owner (a zombie) then fails on its next hsync and can
 * decide nothing more, while whatever it made durable before is seen and completed. The new owner then starts the next
 * generation with a checkpoint of the committed offset and deletes the older logs.
 */
final class CommitLog implements Closeable {

    static final long NONE = -1L;
    /** Commits per log generation before the log is rolled, which bounds what recovery reads. */
    static final int ROLL_AFTER_COMMITS = 1_000;

    private static final String LOG_PREFIX = "log-";
    private static final String CHECKPOINT = "checkpoint";
    private static final String INTENT = "intent";
    private static final String MOVE = "move";
    private static final String END = "end";
    private static final int TAKEOVER_ATTEMPTS = 3;

    private static final Logger log = LoggerFactory.getLogger(CommitLog.class);

    private final FileSystem fs;
    private final Path dir;
    private final int rollAfterCommits;
    private FSDataOutputStream out;
    private long generation;
    private int commitsInLog;
    private long committed = NONE;

    CommitLog(FileSystem fs, Path dir) {
        this(fs, dir, ROLL_AFTER_COMMITS);
    }

    /** For tests of rolling, which would otherwise need a thousand commits. */
    CommitLog(FileSystem fs, Path dir, int rollAfterCommits) {
        this.fs = fs;
        this.dir = dir;
        this.rollAfterCommits = rollAfterCommits;
    }

    /**
     * Takes the partition over: fences every earlier writer, completes the last decided commit, starts a new log
     * generation. Returns the last committed offset, or {@link #NONE}.
     */
    long open() throws IOException {
        fs.mkdirs(dir);
        for (int attempt = 1; ; attempt++) {
            List<Path> logs = logs();
            for (Path old : logs) {
                LeaseRecovery.ensureClosed(fs, old);
            }
            LogContent content = new LogContent();
            for (Path old : logs) {
                content.read(fs, old);
            }
            if (content.pending != null) {
                log.info("Completing the commit up to offset {} ({} file(s)) decided in {}", content.committed,
                        content.pending.size(), dir);
                apply(content.pending, true);
            }
            long next = logs.isEmpty() ? 1 : generationOf(logs.get(logs.size() - 1)) + 1;
            try {
                out = fs.create(logPath(next), false);
            } catch (FileAlreadyExistsException e) {
                if (attempt == TAKEOVER_ATTEMPTS) {
                    throw new IOException("another writer keeps taking " + dir + " over", e);
                }
                continue;
            }
            generation = next;
            commitsInLog = 0;
            committed = content.committed;
            writeCheckpoint();
            for (Path old : logs) {
                fs.delete(old, false);
            }
            return committed;
        }
    }

    long committed() {
        return committed;
    }

    /** Commits the finished temp files as holding every record of the partition up to {@code lastOffset}. */
    void commit(long lastOffset, List<FileMove> moves) throws IOException {
        StringBuilder intent = new StringBuilder();
        intent.append(INTENT).append('\t').append(lastOffset).append('\t').append(moves.size()).append('\n');
        for (FileMove move : moves) {
            intent.append(MOVE).append('\t').append(plain(move.temp())).append('\t').append(plain(move.target()))
                    .append('\n');
        }
        intent.append(END).append('\t').append(lastOffset).append('\n');
        out.write(intent.toString().getBytes(StandardCharsets.UTF_8));
        out.hsync();
        apply(moves, false);
        committed = lastOffset;
        if (++commitsInLog >= rollAfterCommits) {
            roll();
        }
    }

    /**
     * Stops writing; the lease is released and the next owner has nothing to recover. A checkpoint first records that
     * the last commit is complete, so the next owner need not check its files.
     */
    @Override
    public void close() {
        if (out != null) {
            try {
                if (committed != NONE) {
                    out.write((CHECKPOINT + "\t" + committed + "\n").getBytes(StandardCharsets.UTF_8));
                }
                out.close();
            } catch (IOException e) {
                log.warn("Closing the commit log in {} failed; the next owner recovers its lease: {}", dir,
                        e.toString());
            }
            out = null;
        }
    }

    private void roll() throws IOException {
        FSDataOutputStream previous = out;
        Path previousPath = logPath(generation);
        try {
            out = fs.create(logPath(generation + 1), false);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("another writer took " + dir + " over", e);
        }
        generation++;
        commitsInLog = 0;
        writeCheckpoint();
        previous.close();
        fs.delete(previousPath, false);
    }

    private void writeCheckpoint() throws IOException {
        if (committed != NONE) {
            out.write((CHECKPOINT + "\t" + committed + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.hsync();
    }

    /**
     * Renames each temp file to its target. A move whose target exists was done before (or by a fenced writer racing
     * this one), so applying an intent again is harmless.
     */
    private void apply(List<FileMove> moves, boolean recovering) throws IOException {
        for (FileMove move : moves) {
            if (recovering && fs.exists(move.target())) {
                continue;
            }
            if (fs.rename(move.temp(), move.target())) {
                continue;
            }
            if (fs.exists(move.target())) {
                continue;
            }
            if (!fs.exists(move.temp())) {
                if (recovering) {
                    log.warn("Neither {} nor its temp file exists any more; it was moved away after its commit",
                            move.target());
                    continue;
                }
                throw new IOException("the temp file " + move.temp() + " of " + move.target() + " is gone");
            }
            fs.mkdirs(move.target().getParent());
            if (!fs.rename(move.temp(), move.target()) && !fs.exists(move.target())) {
                throw new IOException("renaming " + move.temp() + " to " + move.target() + " failed");
            }
        }
    }

    private List<Path> logs() throws IOException {
        FileStatus[] files = fs.listStatus(dir, path -> path.getName().startsWith(LOG_PREFIX));
        return Arrays.stream(files).map(FileStatus::getPath)
                .sorted(Comparator.comparingLong(CommitLog::generationOf)).toList();
    }

    private Path logPath(long generation) {
        return new Path(dir, LOG_PREFIX + String.format("%019d", generation));
    }

    private static long generationOf(Path log) {
        return Long.parseLong(log.getName().substring(LOG_PREFIX.length()));
    }

    /** The path without scheme and authority, so the log does not depend on how the store URL was written. */
    private static String plain(Path path) {
        return path.toUri().getPath();
    }

    /** What a set of logs, read oldest first, says: the committed offset and the commit to complete, if any. */
    private static final class LogContent {

        long committed = NONE;
        List<FileMove> pending;

        void read(FileSystem fs, Path logFile) throws IOException {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(fs.open(logFile), StandardCharsets.UTF_8))) {
                List<String> lines = new ArrayList<>();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
                parse(lines, logFile);
            }
        }

        /** Reads entries until the end or the first incomplete one, which a crash cut short: it decided nothing. */
        private void parse(List<String> lines, Path logFile) {
            int i = 0;
            while (i < lines.size()) {
                String[] entry = lines.get(i).split("\t", -1);
                if (entry.length == 2 && entry[0].equals(CHECKPOINT) && isNumber(entry[1])) {
                    advance(Long.parseLong(entry[1]), null);
                    i++;
                } else if (entry.length == 3 && entry[0].equals(INTENT) && isNumber(entry[1])
                        && isNumber(entry[2])) {
                    long offset = Long.parseLong(entry[1]);
                    int count = Integer.parseInt(entry[2]);
                    List<FileMove> moves = moves(lines, i + 1, count);
                    int endLine = i + 1 + count;
                    if (moves == null || endLine >= lines.size()
                            || !lines.get(endLine).equals(END + "\t" + offset)) {
                        log.info("Ignoring the incomplete commit intent at the end of {}", logFile);
                        return;
                    }
                    advance(offset, moves);
                    i = endLine + 1;
                } else {
                    log.info("Ignoring an incomplete entry at the end of {}", logFile);
                    return;
                }
            }
        }

        private void advance(long offset, List<FileMove> moves) {
            if (offset > committed) {
                committed = offset;
                pending = moves;
            } else if (offset == committed && moves == null) {
                pending = null;
            }
        }

        private static List<FileMove> moves(List<String> lines, int from, int count) {
            List<FileMove> moves = new ArrayList<>(count);
            for (int i = from; i < from + count; i++) {
                if (i >= lines.size()) {
                    return null;
                }
                String[] move = lines.get(i).split("\t", -1);
                if (move.length != 3 || !move[0].equals(MOVE)) {
                    return null;
                }
                moves.add(new FileMove(new Path(move[1]), new Path(move[2])));
            }
            return moves;
        }

        private static boolean isNumber(String text) {
            return !text.isEmpty() && text.length() < 19 && text.chars().allMatch(Character::isDigit);
        }
    }
}
