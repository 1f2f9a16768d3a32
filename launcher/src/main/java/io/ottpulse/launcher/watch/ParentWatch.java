package io.ottpulse.launcher.watch;

import java.io.IOException;
import java.io.InputStream;

/**
 * Java agent given to every child JVM of the launcher: the launcher holds the child's standard input open, so when
 * the launcher dies (even by {@code kill -9}) the input ends and the child exits, running its shutdown hooks. No
 * component is ever left behind.
 */
public final class ParentWatch {

    private ParentWatch() {
    }

    public static void premain(String args) {
        Thread watcher = new Thread(ParentWatch::exitWhenInputEnds, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void exitWhenInputEnds() {
        InputStream in = System.in;
        try {
            while (in.read() != -1) {
                // The launcher never writes; anything read is ignored.
            }
        } catch (IOException ignored) {
            // A broken pipe means the same as the end of input.
        }
        System.exit(0);
    }
}
