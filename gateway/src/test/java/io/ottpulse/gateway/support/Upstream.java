package io.ottpulse.gateway.support;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ottpulse.discovery.EurekaInstance;
import io.ottpulse.discovery.EurekaRegistration;
import io.ottpulse.discovery.EurekaSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small real upstream: a JDK HTTP server registered in the real Eureka under a service id, which records every
 * request it gets and answers with its own instance id. {@code /v1/stats/stream} answers with server-sent events:
 * one at once, the next only when {@link #finishStreams()} is called.
 */
public final class Upstream implements AutoCloseable {

    public static final String STREAM_PATH = "/v1/stats/stream";
    /**
     * The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm and delayed ACKs
     * hold every response about 40 ms. Set by the build for this JVM and passed to upstream JVMs.
     */
    public static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";
    /**
     * A request naming this instance in this header makes it crash mid-answer: the response headers go out, then the
     * JVM halts before the body, as a process killed at that moment would.
     */
    public static final String CRASH_AFTER_HEADERS = "X-Test-Crash-After-Headers";

    /** A request as the upstream saw it, and when ({@link System#nanoTime()}). */
    public record Received(String method, String uri, Headers headers, byte[] body, long atNanos) {

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final String instanceId;
    private final HttpServer server;
    private final ExecutorService executor;
    private final EurekaRegistration registration;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch streamsFinished = new CountDownLatch(1);

    private Upstream(String serviceId, String instanceId, int port, EurekaSettings eureka) throws IOException {
        this.instanceId = instanceId;
        this.executor = Executors.newFixedThreadPool(16);
        this.server = HttpServer.create(new InetSocketAddress("localhost", port), 128);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.registration = EurekaRegistration.start(new EurekaInstance(serviceId, instanceId, "localhost",
                server.getAddress().getPort(), "/health", Map.of()), eureka);
    }

    /** Starts on a free port and registers with the default lease (heartbeat 5 s, lease 15 s). */
    public static Upstream start(String serviceId, String instanceId, String eurekaUrl) throws IOException {
        return new Upstream(serviceId, instanceId, 0, EurekaSettings.of(eurekaUrl));
    }

    public static Upstream start(String serviceId, String instanceId, int port, EurekaSettings eureka)
            throws IOException {
        return new Upstream(serviceId, instanceId, port, eureka);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Headers headers = new Headers();
            headers.putAll(exchange.getRequestHeaders());
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body,
                    System.nanoTime()));
            if (exchange.getRequestURI().getPath().equals(STREAM_PATH)) {
                stream(exchange);
                return;
            }
            byte[] answer = (instanceId + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            // What a misconfigured upstream might add; the gateway alone decides CORS.
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 202 : 200, answer.length);
            if (instanceId.equals(exchange.getRequestHeaders().getFirst(CRASH_AFTER_HEADERS))) {
                Runtime.getRuntime().halt(137);
            }
            exchange.getResponseBody().write(answer);
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        try {
            streamsFinished.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.write("data: last\n\n".getBytes(StandardCharsets.UTF_8));
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Cancels the registration as a stopping instance does, while still serving whatever reaches it. */
    public void leaveEureka() {
        registration.close();
    }

    public void finishStreams() {
        streamsFinished.countDown();
    }

    /** Leaves Eureka (cancel), then stops serving. */
    @Override
    public void close() {
        registration.close();
        finishStreams();
        server.stop(0);
        executor.shutdownNow();
    }
}
