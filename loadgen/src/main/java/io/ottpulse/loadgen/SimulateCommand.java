package io.ottpulse.loadgen;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Drives a simulated audience through the gateway at a constant rate (open model) until stopped or for a set
 * duration, then reports, and with {@code --verify} checks loss and accuracy.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulated viewers switching channels, sent through the gateway at a target rate.")
public final class SimulateCommand implements Callable<Integer> {

    /** What {@code --verify} checks. */
    enum Check { loss, accuracy, freshness }

    static final int VERIFY_FAILED = 1;

    /** How late the stats may expire a silent viewer: their expiry timers tick every second, behind their lag. */
    static final long EXPIRY_SLACK_MS = 5_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--gateway", defaultValue = "http://localhost:8080", description = "Gateway base URL.")
    URI gateway;

    @Option(names = "--stats-url", description = "Base URL of the stats API, for --verify accuracy and freshness; "
            + "default: --gateway.")
    URI statsUrl;

    @Option(names = "--api-key", defaultValue = "ottpulse-dev-key-local-only",
            description = "API key sent as X-Api-Key; by default the local stack's development key.")
    String apiKey;

    @Option(names = "--header", paramLabel = "NAME=VALUE",
            description = "Extra header on every request, e.g. X-Gateway-Token=... to talk to an ingest task directly.")
    Map<String, String> extraHeaders = new LinkedHashMap<>();

    @Mixin
    AudienceOptions audience = new AudienceOptions();

    @Option(names = "--rate", description = "Events per second to send (requests/s = rate / batch); "
            + "default: the audience's own mean rate.")
    Double rate;

    @Option(names = "--batch", defaultValue = "50", description = "Events per request; 1 sends single events.")
    int batch;

    @Option(names = "--max-in-flight", defaultValue = "256",
            description = "Most unanswered requests (and so connections); when reached, sending waits and the wait "
                    + "counts in the latency.")
    int maxInFlight;

    @Option(names = "--duration", description = "Seconds to send; without it, until stopped.")
    Long durationSeconds;

    @Option(names = "--progress", defaultValue = "5", description = "Seconds between progress lines.")
    int progressSeconds;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the final report as JSON to FILE.")
    Path reportFile;

    @Option(names = "--verify", arity = "0..1", split = ",", fallbackValue = "loss,accuracy", paramLabel = "CHECKS",
            description = "Check: loss (every acknowledged event is in the topic; needs --bootstrap-servers), "
                    + "accuracy (the stats API shows the ground truth), freshness (time from acknowledgement to the "
                    + "stats API, probed during the run). Alone: loss,accuracy.")
    List<Check> verify = new ArrayList<>();

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers, for --verify loss.")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "ott.activity", description = "The activity topic, for --verify loss.")
    String topic;

    @Option(names = "--verify-timeout", defaultValue = "60",
            description = "Seconds each check may wait: for the topic to hold every acknowledged event, for the "
                    + "stats to settle (quiescence).")
    int verifyTimeoutSeconds;

    @Option(names = "--freshness-interval", defaultValue = "1",
            description = "Seconds between two freshness samples, for --verify freshness.")
    double freshnessIntervalSeconds;

    @Option(names = "--viewer-timeout", defaultValue = "300",
            description = "The stats' viewer timeout in seconds, for --verify accuracy: a viewer silent that long "
                    + "no longer counts.")
    long viewerTimeoutSeconds;

    @Option(names = "--find-max", description = "Ramp the rate up (from --find-max-start, times --find-max-factor "
            + "every --find-max-step seconds) until p99 exceeds --max-p99 or errors exceed --max-errors, and report "
            + "the highest rate that held. Ignores --rate; --duration, if given, caps the ramp.")
    boolean findMax;

    @Option(names = "--find-max-start", defaultValue = "1000", description = "First rate of the ramp, events/s.")
    double findMaxStart;

    @Option(names = "--find-max-factor", defaultValue = "1.25", description = "Rate factor from one step to the next.")
    double findMaxFactor;

    @Option(names = "--find-max-step", defaultValue = "20", description = "Seconds each rate is held.")
    long findMaxStepSeconds;

    @Option(names = "--warm-up", defaultValue = "0",
            description = "Seconds sent at --find-max-start before the first step, judged by nothing.")
    long warmUpSeconds;

    @Option(names = "--max-p99", defaultValue = "50", description = "Highest p99 latency a step may have, in ms.")
    double maxP99Millis;

    @Option(names = "--max-errors", defaultValue = "0.1",
            description = "Most errors a step may have, in percent of its requests (non-2xx or unanswered).")
    double maxErrorPercent;

