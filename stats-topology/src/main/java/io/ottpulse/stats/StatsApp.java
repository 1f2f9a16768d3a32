package io.ottpulse.stats;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one stats instance until it is stopped (SIGTERM / Ctrl-C). */
@Command(name = "stats-topology", mixinStandardHelpOptions = true,
        description = "Real-time channel statistics over ott.activity, served over REST.")
public final class StatsApp implements Callable<Integer> {

    @Option(names = "--config", description = "The JSON configuration file; without it, every default applies.")
    private Path config;

    @Override
    public Integer call() throws Exception {
        StatsConfig statsConfig = config == null ? StatsConfig.defaults() : StatsConfig.read(config);
        CountDownLatch stopped = new CountDownLatch(1);
        StatsService service = StatsService.start(statsConfig);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "stats-shutdown"));
        System.out.println("stats-topology serving on port " + service.port());
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StatsApp()).execute(args));
    }
}
