package io.ottpulse.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

    private static SimulateCommand parse(String... args) {
        SimulateCommand command = new SimulateCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void theLaunchersInvocationKeepsItsMeaning() {
        SimulateCommand command = parse("--gateway", "http://localhost:18080", "--api-key", "k", "--viewers", "50");

        assertThat(command.gateway.toString()).isEqualTo("http://localhost:18080");
        assertThat(command.audience.viewers).isEqualTo(50);
        assertThat(command.rate).isNull();
        assertThat(command.durationSeconds).isNull();
        assertThat(command.verify).isEmpty();
    }

    @Test
    void verifyAloneChecksBothAndTakesAList() {
        assertThat(parse("--verify").verify).containsExactly(SimulateCommand.Check.loss, SimulateCommand.Check.accuracy);
        assertThat(parse("--verify=loss").verify).containsExactly(SimulateCommand.Check.loss);
        assertThat(parse("--verify=accuracy,freshness").verify)
                .containsExactly(SimulateCommand.Check.accuracy, SimulateCommand.Check.freshness);
        assertThat(parse("--header", "X-Gateway-Token=t", "--header", "A=b").extraHeaders)
                .containsEntry("X-Gateway-Token", "t").containsEntry("A", "b");
    }

    @Test
    void verifyingWithoutADurationOrABrokerIsAUsageError() {
        StringWriter errors = new StringWriter();
        CommandLine cli = new CommandLine(new SimulateCommand()).setErr(new PrintWriter(errors));

        assertThat(cli.execute("--verify")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(cli.execute("--verify=loss", "--duration", "1")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(errors.toString()).contains("--verify needs --duration", "--verify loss needs --bootstrap-servers");
    }
}
