package io.ottpulse.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports below the ephemeral range (which starts at 32768 on Linux): no outgoing connection is ever given
 * one of them, so a component killed and restarted gets its port back.
 */
final class LoopbackPorts {

    private static final int LOW = 20_000;
    private static final int HIGH = 30_000;

    private final Set<Integer> handedOut = new HashSet<>();

    int pick() {
        return pickRun(1);
    }

    /** The first of {@code count} consecutive free ports (the ingest tasks listen on a base port + task number). */
    int pickRun(int count) {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(LOW, HIGH - count);
            boolean free = true;
            for (int port = first; port < first + count && free; port++) {
                free = !handedOut.contains(port) && bindable(port);
            }
            if (free) {
                for (int port = first; port < first + count; port++) {
                    handedOut.add(port);
                }
                return first;
            }
        }
        throw new IllegalStateException("no " + count + " free consecutive ports in " + LOW + "-" + HIGH);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
