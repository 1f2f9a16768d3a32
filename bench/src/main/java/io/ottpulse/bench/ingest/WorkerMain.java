package io.ottpulse.bench.ingest;

import org.apache.kafka.connect.cli.ConnectDistributed;

/** The benchmark's Connect worker JVM: Connect's own distributed-mode entry point, ending when its parent does. */
public final class WorkerMain {

    private WorkerMain() {
    }

    /** @param args the worker properties file, as for {@code connect-distributed.sh} */
    public static void main(String[] args) {
        ConnectDistributed.main(args);
    }
}
