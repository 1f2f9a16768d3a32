package io.ottpulse.loadgen;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
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
 * The baseline beside every ingest figure: the same simulated events written straight to Kafka with a plain
 * producer, at a rate (open model, like {@code simulate}) or flat out, reported in the same format.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "The raw KafkaProducer baseline: the simulated audience's events straight to the topic.")
public final class ProduceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "ott.activity", description = "The topic to write to.")
    String topic;

    @Option(names = "--producer", paramLabel = "KEY=VALUE",
            description = "Producer config over the Kafka client's defaults, repeatable, e.g. linger.ms=5.")
    Map<String, String> producerConfig = new LinkedHashMap<>();

    @Mixin
    AudienceOptions audience = new AudienceOptions();

    @Option(names = "--rate", description = "Events per second (open model); without it, flat out.")
    Double rate;

    @Option(names = "--batch", defaultValue = "1",
            description = "Events per request: a request is answered when Kafka acknowledged all its records.")
    int batch;

    @Option(names = "--max-in-flight", defaultValue = "10000",
            description = "Most unanswered requests; when reached, sending waits (and at a rate, the wait counts in "
                    + "the latency).")
    int maxInFlight;

    @Option(names = "--duration", required = true, description = "Seconds to send.")
    long durationSeconds;

    @Option(names = "--progress", defaultValue = "5", description = "Seconds between progress lines.")
    int progressSeconds;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the final report as JSON to FILE.")
    Path reportFile;

    @Override
    public Integer call() throws Exception {
        validate();
        long startMillis = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        Audience audience = this.audience.audience(this.audience.catalogue(), startMillis);
        LatencyRecorder latency = new LatencyRecorder();
        AckLedger ledger = new AckLedger(this.audience.viewers);
        String target = "kafka:" + topic;
        System.out.printf("run %s: %s; straight to %s at %s in requests of %d%n", audience.runId(),
                this.audience.describe(), target, rate == null ? "full speed" : rate + " events/s", batch);
        try (RecordSender sender = new RecordSender(bootstrapServers, producerConfig, topic, maxInFlight, latency,
                    ledger);
                ProgressLine.Printer progress = new ProgressLine(sender, ledger, latency, System.out, startNanos)
                        .every(progressSeconds)) {
            LoadRun run = new LoadRun(audience, sender, latency, batch, startNanos);
            long durationNanos = TimeUnit.SECONDS.toNanos(durationSeconds);
            if (rate != null) {
                run.steady(rate, durationNanos);
            } else {
                run.flatOut(durationNanos);
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            int unanswered = sender.drain(Duration.ofSeconds(30));
            progress.close();
            RunReport report = RunReport.measured(audience.runId(), target, rate == null ? 0 : rate, batch, seconds,
                    sender, ledger.count(), unanswered, latency.total(), null);
            System.out.print(report.toText());
            if (reportFile != null) {
                report.writeJson(reportFile);
            }
            return 0;
        }
    }

    private void validate() {
        if (batch < 1 || maxInFlight < 1 || progressSeconds < 1 || durationSeconds < 1
                || (rate != null && !(rate > 0))) {
            throw new ParameterException(spec.commandLine(),
                    "--batch, --max-in-flight, --progress, --duration and --rate must be positive");
        }
        try {
            audience.habits();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
