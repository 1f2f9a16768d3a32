package io.ottpulse.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./ottpulse bench}: starts a fresh stack on free ports, runs the reference scenario with loadgen and writes
 * the figures into docs/performance.md. Loadgen runs as a child JVM like every component, so its CPU and memory are
 * its own (not the launcher's) and the launcher needs none of loadgen's classes.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Start a fresh stack on free ports, run the reference scenario, write docs/performance.md.")
final class BenchCommand implements Callable<Integer> {

    static final String BASELINE_TOPIC = "ott.baseline";
    /** loadgen's exit code when a check failed: the run still has a report. */
    private static final int VERIFY_FAILED = 1;
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The development key's limit during the run: high enough never to refuse the load (it still runs). */
    private static final int DEV_KEY_RATE = 1_000_000;

    @Mixin
    StackOptions options;

    @Option(names = "--out", description = "The Markdown file whose generated section is (re)written; "
            + "default: <home>/docs/performance.md.")
    Path out;

    @Option(names = "--viewers", defaultValue = "500000", description = "Simulated viewers.")
    int viewers;

    @Option(names = "--rate", description = "Single-event requests per second of the reference run; default: "
            + "viewers / 60 (each switching once a minute: 8,333 for 500,000).")
    Double rate;

    @Option(names = "--duration", defaultValue = "90", description = "Seconds of schedule of the reference run "
            + "(long enough for every viewer to tune in: about 60 s at the default rate).")
    long referenceSeconds;

    @Option(names = "--warm-up", defaultValue = "30",
            description = "Seconds at a quarter of the rate before the reference run, not measured (JIT).")
    long warmUpSeconds;

    @Option(names = "--baseline-duration", defaultValue = "20", description = "Seconds of each producer baseline.")
    long baselineSeconds;

    @Option(names = "--find-max-step", defaultValue = "10", description = "Seconds each rate of a ramp is held.")
    long findMaxStepSeconds;

    @Option(names = "--find-max-duration", defaultValue = "100", description = "Most seconds of each ramp.")
    long findMaxSeconds;

    @Option(names = "--verify-timeout", defaultValue = "120",
            description = "Seconds each check of the reference run may wait (topic complete, stats settled).")
    long verifyTimeoutSeconds;

    private final PrintStream console = System.out;

    @Override
    public Integer call() throws Exception {
        StackLayout layout = layout();
        Path report = out != null ? out : layout.home().resolve("docs/performance.md");
        double referenceRate = rate != null ? rate : viewers / 60.0;
        String startedAt = Instant.now().truncatedTo(ChronoUnit.MINUTES).toString();
        String loadAverage = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        wipe(layout);
        console.println("Starting a fresh OTT Pulse for the benchmark; logs in " + layout.logs());
        long started = System.nanoTime();
        Stack stack = Stack.start(layout, StackPorts.free(), console, DEV_KEY_RATE);
        stack.printSummary((System.nanoTime() - started) / 1e9);
        Thread stopOnExit = new Thread(stack::close, "ottpulse-bench-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            KafkaTopics.create(stack.kafkaBootstrap(), List.of(new NewTopic(BASELINE_TOPIC, 6, (short) 1)));
            Map<String, LoadPhase> phases = new LinkedHashMap<>();
            List<String> audience = List.of("--viewers", Integer.toString(viewers), "--heartbeat", "0");
            List<String> producer = List.of("produce", "--bootstrap-servers", stack.kafkaBootstrap(),
                    "--topic", BASELINE_TOPIC, "--duration", Long.toString(baselineSeconds));
            List<String> gateway = List.of("simulate", "--gateway", stack.gatewayUrl(), "--api-key",
                    Stack.DEV_API_KEY);
            run(stack, layout, phases, "baseline-rate", producer, audience, "--rate", format(referenceRate));
            run(stack, layout, phases, "baseline-single", producer, audience);
            run(stack, layout, phases, "baseline-batch", producer, audience, "--batch", "50");
            run(stack, layout, phases, "warm-up", gateway, audience, "--batch", "1", "--rate",
                    format(referenceRate / 4), "--duration", Long.toString(warmUpSeconds));
            run(stack, layout, phases, "reference", gateway, audience, "--batch", "1", "--rate", format(referenceRate),
                    "--duration", Long.toString(referenceSeconds), "--verify=loss,accuracy,freshness",
                    "--bootstrap-servers", stack.kafkaBootstrap(), "--verify-timeout",
                    Long.toString(verifyTimeoutSeconds));
            run(stack, layout, phases, "max-single", gateway, audience, findMax(1, 1_000));
            run(stack, layout, phases, "max-batch", gateway, audience, findMax(50, 5_000));
            phases.remove("warm-up");
            String section = new BenchReport(new BenchReport.Settings(layout.home().toString(), startedAt, viewers,
                    referenceRate, referenceSeconds, warmUpSeconds, baselineSeconds, findMaxStepSeconds,
                    findMaxSeconds, Runtime.getRuntime().availableProcessors(), loadAverage), phases).markdown();
            BenchReport.writeInto(report, section);
            console.println("\n" + section + "\nWritten into " + report);
            return 0;
        } finally {
            stack.close();
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
    }

    private String[] findMax(int batch, int startEventsPerSecond) {
        return new String[] {"--batch", Integer.toString(batch), "--find-max", "--find-max-start", Integer.toString(startEventsPerSecond),
            "--find-max-factor", "1.5", "--find-max-step", Long.toString(findMaxStepSeconds), "--warm-up",
            Long.toString(findMaxStepSeconds), "--duration", Long.toString(findMaxSeconds)};
    }

    /** Runs loadgen to its end and records its report and what every component used meanwhile. */
    private void run(Stack stack, StackLayout layout, Map<String, LoadPhase> phases, String name, List<String> command,
            List<String> audience, String... extra) throws IOException, InterruptedException {
        Path reportFile = layout.run().resolve("bench-" + name + ".json");
        Files.deleteIfExists(reportFile);
        List<String> args = new ArrayList<>(command);
        args.addAll(audience);
        args.addAll(List.of(extra));
        args.addAll(List.of("--progress", "10", "--report", reportFile.toString()));
        awaitStatsCaughtUp(stack);
        console.printf("%nphase %s: loadgen %s%n", name, String.join(" ", args));
        PhaseProfiler profiler = new PhaseProfiler(layout.run().resolve("profiles"), console);
        profiler.start(components(stack));
        Map<String, ProcessUsage> before = usage(stack);
        double machineBefore = ProcessUsage.machineBusySeconds();
        long start = System.nanoTime();
        ChildProcess loadgen = stack.loadgen("loadgen-" + name, args);
        int exit = loadgen.awaitExit(PHASE_TIMEOUT);
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, ProcessUsage> after = usage(stack);
        double machineBusy = ProcessUsage.machineBusySeconds() - machineBefore;
        Map<String, Path> profiles = profiler.stop(name, components(stack));
        if ((exit != 0 && exit != VERIFY_FAILED) || !Files.exists(reportFile)) {
            throw new IllegalStateException("loadgen " + name + " failed (exit " + exit + "); see " + loadgen.log());
        }
        JsonNode report = JSON.readTree(reportFile.toFile());
        console.printf("phase %s: %.0f s, %.1f events/s sent, p99 %.1f ms%s%n", name, wallSeconds,
                report.path("achievedEventsPerSecond").asDouble(), report.path("latencyMillis").path("p99").asDouble(),
                exit == VERIFY_FAILED ? ", a check failed (see the report)" : "");
        phases.put(name, new LoadPhase(name, report, wallSeconds, LoadPhase.during(before, after, report),
                machineBusy, profiles));
    }

    /**
     * Waits until the stats application has consumed every activity event sent so far, so that a phase is not
     * measured while the stats still work off the previous phase's backlog (their CPU would count against it).
     */
    private void awaitStatsCaughtUp(Stack stack) throws IOException, InterruptedException {
        String group = stack.statsApplicationId();
        long start = System.nanoTime();
        long deadline = start + CATCH_UP_TIMEOUT.toNanos();
        long lag;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrap()))) {
            while ((lag = KafkaTopics.lag(admin, group, Stack.ACTIVITY_TOPIC)) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the stats application's lag", e.getCause());
        }
        double waited = (System.nanoTime() - start) / 1e9;
        if (lag > 0) {
            console.printf("the stats are still %,d events behind after %.0f s; measuring anyway%n", lag, waited);
        } else if (waited >= 1) {
            console.printf("waited %.0f s for the stats to catch up with the previous phase%n", waited);
        }
    }

    /** Every running component but loadgen, in start order. */
    private static List<ChildProcess> components(Stack stack) {
        return stack.children().stream().filter(child -> !child.name().startsWith(LoadPhase.LOADGEN)).toList();
    }

    private static Map<String, ProcessUsage> usage(Stack stack) {
        Map<String, ProcessUsage> usage = new LinkedHashMap<>();
        components(stack).forEach(child -> usage.put(child.name(), child.usage()));
        return usage;
    }

    /** By default under {@code <home>/data/bench}, apart from a stack {@code ./ottpulse up} may be running. */
    private StackLayout layout() {
        StackLayout layout = options.layout();
        return options.dataDir != null ? layout : new StackLayout(layout.home(), layout.dataDir().resolve("bench"));
    }

    /** Every run starts from empty topics, archive and state: the stack's own directories are removed. */
    private static void wipe(StackLayout layout) throws IOException {
        for (String dir : List.of("kafka", "hdfs", "stats", "run", "logs", "config")) {
            Path path = layout.dataDir().resolve(dir);
            if (Files.exists(path)) {
                try (Stream<Path> tree = Files.walk(path)) {
                    for (Path file : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
