package io.ottpulse.stats.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ottpulse.stats.StatsJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The query API over HTTP: {@code /v1/stats/channels}, {@code /v1/stats/channels/{id}} and {@code /health}. */
public final class StatsServer implements AutoCloseable {

    static final String CHANNELS_PATH = "/v1/stats/channels";
    static final String HEALTH_PATH = "/health";
    private static final Logger log = LoggerFactory.getLogger(StatsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private StatsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param ready true when the stores can be queried (the application is running)
     */
    public static StatsServer start(String host, int port, StatsQueries queries, BooleanSupplier ready)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "stats-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext(HEALTH_PATH, exchange -> health(exchange, ready));
        server.createContext(CHANNELS_PATH, exchange -> channels(exchange, queries));
        server.start();
        return new StatsServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void health(HttpExchange exchange, BooleanSupplier ready) throws IOException {
        boolean up = ready.getAsBoolean();
        send(exchange, up ? 200 : 503, Map.of("status", up ? "UP" : "STARTING"));
    }

    private static void channels(HttpExchange exchange, StatsQueries queries) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            send(exchange, 405, Map.of("error", "method_not_allowed", "message", "use GET"));
            return;
        }
        String rest = exchange.getRequestURI().getPath().substring(CHANNELS_PATH.length());
        try {
            if (rest.isEmpty() || rest.equals("/")) {
                send(exchange, 200, ChannelsAnswer.of(queries.channels()));
            } else {
                send(exchange, 200, queries.channel(rest.substring(1)).orElseThrow());
            }
        } catch (InvalidStateStoreException e) {
            send(exchange, 503, Map.of("error", "not_ready", "message", "state is being restored or rebalanced; retry"));
        } catch (RuntimeException e) {
            log.warn("Query {} failed", exchange.getRequestURI(), e);
            send(exchange, 500, Map.of("error", "internal", "message", String.valueOf(e.getMessage())));
        }
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = StatsJson.writeBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
