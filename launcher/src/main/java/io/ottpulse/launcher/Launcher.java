package io.ottpulse.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./ottpulse}: runs OTT Pulse on one machine. */
@Command(name = "ottpulse", mixinStandardHelpOptions = true, subcommands = {UpCommand.class, DownCommand.class,
        BenchCommand.class},
        description = "Starts and stops the whole OTT Pulse stack on this machine, or benchmarks it.")
public final class Launcher {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Launcher()).execute(args));
    }
}
