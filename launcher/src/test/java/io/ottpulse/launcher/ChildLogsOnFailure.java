package io.ottpulse.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the end of every child JVM's log when a test fails, so a failure on CI (whose temporary directories are gone
 * afterwards) shows what the broker, worker or service was doing; the reports keep a test's standard error.
 */
final class ChildLogsOnFailure implements TestWatcher {

    private static final int LINES = 150;

    private final Supplier<Path> logsDir;

    ChildLogsOnFailure(Supplier<Path> logsDir) {
        this.logsDir = logsDir;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Path dir = logsDir.get();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> logs = Files.list(dir)) {
            logs.sorted().forEach(ChildLogsOnFailure::printTail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void printTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            System.err.printf("===== last %d lines of %s =====%n", Math.min(LINES, lines.size()), log.getFileName());
            lines.subList(Math.max(0, lines.size() - LINES), lines.size()).forEach(System.err::println);
        } catch (IOException e) {
            System.err.println("===== " + log + " unreadable: " + e.getMessage());
        }
    }
}
