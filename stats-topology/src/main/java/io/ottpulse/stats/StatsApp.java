package io.ottpulse.stats;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs one stats instance until it is stopped (SIGTERM / Ctrl-C). */
@Command(name = "stats-topology", mixinStandardHelpOptions = true,
        description = "Real-time channel statistics over ott.activity, served over REST.")
public final class StatsApp implements Callable<Integer> {

    /** Exit code of a start stopped by its configuration (picocli's own for a bad command line). */
    static final int BAD_CONFIGURATION = 2;

    @Option(names = "--config", paramLabel = "FILE",
            description = "The JSON configuration file; with --config-server, its keys go on top of the server's.")
    private Path config;

    @Option(names = "--config-server", paramLabel = "URL", arity = "0..1",
            fallbackValue = ConfigServerFile.DEFAULT_URL,
            description = "Fetch " + ConfigServerFile.FILE_NAME + " from the registry's config server at start-up "
                    + "(default URL: " + ConfigServerFile.DEFAULT_URL + ").")
    private String configServer;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StatsConfig statsConfig;
        try {
            statsConfig = loadConfig();
        } catch (IllegalArgumentException | IOException e) {
            spec.commandLine().getErr().println("stats-topology: " + e.getMessage());
            return BAD_CONFIGURATION;
        }
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

    /** The configuration the command line asks for: from the config server, a file, both, or every default. */
    StatsConfig loadConfig() throws IOException {
        return StatsConfigSources.load(configServer, config);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StatsApp()).execute(args));
    }
}
