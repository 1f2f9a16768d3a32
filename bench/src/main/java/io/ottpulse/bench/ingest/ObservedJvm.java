package io.ottpulse.bench.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** One of the benchmark's JVMs, watched for its CPU time and stop-the-world pauses ({@link StopTheWorldLog}). */
record ObservedJvm(String name, long pid, Path pauseLog) {

    static ObservedJvm self(String name, Path pauseLog) {
        StopTheWorldLog.startInThisJvm(pauseLog);
        return new ObservedJvm(name, ProcessHandle.current().pid(), pauseLog);
    }

    /**
     * How long its threads, summed, were ready to run but waited for a CPU (Linux {@code schedstat}); threads that
     * ended are not counted, nor anything where the kernel does not keep these figures.
     */
    Duration runQueueWait() {
        long nanos = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads) {
                nanos += Long.parseLong(Files.readString(thread.resolve("schedstat")).trim().split(" ")[1]);
            }
        } catch (IOException | RuntimeException goneOrUnsupported) {
            // A thread that ended while listing, or no schedstat here: count what was read.
        }
        return Duration.ofNanos(nanos);
    }

    /** CPU time used so far, all threads; zero once the process is gone. */
    Duration cpu() {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration()).orElse(Duration.ZERO);
    }
}
