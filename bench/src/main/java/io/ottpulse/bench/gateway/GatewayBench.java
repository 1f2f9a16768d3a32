package io.ottpulse.bench.gateway;

import io.netty.handler.codec.http.HttpMethod;
import io.ottpulse.bench.http.HttpTarget;
import io.ottpulse.bench.http.OpenLoadClient;
import io.ottpulse.bench.http.Wrk;
import io.ottpulse.discovery.EurekaInstance;
import io.ottpulse.discovery.EurekaRegistration;
import io.ottpulse.discovery.EurekaSettings;
import io.ottpulse.testkit.ProjectPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Throughput and latency through the real gateway (its built jar, registry and all, as the launcher runs them) to a
 * trivial upstream, beside the same upstream called directly, in the same run. Two measurements per route:
 * latency at a fixed rate (open model, {@link OpenLoadClient}) and saturation throughput ({@code wrk}, when
 * installed). Prints a Markdown table.
 *
 * <pre>
 * mvn -q -pl bench -am package -DskipTests
 * java -cp bench/target/bench.jar io.ottpulse.bench.gateway.GatewayBench [rate] [seconds] [wrk-connections]
 * </pre>
 * {@code -Dbench.gateway.jvm="..."} adds options to the gateway's JVM, e.g. a flight recording.
 */
public final class GatewayBench {

    private static final String KEY = "bench-key-0123456789abcdef";
    private static final int WARM_UP_SECONDS = 60;
    private static final String EVENTS = "[{\"eventId\":\"b1\",\"userId\":\"u1\",\"type\":\"heartbeat\","
            + "\"channelId\":\"ch-1\",\"timestamp\":1764000000000}]";

    private GatewayBench() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Path home = ProjectPaths.home();
        Path work = Files.createTempDirectory("gateway-bench");
        int registryPort = JavaProcess.freePort();
        int gatewayPort = JavaProcess.freePort();
        String eureka = "http://localhost:" + registryPort + "/eureka/";
        List<String> rows = new ArrayList<>();