    @Override
    public Integer call() throws Exception {
        EnumSet<Check> checks = verify.isEmpty() ? EnumSet.noneOf(Check.class) : EnumSet.copyOf(verify);
        validate(checks);
        long startMillis = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        ChannelCatalogue catalogue = this.audience.catalogue();
        Audience audience = this.audience.audience(catalogue, startMillis);
        double eventsPerSecond = rate != null ? rate : audience.naturalEventsPerSecond();
        LatencyRecorder latency = new LatencyRecorder();
        AckLedger ledger = new AckLedger(this.audience.viewers);
        Map<String, String> headers = headers();
        System.out.printf("run %s: %s; through %s, %s in requests of %d%n", audience.runId(),
                this.audience.describe(), gateway, findMax ? String.format("ramping up from %.1f events/s",
                        findMaxStart) : String.format("%.1f events/s", eventsPerSecond), batch);

        URI stats = statsUrl != null ? statsUrl : gateway;
        try (EventSender sender = new EventSender(gateway, headers, maxInFlight, latency, ledger);
                ProgressLine.Printer progress = new ProgressLine(sender, ledger, latency, System.out, startNanos)
                        .every(progressSeconds);
                FreshnessProbe probe = checks.contains(Check.freshness) ? new FreshnessProbe(gateway, stats, headers,
                        audience.runId(), Duration.ofMillis((long) (freshnessIntervalSeconds * 1000)),
                        Duration.ofSeconds(verifyTimeoutSeconds)).start() : null) {
            LoadRun run = new LoadRun(audience, sender, latency, batch, startNanos);
            long durationNanos = durationSeconds == null ? Long.MAX_VALUE : TimeUnit.SECONDS.toNanos(durationSeconds);
            RateRamp.Result ramp = null;
            if (findMax) {
                ramp = run.findMax(new RateRamp(findMaxStart, findMaxFactor, maxP99Millis, maxErrorPercent, batch),
                        TimeUnit.SECONDS.toNanos(warmUpSeconds), TimeUnit.SECONDS.toNanos(findMaxStepSeconds),
                        durationNanos, step -> System.out.printf(
                                "step at %.1f events/s: p99 %.1f ms, %d errors in %d requests: %s%n",
                                step.eventsPerSecond(), step.p99Millis(), step.errors(), step.requests(),
                                step.held() ? "held" : "not held"));
            } else {
                run.steady(eventsPerSecond, durationNanos);
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            FreshnessProbe.Result freshness = probe != null ? probe.stop() : null;
            int unanswered = sender.drain(Duration.ofSeconds(30));
            progress.close();
            RunReport report = RunReport.measured(audience.runId(), gateway.toString(),
                    ramp == null ? eventsPerSecond : ramp.steps().isEmpty() ? findMaxStart // no step fit the duration
                            : ramp.steps().get(ramp.steps().size() - 1).eventsPerSecond(),
                    batch, seconds, sender, ledger.count(), unanswered, latency.total(), ramp).withChecks(
                    checks.contains(Check.loss) ? new LossCheck(bootstrapServers, topic, audience.runId())
                            .check(ledger.sequences(), Duration.ofSeconds(verifyTimeoutSeconds)) : null,
                    checks.contains(Check.accuracy) ? new AccuracyCheck(stats, headers)
                            .check(now -> ledger.channelLoad(now, viewerTimeoutSeconds * 1000, EXPIRY_SLACK_MS),
                                    catalogue.ids(), Duration.ofSeconds(verifyTimeoutSeconds))
                            : null,
                    freshness);
            System.out.print(report.toText());
            if (reportFile != null) {
                report.writeJson(reportFile);
            }
            return report.verified() ? 0 : VERIFY_FAILED;
        }
    }

    private void validate(EnumSet<Check> checks) {
        if (!checks.isEmpty() && durationSeconds == null && !findMax) {
            throw new ParameterException(spec.commandLine(),
                    "--verify needs --duration or --find-max: it checks after the run");
        }
        if (checks.contains(Check.loss) && bootstrapServers == null) {
            throw new ParameterException(spec.commandLine(), "--verify loss needs --bootstrap-servers");
        }
        if (batch < 1 || maxInFlight < 1 || progressSeconds < 1 || (rate != null && !(rate > 0))
                || !(freshnessIntervalSeconds > 0)) {
            throw new ParameterException(spec.commandLine(),
                    "--batch, --max-in-flight, --progress, --rate and --freshness-interval must be positive");
        }
        try {
            audience.habits();
            if (findMax) {
                new RateRamp(findMaxStart, findMaxFactor, maxP99Millis, maxErrorPercent, batch);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        if (apiKey != null && !apiKey.isEmpty()) {
            headers.put("X-Api-Key", apiKey);
        }
        headers.putAll(extraHeaders);
        return headers;
    }
}
