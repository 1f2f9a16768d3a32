package io.ottpulse.bench.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives an HTTP endpoint with wrk (Debian package {@code wrk}), POSTing one fixed JSON body, and reads back its
 * figures. wrk is closed-loop: its latencies are those of a saturating client, fine for comparing servers.
 */
final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

    /** What one run measured. */
    record Result(double requestsPerSecond, double p50Ms, double p90Ms, double p99Ms, long non2xx) {
        @Override
        public String toString() {
            return String.format("%,.0f req/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, non-2xx %d",
                    requestsPerSecond, p50Ms, p90Ms, p99Ms, non2xx);
        }
    }

    private Wrk() {
    }

    static Result post(String url, String body, Map<String, String> headers, int connections, int seconds)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("wrk-post", ".lua");
        try {
            StringBuilder lua = new StringBuilder("wrk.method = \"POST\"\n");
            headers.forEach((name, value) -> lua.append("wrk.headers[\"").append(name).append("\"] = \"")
                    .append(value).append("\"\n"));
            lua.append("wrk.body = [==[").append(body).append("]==]\n");
            Files.writeString(script, lua);
            Process wrk = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency",
                    "-s", script.toString(), url).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (wrk.waitFor() != 0) {
                throw new IllegalStateException("wrk failed:\n" + output);
            }
            return parse(output);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    static Result parse(String output) {
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
        Matcher non2xx = NON_2XX.matcher(output);
        return new Result(Double.parseDouble(rate.group(1)), percentiles[0], percentiles[1], percentiles[2],
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0);
    }
}
