package io.ottpulse.stats.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ottpulse.stats.StatsJson;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stats HTTP API. Public routes under {@code /v1/stats} answer for every key from any instance; the same routes
 * under {@code /internal/v1} answer from this instance's own stores (what other instances forward to); {@code /} and
 * {@code /dashboard/} serve the live dashboard; {@code /health} says whether the instance can answer.
 */
public final class StatsServer implements AutoCloseable {

    static final String PUBLIC_PREFIX = "/v1/stats";
    private static final Pattern CHANNEL = Pattern.compile("/channels/([^/]+)");
    private static final Pattern USER_PREFERENCES = Pattern.compile("/users/([^/]+)/preferences");
    private static final Pattern TOP_N = Pattern.compile("(?:^|&)n=(\\d{1,4})(?:&|$)");
    private static final Pattern PARTITIONS = Pattern.compile("(?:^|&)partitions=([0-9,]+)(?:&|$)");
    private static final Logger log = LoggerFactory.getLogger(StatsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final SseHub sse;
    private final StatsQueries queries;
    private final int defaultTopN;
    private final BooleanSupplier ready;

    private StatsServer(HttpServer server, ExecutorService executor, StatsQueries queries, int defaultTopN,
            BooleanSupplier ready) {
        this.server = server;
        this.executor = executor;
        this.queries = queries;
        this.defaultTopN = defaultTopN;
        this.ready = ready;
        this.sse = new SseHub(this::snapshot);
    }

    /**
     * @param ready true when the stores can be queried (the application is running)
     */
    public static StatsServer start(String host, int port, StatsQueries queries, int defaultTopN,
            BooleanSupplier ready) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 128);
        ExecutorService executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "stats-api");
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(executor);
        StatsServer server = new StatsServer(http, executor, queries, defaultTopN, ready);
        http.createContext("/", server::handle);
        http.start();
        return server;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try {
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, new Answers.Error("method_not_allowed", "only GET is served"));
            } else if (path.equals("/health")) {
                boolean up = ready.getAsBoolean();
                send(exchange, up ? 200 : 503, Map.of("status", up ? "UP" : "STARTING"));
            } else if (path.equals(PUBLIC_PREFIX + "/stream")) {
                sse.subscribe(exchange);
            } else if (path.startsWith(PUBLIC_PREFIX + "/")) {
                answer(exchange, path.substring(PUBLIC_PREFIX.length()), false);
            } else if (path.startsWith(RemoteInstances.INTERNAL_PREFIX + "/")) {
                answer(exchange, path.substring(RemoteInstances.INTERNAL_PREFIX.length()), true);
            } else if (path.equals("/") || path.startsWith("/dashboard/")) {
                dashboard(exchange, path.equals("/") ? "index.html" : path.substring("/dashboard/".length()));
            } else {
                send(exchange, 404, new Answers.Error("not_found", path + " is not served"));
            }
        } catch (InvalidStateStoreException | RemoteInstances.InstanceUnavailableException e) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            send(exchange, 503, new Answers.Error("not_ready", "state is being restored or moved: " + e.getMessage()));
        } catch (RuntimeException e) {
            log.warn("Query {} failed", exchange.getRequestURI(), e);
            send(exchange, 500, new Answers.Error("internal", String.valueOf(e.getMessage())));
        }
    }

    /** A query route; {@code local} answers from this instance's stores only. */
    private void answer(HttpExchange exchange, String route, boolean local) throws IOException {
        Matcher channel = CHANNEL.matcher(route);
        Matcher preferences = USER_PREFERENCES.matcher(route);
        if (route.equals("/channels")) {
            send(exchange, 200, Answers.Channels.of(local
                    ? queries.localChannels(partitions(exchange.getRequestURI().getRawQuery()))
                    : queries.channels()));
        } else if (channel.matches()) {
            String id = decode(channel.group(1));
            send(exchange, 200, local ? queries.localChannel(id) : queries.channel(id));
        } else if (preferences.matches()) {
            String userId = decode(preferences.group(1));
            send(exchange, 200, local ? queries.localPreferences(userId) : queries.preferences(userId));
        } else if (route.equals("/top")) {
            int n = topN(exchange.getRequestURI().getRawQuery());
            send(exchange, 200, local ? queries.localTop(n) : queries.top(n));
        } else if (route.equals("/alerts")) {
            send(exchange, 200, local ? queries.localAlerts() : queries.alerts());
        } else {
            send(exchange, 404, new Answers.Error("not_found", route + " is not a stats query"));
        }
    }

    /** The {@code partitions=1,4} parameter of an internal channels query. */
    private static Set<Integer> partitions(String query) {
        Matcher partitions = PARTITIONS.matcher(query == null ? "" : query);
        if (!partitions.find()) {
            throw new IllegalArgumentException("an internal channels query names its partitions");
        }
        return Arrays.stream(partitions.group(1).split(",")).map(Integer::valueOf).collect(Collectors.toSet());
    }

    private int topN(String query) {
        Matcher n = TOP_N.matcher(query == null ? "" : query);
        return n.find() ? Math.max(1, Integer.parseInt(n.group(1))) : defaultTopN;
    }

    private Answers.Snapshot snapshot() {
        List<ChannelViewers> channels = queries.channels();
        long total = channels.stream().mapToLong(ChannelViewers::viewers).sum();
        List<ChannelViewers> top = channels.subList(0, Math.min(defaultTopN, channels.size()));
        Answers.Alerts alerts = StatsQueries.optional(queries::alerts).orElse(new Answers.Alerts(List.of()));
        return new Answers.Snapshot(System.currentTimeMillis(), total, channels, top, alerts.alerts());
    }

    private void dashboard(HttpExchange exchange, String file) throws IOException {
        Optional<StaticFiles.File> found = StaticFiles.find(file);
        if (found.isEmpty()) {
            send(exchange, 404, new Answers.Error("not_found", file + " is not part of the dashboard"));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", found.get().contentType());
        exchange.sendResponseHeaders(200, found.get().content().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(found.get().content());
        }
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
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
        sse.close();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
