package io.ottpulse.loadgen;

import io.ottpulse.activity.event.ActivityEvent;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Drives a simulated audience through the gateway until stopped or for a set duration. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulated viewers switching channels, sent through the gateway.")
public final class SimulateCommand implements Callable<Integer> {

    private static final long TICK_MS = 100;
    private static final long REPORT_EVERY_MS = 5_000;

    @Option(names = "--gateway", defaultValue = "http://localhost:8080", description = "Gateway base URL.")
    URI gateway;

    @Option(names = "--api-key", defaultValue = "ottpulse-dev-key-local-only",
            description = "API key sent as X-Api-Key; by default the local stack's development key.")
    String apiKey;

    @Option(names = "--viewers", defaultValue = "1000", description = "Simulated viewers.")
    int viewers;

    @Option(names = "--channels", defaultValue = "200", description = "Channels in the catalogue (Zipf popularity).")
    int channels;

    @Option(names = "--switch-interval", defaultValue = "60", description = "Mean seconds between a viewer's switches.")
    double switchIntervalSeconds;

    @Option(names = "--heartbeat", defaultValue = "120", description = "Heartbeat period in seconds; 0 for none.")
    double heartbeatSeconds;

    @Option(names = "--ramp-up", defaultValue = "10", description = "Seconds over which viewers tune in.")
    double rampUpSeconds;

    @Option(names = "--batch", defaultValue = "50", description = "Most events per request.")
    int batch;

    @Option(names = "--duration", description = "Seconds to run; without it, until stopped.")
    Long durationSeconds;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed: the same seed gives the same audience.")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        long start = System.currentTimeMillis();
        Audience audience = new Audience(viewers, new ChannelCatalogue(channels, 1.0),
                (long) (switchIntervalSeconds * 1000), (long) (heartbeatSeconds * 1000), (long) (rampUpSeconds * 1000),
                start, seed);
        int maxInFlight = 64;
        EventSender sender = new EventSender(gateway, apiKey, maxInFlight);
        long end = durationSeconds == null ? Long.MAX_VALUE : start + durationSeconds * 1000;
        long nextReport = start + REPORT_EVERY_MS;
        long generated = 0;
        System.out.printf("simulating %d viewers over %d channels through %s%n", viewers, channels, gateway);
        for (long now = start; now < end; now = System.currentTimeMillis()) {
            List<ActivityEvent> due = audience.eventsUntil(now);
            for (int from = 0; from < due.size(); from += batch) {
                sender.send(due.subList(from, Math.min(due.size(), from + batch)));
            }
            generated += due.size();
            if (now >= nextReport) {
                System.out.printf("%6.0fs  generated %d, acknowledged %d, answers %s%n", (now - start) / 1000.0,
                        generated, sender.eventsAcknowledged(), sender.answers());
                nextReport += REPORT_EVERY_MS;
            }
            Thread.sleep(TICK_MS);
        }
        sender.drain(maxInFlight, Duration.ofSeconds(30));
        System.out.printf("done: generated %d, acknowledged %d, answers %s%n", generated, sender.eventsAcknowledged(),
                sender.answers());
        return 0;
    }
}
