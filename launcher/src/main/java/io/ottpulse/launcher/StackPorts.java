package io.ottpulse.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** The ports of the local stack: the documented defaults, or free ones for tests and side-by-side stacks. */
record StackPorts(int kafka, int kafkaController, int hdfs, int hdfsWeb, int registry, int connect, int ingest,
        int stats, int gateway) {

    static final StackPorts DEFAULTS = new StackPorts(9092, 9093, 8020, 9870, 8761, 8083, 18080, 8090, 8080);

    static StackPorts free() {
        return new StackPorts(pick(), pick(), pick(), pick(), pick(), pick(), pick(), pick(), pick());
    }

    /** Each port by what uses it, for messages and the start-up check. */
    Map<String, Integer> byUse() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("kafka", kafka);
        ports.put("kafka controller", kafkaController);
        ports.put("hdfs", hdfs);
        ports.put("hdfs web", hdfsWeb);
        ports.put("registry", registry);
        ports.put("connect", connect);
        ports.put("ingest", ingest);
        ports.put("stats", stats);
        ports.put("gateway", gateway);
        return ports;
    }

    /** Fails naming the first port some other process already holds. */
    void requireFree() {
        byUse().forEach((use, port) -> {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                throw new IllegalStateException("port " + port + " (" + use + ") is already in use; stop what holds it"
                        + " or run ./ottpulse down");
            }
        });
    }

    private static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
