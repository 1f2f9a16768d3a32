package io.ottpulse.loadgen;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The load generator's command line. */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
        subcommands = {SimulateCommand.class, ProduceCommand.class},
        description = "OTT Pulse audience simulator and load generator.")
public final class LoadGen {

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGen()).execute(args));
    }
}
