package io.ottpulse.bench.ingest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * A JVM's unified log of its garbage collections and safepoints, read back as the stop-the-world pauses it had: every
 * collector's pauses (G1's evacuations, ZGC's mark and relocate starts) and any other VM operation stopping all
 * threads are safepoints, so this shows every whole-JVM stall, GC or not.
 */
final class StopTheWorldLog {

    private static final String WHAT = "gc,safepoint";
    private static final String DECORATORS = "utctime";
    private static final Pattern SAFEPOINT = Pattern.compile(
            "^\\[([^\\]]+)\\] Safepoint \"([^\"]+)\".*, Total: (\\d+) ns");
    private static final Pattern COLLECTION = Pattern.compile(
            "^\\[([^\\]]+)\\] GC\\((\\d+)\\) (Pause|Garbage Collection)");
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private StopTheWorldLog() {
    }

    /** The option that makes a JVM write this log to {@code file}. */
    static String jvmOption(Path file) {
        return "-Xlog:" + WHAT + ":file=" + file + ":" + DECORATORS;
    }

    /** Starts writing this log for the running JVM, as {@code jcmd <pid> VM.log} would. */
    static void startInThisJvm(Path file) {
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmLog",
                    new Object[] {new String[] {"output=" + file, "what=" + WHAT, "decorators=" + DECORATORS}},
                    new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("could not start logging this JVM's pauses to " + file, e);
        }
    }

    static List<Pause> pauses(Path file) throws IOException {
        List<Pause> pauses = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Matcher safepoint = SAFEPOINT.matcher(line);
            if (safepoint.find()) {
                long endMillis = OffsetDateTime.parse(safepoint.group(1), UTC_TIME).toInstant().toEpochMilli();
                pauses.add(new Pause(endMillis, Duration.ofNanos(Long.parseLong(safepoint.group(3))),
                        safepoint.group(2)));
            }
        }
        return pauses;
    }

    /** How many collections (young, mixed, full; ZGC cycles) the log shows between the two instants. */
    static long collections(Path file, long fromEpochMillis, long toEpochMillis) throws IOException {
        Set<String> ids = new HashSet<>();
        for (String line : Files.readAllLines(file)) {
            Matcher collection = COLLECTION.matcher(line);
            if (collection.find()) {
                long at = OffsetDateTime.parse(collection.group(1), UTC_TIME).toInstant().toEpochMilli();
                if (at >= fromEpochMillis && at <= toEpochMillis) {
                    ids.add(collection.group(2));
                }
            }
        }
        return ids.size();
    }
}