        try (TrivialUpstream upstream = TrivialUpstream.start(1);
                JavaProcess registry = JavaProcess.start("registry", work.resolve("registry.log"), List.of("-Xmx256m",
                        "-XX:+UseTransparentHugePages", "-jar",
                        home.resolve("registry/target/registry-exec.jar").toString(),
                        "--server.port=" + registryPort))) {
            registry.awaitOk(eureka + "apps", Duration.ofSeconds(90));
            try (EurekaRegistration stats = register("stats-service", upstream.port(), eureka);
                    EurekaRegistration ingest = register("activity-ingest", upstream.port(), eureka);
                    JavaProcess gateway = JavaProcess.start("gateway", work.resolve("gateway.log"),
                            gatewayCommand(home, gatewayPort, eureka));
                    OpenLoadClient client = new OpenLoadClient(256)) {
                String gatewayUrl = "http://localhost:" + gatewayPort;
                gateway.awaitOk(gatewayUrl + "/v1/stats/channels", Duration.ofSeconds(90));
                String upstreamUrl = "http://localhost:" + upstream.port();
                Map<String, List<HttpTarget>> routes = Map.of(
                        "GET /v1/stats/channels", List.of(
                                target(upstreamUrl, "/v1/stats/channels", HttpMethod.GET, null),
                                target(gatewayUrl, "/v1/stats/channels", HttpMethod.GET, KEY)),
                        "POST /v1/events", List.of(
                                target(upstreamUrl, "/v1/events", HttpMethod.POST, null),
                                target(gatewayUrl, "/v1/events", HttpMethod.POST, KEY)));
                List<String> measured = List.of("GET /v1/stats/channels", "POST /v1/events");
                // Every route before any is measured: the first measured used to show the gateway's warm-up in its
                // tail (GET first: p99 at 2,000/s 38 ms, POST 6 ms; POST first: POST 10 ms, GET 9.5 ms).
                for (String route : measured) {
                    warmUp(client, routes.get(route).get(1));
                }
                for (String route : measured) {
                    HttpTarget direct = routes.get(route).get(0);
                    HttpTarget viaGateway = routes.get(route).get(1);
                    client.run(direct, Math.min(rate, 2_000), 5);
                    rows.add(fixedRate(route, "direct", client.run(direct, rate, seconds), rate, ""));
                    Duration cpuBefore = gateway.cpu();
                    OpenLoadClient.Result fixed = client.run(viaGateway, rate, seconds);
                    rows.add(fixedRate(route, "gateway", fixed, rate,
                            cpuPerRequest(gateway.cpu().minus(cpuBefore), fixed.sent())));
                    if (Wrk.installed()) {
                        Wrk.Result directMax = Wrk.run(direct, 2, connections, seconds);
                        cpuBefore = gateway.cpu();
                        Wrk.Result gatewayMax = Wrk.run(viaGateway, 2, connections, seconds);
                        String gatewayCpu = cpuPerRequest(gateway.cpu().minus(cpuBefore),
                                Math.round(gatewayMax.requestsPerSecond() * seconds));
                        rows.add(saturation(route, "direct", directMax, directMax, ""));
                        rows.add(saturation(route, "gateway", gatewayMax, directMax, gatewayCpu));
                    }
                }
            }
        }
        System.out.println();
        System.out.println("| route | path | load | requests/s | p50 ms | p99 ms | p99.9 ms | errors | vs direct"
                + " | gateway CPU µs/request |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        if (!Wrk.installed()) {
            System.out.println("\n(wrk is not installed: no saturation rows; apt-get install wrk)");
        }
    }

    /**
     * Until the JIT has compiled the gateway's hot paths its throughput keeps climbing (for a minute on a busy
     * 2-core machine): a closed-loop minute with wrk when installed, then the open-model client.
     */
    private static void warmUp(OpenLoadClient client, HttpTarget target) throws Exception {
        if (Wrk.installed()) {
            Wrk.run(target, 2, 16, WARM_UP_SECONDS);
        }
        client.run(target, 1_000, 10);
    }

    /** The gateway as the launcher starts it. */
    private static List<String> gatewayCommand(Path home, int port, String eureka) {
        List<String> command = new ArrayList<>(List.of("-Xmx512m", "-XX:+UseTransparentHugePages"));
        String extra = System.getProperty("bench.gateway.jvm", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-jar", home.resolve("gateway/target/gateway-exec.jar").toString(),
                "--server.port=" + port, "--eureka.client.service-url.defaultZone=" + eureka,
                "--ottpulse.gateway.ingest-token=bench-ingest-token-0123456789",
                "--ottpulse.gateway.api-keys=bench:" + KEY + ":1000000:1000000"));
        return command;
    }

    private static EurekaRegistration register(String service, int port, String eureka) {
        return EurekaRegistration.start(new EurekaInstance(service, "bench-" + service, "localhost", port, "/health",
                Map.of()), EurekaSettings.of(eureka));
    }

    private static HttpTarget target(String base, String path, HttpMethod method, String key) {
        Map<String, String> headers = key == null ? Map.of() : Map.of("X-Api-Key", key);
        return method.equals(HttpMethod.POST) ? HttpTarget.post(base + path, EVENTS, headers)
                : HttpTarget.get(base + path, headers);
    }

    /**
     * The gateway JVM's CPU (every thread: event loops, GC, JIT, Eureka client) per request of a phase: steadier
     * than its rate on a machine whose other load comes and goes, and comparable between a fixed rate and saturation.
     */
    private static String cpuPerRequest(Duration cpu, long requests) {
        return requests == 0 ? "" : String.format("%.0f", cpu.toNanos() / 1_000.0 / requests);
    }

    private static String fixedRate(String route, String path, OpenLoadClient.Result result, int rate,
            String gatewayCpu) {
        Histogram latency = result.latencyMicros();
        return String.format("| %s | %s | fixed %,d/s | %,.0f | %.2f | %.2f | %.2f | %d | | %s |", route, path, rate,
                result.achievedPerSecond(), latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0, latency.getValueAtPercentile(99.9) / 1000.0,
                result.errors(), gatewayCpu);
    }

    private static String saturation(String route, String path, Wrk.Result result, Wrk.Result direct,
            String gatewayCpu) {
        return String.format("| %s | %s | wrk saturation | %,.0f | %.2f | %.2f | | %d | %.0f%% | %s |", route, path,
                result.requestsPerSecond(), result.p50Ms(), result.p99Ms(), result.errors(),
                100 * result.requestsPerSecond() / direct.requestsPerSecond(), gatewayCpu);
    }
}
