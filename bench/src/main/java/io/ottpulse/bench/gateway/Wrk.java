package io.ottpulse.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (the closed-loop saturation tool of Spring Cloud Gateway's own benchmark) and reads its summary. */
final class Wrk {

    /** Requests per second, and latency percentiles in milliseconds, as wrk reports them. */
    record Result(double perSecond, double p50Millis, double p99Millis, long errors) {
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)|Socket errors: "
            + "connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private Wrk() {
    }

    static boolean installed() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static Result run(OpenLoadClient.Target target, int threads, int connections, int seconds, Path work)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--latency"));
        if (target.apiKey() != null) {
            command.addAll(List.of("-H", "X-Api-Key: " + target.apiKey()));
        }
        if (target.body().length > 0) {
            Path script = work.resolve("post.lua");
            Files.writeString(script, "wrk.method = \"POST\"\nwrk.body = '" + new String(target.body(),
                    StandardCharsets.UTF_8) + "'\nwrk.headers[\"Content-Type\"] = \"application/json\"\n");
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(target.uri().toString());
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        return parse(output);
    }

    static Result parse(String output) {
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk output:\n" + output);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double millis = toMillis(Double.parseDouble(percentile.group(2)), percentile.group(3));
            if (percentile.group(1).equals("50")) {
                p50 = millis;
            } else {
                p99 = millis;
            }
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
        return new Result(Double.parseDouble(rate.group(1)), p50, p99, errors);
    }

    private static double toMillis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
