package io.ottpulse.bench.ingest;

import java.io.IOException;
import java.io.InputStream;

/**
 * For the benchmark's child JVMs: the parent holds the child's standard input open and never writes, so its end
 * means the parent is gone (even after {@code kill -9}); the child then exits, running its shutdown hooks.
 */
final class ExitWithParent {

    private ExitWithParent() {
    }

    static void watch() {
        Thread watcher = new Thread(ExitWithParent::exitWhenInputEnds, "exit-with-parent");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void exitWhenInputEnds() {
        InputStream in = System.in;
        try {
            while (in.read() != -1) {
                // The parent never writes; anything read is ignored.
            }
        } catch (IOException brokenPipe) {
            // The parent's end of the pipe is closed: the same as the end of input.
        }
        System.exit(0);
    }
}
