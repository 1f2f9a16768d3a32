package io.ottpulse.bench.ingest;

import io.ottpulse.testkit.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The benchmark's broker JVM: testkit's single-node KRaft broker (the one the in-process benchmark used). Writes its
 * bootstrap servers to the file given as the only argument once it accepts clients, and runs until its parent exits.
 */
public final class BrokerMain {

    private BrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path readyFile = Path.of(args[0]);
        KafkaBroker broker = KafkaBroker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "broker-shutdown"));
        // Written under another name and moved, so the parent never reads a half-written file.
        Path partial = readyFile.resolveSibling(readyFile.getFileName() + ".partial");
        Files.writeString(partial, broker.bootstrapServers());
        Files.move(partial, readyFile, StandardCopyOption.ATOMIC_MOVE);
        Thread.currentThread().join();
    }
}
