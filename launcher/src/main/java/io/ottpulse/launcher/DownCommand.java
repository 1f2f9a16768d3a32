package io.ottpulse.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Stops a stack started by {@code up}: the launcher stops its components in order, then exits. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the stack started by up.")
final class DownCommand implements Callable<Integer> {

    private static final long WAIT_SECONDS = 180;

    @Mixin
    StackOptions options;

    @Override
    public Integer call() throws IOException, InterruptedException {
        StackLayout layout = options.layout();
        if (!Files.exists(layout.pidFile())) {
            System.out.println("OTT Pulse is not running.");
            return 0;
        }
        long pid = Long.parseLong(Files.readString(layout.pidFile()).trim());
        Optional<ProcessHandle> launcher = ProcessHandle.of(pid);
        if (launcher.isEmpty() || !launcher.get().isAlive()) {
            Files.deleteIfExists(layout.pidFile());
            System.out.println("OTT Pulse is not running (removed a stale pid file).");
            return 0;
        }
        System.out.println("Stopping OTT Pulse (launcher pid " + pid + ")...");
        launcher.get().destroy();
        try {
            launcher.get().onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("The launcher did not stop within " + WAIT_SECONDS + " s; killing it (its components "
                    + "exit with it).");
            launcher.get().destroyForcibly();
        }
        System.out.println("Stopped.");
        return 0;
    }
}
