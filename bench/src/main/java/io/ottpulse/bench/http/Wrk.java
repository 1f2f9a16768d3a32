package io.ottpulse.bench.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives an HTTP endpoint with wrk (Debian package {@code wrk}; the closed-loop saturation tool of Spring Cloud
 * Gateway's own benchmark), sending one fixed request, and reads back its figures. Its latencies are those of a
 * saturating client: fine for comparing servers, not for latency targets (use {@link OpenLoadClient}).
 */
public final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)|Socket errors: "
            + "connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** What one run measured; errors are non-2xx answers plus socket errors. */
    public record Result(double requestsPerSecond, double p50Ms, double p90Ms, double p99Ms, long errors) {
        @Override
        public String toString() {
            return String.format("%,.0f req/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, errors %d",
                    requestsPerSecond, p50Ms, p90Ms, p99Ms, errors);
        }
    }

    private Wrk() {
    }

    public static boolean installed() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    public static Result run(HttpTarget target, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("wrk-request", ".lua");
        try {
            StringBuilder lua = new StringBuilder("wrk.method = \"").append(target.method().name()).append("\"\n");
            target.headers().forEach((name, value) -> lua.append("wrk.headers[\"").append(name).append("\"] = \"")
                    .append(value).append("\"\n"));
            if (target.body().length > 0) {
                lua.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n")
                        .append("wrk.body = [==[").append(new String(target.body(), StandardCharsets.UTF_8))
                        .append("]==]\n");
            }
            Files.writeString(script, lua);
            List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
                    "-d" + seconds + "s", "--latency", "-s", script.toString(), target.uri().toString()));
            Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (wrk.waitFor() != 0) {
                throw new IllegalStateException("wrk failed:\n" + output);
            }
            return parse(output);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Result parse(String output) {
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's output:\n" + output);
        }
        double[] percentiles = new double[3];
        Matcher percentile = PERCENTILE.matcher(output);
        int found = 0;
        while (percentile.find() && found < 3) {
            double value = Double.parseDouble(percentile.group(2));
            percentiles[found++] = switch (percentile.group(3)) {
                case "us" -> value / 1000;
                case "s" -> value * 1000;
                default -> value;
            };
        }
        long errors = 0;
        Matcher error = ERRORS.matcher(output);
        while (error.find()) {
            for (int group = 1; group <= error.groupCount(); group++) {
                if (error.group(group) != null) {
                    errors += Long.parseLong(error.group(group));
                }
            }
        }
        return new Result(Double.parseDouble(rate.group(1)), percentiles[0], percentiles[1], percentiles[2], errors);
    }
}
