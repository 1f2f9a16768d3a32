package io.ottpulse.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.LeaseRecoverable;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.PathFilter;
import org.apache.hadoop.fs.Syncable;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * HDFS as seen by a process that can crash at a chosen step: {@code crashing://host:port} is the MiniDFSCluster at
 * {@code hdfs://host:port}. When an armed {@link Step} is reached the instance "dies": it throws {@link Crash} and from
 * then on every call throws too, while its real HDFS client is left running with its leases, files and temp files
 * exactly as they were, like a crashed (or hung) worker. Tests register it as {@code fs.crashing.impl} through a
 * {@code core-site.xml} in {@code hadoop.conf.dir}, so the task under test runs unchanged.
 */
public class CrashingFileSystem extends FilterFileSystem implements LeaseRecoverable {

    public static final String SCHEME = "crashing";

    /** The dangerous points of the commit path and of recovery. */
    public enum Step {
        /** A write to a temp file (records being written). */
        TEMP_WRITE,
        /** The hsync of a finished temp file, before the commit intent. */
        TEMP_SYNC,
        /** The hsync that makes a commit intent durable: before it, nothing is decided. */
        INTENT_SYNC,
        /** A rename of a temp file to its committed name: the intent is durable, some files may be moved. */
        RENAME,
        /** Just after a rename: files committed, Kafka's offsets not yet. */
        AFTER_RENAME,
        /** Any file system call of recovery: lease recovery, reading the log, starting the next one, cleaning up. */
        RECOVERY
    }

    /** The crash itself: unchecked, so it fails the task as a dying process would stop it. */
    public static final class Crash extends RuntimeException {
        Crash(String message) {
            super(message);
        }
    }

    private static final List<CrashingFileSystem> INSTANCES = new CopyOnWriteArrayList<>();
    private static final List<FileSystem> ABANDONED = new CopyOnWriteArrayList<>();
    private static final AtomicInteger CRASHES = new AtomicInteger();
    private static final List<String> JOURNAL = new CopyOnWriteArrayList<>();
    private static volatile Step armed;
    private static final AtomicInteger COUNTDOWN = new AtomicInteger();

    private volatile boolean crashed;

    /** The core-site.xml text that maps {@code crashing://} to this class, plus other settings. */
    public static String coreSite(Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put("fs." + SCHEME + ".impl", CrashingFileSystem.class.getName());
        all.put("fs." + SCHEME + ".impl.disable.cache", "true");
        StringBuilder xml = new StringBuilder("<configuration>\n");
        all.forEach((name, value) -> xml.append("  <property><name>").append(name).append("</name><value>")
                .append(value).append("</value></property>\n"));
        return xml.append("</configuration>\n").toString();
    }

    /** Crashes the instance that reaches {@code step} for the {@code countdown}-th time from now (1 = next). */
    public static void arm(Step step, int countdown) {
        COUNTDOWN.set(countdown);
        armed = step;
    }

    public static void disarm() {
        armed = null;
    }

    public static Step armedStep() {
        return armed;
    }

    /** Crashes every live instance at once, as a whole worker dying. */
    public static void crashAll() {
        for (CrashingFileSystem fs : INSTANCES) {
            fs.die();
        }
    }

    public static int crashes() {
        return CRASHES.get();
    }

    /** Every call made through any instance since the last {@link #clearJournal()}, as "operation path". */
    public static List<String> journal() {
        return new ArrayList<>(JOURNAL);
    }

    public static void clearJournal() {
        JOURNAL.clear();
    }

    /** Closes the real HDFS clients that crashed instances left behind, as their processes finally exit. */
    public static void closeAbandoned() throws IOException {
        for (FileSystem fs : ABANDONED) {
            ABANDONED.remove(fs);
            fs.close();
        }
    }

    @Override
    public void initialize(URI name, Configuration conf) throws IOException {
        setConf(conf);
        fs = FileSystem.newInstance(URI.create("hdfs://" + name.getAuthority()), conf);
        INSTANCES.add(this);
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    private void die() {
        if (!crashed) {
            crashed = true;
            CRASHES.incrementAndGet();
            INSTANCES.remove(this);
            ABANDONED.add(fs);
        }
    }

    /** Called at each step: throws if this instance is dead or the armed step's countdown runs out here. */
    private void reach(Step step, String what) {
        JOURNAL.add(what);
        if (crashed) {
            throw new Crash("crashed earlier; refusing " + what);
        }
        if (step != null && armed == step && COUNTDOWN.decrementAndGet() == 0) {
            armed = null;
            die();
            throw new Crash("simulated crash at " + step + ": " + what);
        }
    }

    private static boolean isTemp(Path path) {
        return path.toUri().getPath().contains("/" + ArchiveLayout.TMP_DIR + "/");
    }

    private static boolean isState(Path path) {
        return path.toUri().getPath().contains("/" + ArchiveLayout.STATE_DIR + "/");
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        reach(isState(f) ? Step.RECOVERY : null, "create " + f.toUri().getPath());
        FSDataOutputStream real = fs.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
        return new FSDataOutputStream(new Stream(real, f), null);
    }

    @Override
    public FSDataInputStream open(Path f, int bufferSize) throws IOException {
        reach(isState(f) ? Step.RECOVERY : null, "open " + f.toUri().getPath());
        return fs.open(f, bufferSize);
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        boolean commit = isTemp(src);
        reach(commit ? Step.RENAME : null, "rename " + src.toUri().getPath() + " " + dst.toUri().getPath());
        boolean renamed = fs.rename(src, dst);
        if (commit && renamed) {
            reach(Step.AFTER_RENAME, "renamed " + dst.toUri().getPath());
        }
        return renamed;
    }

    @Override
    public boolean delete(Path f, boolean recursive) throws IOException {
        reach(isTemp(f) && recursive ? Step.RECOVERY : null, "delete " + f.toUri().getPath());
        return fs.delete(f, recursive);
    }

    @Override
    public FileStatus[] listStatus(Path f) throws IOException {
        reach(isState(f) ? Step.RECOVERY : null, "list " + f.toUri().getPath());
        return fs.listStatus(f);
    }

    @Override
    public FileStatus[] listStatus(Path f, PathFilter filter) throws IOException {
        reach(isState(f) ? Step.RECOVERY : null, "list " + f.toUri().getPath());
        return fs.listStatus(f, filter);
    }

    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
        reach(null, "status " + f.toUri().getPath());
        return fs.getFileStatus(f);
    }

    @Override
    public boolean mkdirs(Path f, FsPermission permission) throws IOException {
        reach(null, "mkdirs " + f.toUri().getPath());
        return fs.mkdirs(f, permission);
    }

    @Override
    public boolean recoverLease(Path file) throws IOException {
        reach(Step.RECOVERY, "recoverLease " + file.toUri().getPath());
        return ((LeaseRecoverable) fs).recoverLease(file);
    }

    @Override
    public boolean isFileClosed(Path file) throws IOException {
        reach(Step.RECOVERY, "isFileClosed " + file.toUri().getPath());
        return ((LeaseRecoverable) fs).isFileClosed(file);
    }

    /** A dead instance closes nothing: the real client keeps its leases, as a crashed process would. */
    @Override
    public void close() throws IOException {
        if (!crashed) {
            INSTANCES.remove(this);
            fs.close();
        }
    }

    /** A stream that crashes with its file system and, once dead, leaves the real stream open. */
    private final class Stream extends OutputStream implements Syncable {

        private final FSDataOutputStream real;
        private final Path path;
        private boolean intentPending;

        Stream(FSDataOutputStream real, Path path) {
            this.real = real;
            this.path = path;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            reach(isTemp(path) ? Step.TEMP_WRITE : null, "write " + path.toUri().getPath());
            if (isState(path) && new String(b, off, Math.min(len, 6), java.nio.charset.StandardCharsets.UTF_8)
                    .equals("intent")) {
                intentPending = true;
            }
            real.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            reach(null, "flush " + path.toUri().getPath());
            real.flush();
        }

        @Override
        public void hflush() throws IOException {
            reach(null, "hflush " + path.toUri().getPath());
            real.hflush();
        }

        @Override
        public void hsync() throws IOException {
            Step step = isTemp(path) ? Step.TEMP_SYNC : intentPending ? Step.INTENT_SYNC
                    : isState(path) ? Step.RECOVERY : null;
            reach(step, "hsync " + path.toUri().getPath());
            intentPending = false;
            real.hsync();
        }

        @Override
        public void close() throws IOException {
            reach(null, "close " + path.toUri().getPath());
            real.close();
        }
    }
}
