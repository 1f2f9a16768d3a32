package io.ottpulse.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts the stack and keeps it running until Ctrl-C or {@code ./ottpulse down}. */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start the whole stack on embedded defaults.")
final class UpCommand implements Callable<Integer> {

    private static final long WATCH_INTERVAL_MS = 5_000;

    @Mixin
    StackOptions options;

    @Option(names = "--simulate", paramLabel = "N", description = "Drive N simulated viewers through the gateway.")
    Integer simulate;

    @Option(names = "--free-ports", description = "Use free ports instead of the defaults (8080, 9092...), e.g. to run "
            + "beside another stack.")
    boolean freePorts;

    @Override
    public Integer call() throws IOException, InterruptedException {
        StackLayout layout = options.layout();
        Files.createDirectories(layout.run());
        if (Files.exists(layout.pidFile()) && ProcessHandle.of(Long.parseLong(Files.readString(layout.pidFile()).trim()))
                .map(ProcessHandle::isAlive).orElse(false)) {
            System.err.println("OTT Pulse is already running (pid file " + layout.pidFile() + "); ./ottpulse down first");
            return 1;
        }
        Files.writeString(layout.pidFile(), Long.toString(ProcessHandle.current().pid()));
        System.out.println("Starting OTT Pulse; logs in " + layout.logs());
        long started = System.nanoTime();
        Stack stack = Stack.start(layout, freePorts ? StackPorts.free() : StackPorts.DEFAULTS, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("\nStopping OTT Pulse...");
            stack.close();
            try {
                Files.deleteIfExists(layout.pidFile());
            } catch (IOException ignored) {
                // A stale pid file is recognised as such at the next start.
            }
            System.out.println("Stopped.");
            stopped.countDown();
        }, "ottpulse-stop"));
        stack.printSummary((System.nanoTime() - started) / 1e9);
        if (simulate != null) {
            stack.simulate(simulate);
            System.out.printf("%nSimulating %d viewers (log: %s). Watch them:%n  curl %s/v1/stats/channels%n", simulate,
                    layout.logs().resolve("loadgen.log"), stack.gatewayUrl());
        }
        System.out.println("\nCtrl-C or ./ottpulse down stops everything.");
        while (!stopped.await(WATCH_INTERVAL_MS, TimeUnit.MILLISECONDS)) {
            stack.children().stream().filter(child -> !child.isAlive() && !stopping.get()).forEach(child ->
                    System.err.println(child.name() + " is not running; see " + child.log()));
        }
        return 0;
    }
}
