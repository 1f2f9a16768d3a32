package io.ottpulse.stats.api;

import com.sun.net.httpserver.HttpExchange;
import io.ottpulse.stats.StatsJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events for live views: every second, one snapshot (channel load, top channels, alerts) is computed and
 * written to every connected client, so the cost does not grow with the number of dashboards.
 */
final class SseHub implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SseHub.class);
    private static final long PERIOD_MS = 1_000;

    private final List<HttpExchange> clients = new CopyOnWriteArrayList<>();
    private final Supplier<Answers.Snapshot> snapshots;
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stats-sse");
        thread.setDaemon(true);
        return thread;
    });

    SseHub(Supplier<Answers.Snapshot> snapshots) {
        this.snapshots = snapshots;
        pusher.scheduleAtFixedRate(this::push, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Keeps the exchange open as an event stream; the first snapshot follows within a second. */
    void subscribe(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
        exchange.sendResponseHeaders(200, 0);
        exchange.getResponseBody().write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
        exchange.getResponseBody().flush();
        clients.add(exchange);
    }

    int clients() {
        return clients.size();
    }

    private void push() {
        if (clients.isEmpty()) {
            return;
        }
        byte[] event;
        try {
            event = ("event: snapshot\ndata: " + StatsJson.write(snapshots.get()) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            log.debug("No snapshot this second: {}", e.toString());
            return;
        }
        for (HttpExchange client : clients) {
            try {
                OutputStream out = client.getResponseBody();
                out.write(event);
                out.flush();
            } catch (IOException gone) {
                clients.remove(client);
                client.close();
            }
        }
    }

    @Override
    public void close() {
        pusher.shutdownNow();
        clients.forEach(HttpExchange::close);
        clients.clear();
    }
}
