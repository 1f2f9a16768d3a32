package io.ottpulse.bench.ingest;

import java.nio.file.Path;
import java.time.Duration;

/** One of the benchmark's JVMs, watched for its CPU time and its stop-the-world pauses (see {@link StopTheWorldLog}). */
record ObservedJvm(String name, long pid, Path pauseLog) {

    static ObservedJvm self(String name, Path pauseLog) {
        StopTheWorldLog.startInThisJvm(pauseLog);
        return new ObservedJvm(name, ProcessHandle.current().pid(), pauseLog);
    }

    /** CPU time used so far, all threads; zero once the process is gone. */
    Duration cpu() {
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration()).orElse(Duration.ZERO);
    }
}
