package io.ottpulse.bench.loadgen;

import io.ottpulse.bench.gateway.TrivialUpstream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU loadgen itself costs per request: {@code loadgen simulate} (single events at a fixed rate) against the
 * cheapest upstream ({@link TrivialUpstream}), its whole process timed by {@code /usr/bin/time} (user + system,
 * start-up, audience and JSON included). Give several loadgen jars (e.g. before and after a change) to compare them
 * in one run, alternating to spread the machine's noise.
 * <pre>java -cp bench/target/bench.jar io.ottpulse.bench.loadgen.SenderCost 5000 30 old/loadgen.jar loadgen/target/loadgen.jar</pre>
 */
public final class SenderCost {

    private static final Pattern SENT = Pattern.compile("sent\\s+(\\d+) requests");
    private static final Pattern CPU = Pattern.compile("cpu ([0-9.]+) ([0-9.]+)");

    private SenderCost() {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        try (TrivialUpstream upstream = TrivialUpstream.start(1)) {
            for (int i = 2; i < args.length; i++) {
                System.out.println(args[i] + ": " + run(Path.of(args[i]), upstream.port(), rate, seconds));
            }
        }
    }

    private static String run(Path jar, int port, int rate, int seconds) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "cpu %U %S",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", jar.toString(),
                "simulate", "--gateway", "http://localhost:" + port, "--api-key", "", "--batch", "1",
                "--rate", Integer.toString(rate), "--duration", Integer.toString(seconds), "--viewers", "100000",
                "--heartbeat", "0", "--progress", "3600"));
        Path log = Files.createTempFile("sender-cost", ".log");
        try {
            int exit = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start()
                    .waitFor();
            String output = Files.readString(log);
            Matcher sent = SENT.matcher(output);
            Matcher cpu = CPU.matcher(output);
            if (exit != 0 || !sent.find() || !cpu.find()) {
                throw new IllegalStateException("loadgen failed (exit " + exit + "):\n" + output);
            }
            long requests = Long.parseLong(sent.group(1));
            double user = Double.parseDouble(cpu.group(1));
            double system = Double.parseDouble(cpu.group(2));
            return String.format("%,d requests, CPU %.1f s user + %.1f s system = %.0f µs per request", requests, user,
                    system, (user + system) * 1e6 / requests);
        } finally {
            Files.delete(log);
        }
    }
}
