package io.ottpulse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.testkit.ProjectPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ottpulse bench} as a user runs it, shrunk (a tiny audience, phases of seconds): the generated section is
 * written into an existing file between its markers, keeps the hand-written text, and holds real figures from every
 * phase. Then no process of the run is left.
 */
class BenchIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    @RegisterExtension
    static final ChildLogsOnFailure CHILD_LOGS = new ChildLogsOnFailure(() -> dataDir.resolve("logs"));

    @Test
    void writesTheReferenceScenarioBesideTheProducerBaseline() throws Exception {
        Path out = dataDir.resolve("performance.md");
        Files.writeString(out, "# Performance\n\nHand-written text.\n\n" + BenchReport.BEGIN + "\nold figures\n"
                + BenchReport.END + "\n\n## After\n");
        Process bench = new ProcessBuilder(ProjectPaths.home().resolve("ottpulse").toString(), "bench",
                "--data-dir", dataDir.toString(), "--out", out.toString(), "--viewers", "300", "--rate", "100",
                "--duration", "8", "--warm-up", "3", "--baseline-duration", "3", "--find-max-step", "2",
                "--find-max-duration", "15", "--verify-timeout", "30")
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("bench.out").toFile()).start();
        // Orphans are not descendants any more: remember every child seen while the launcher runs.
        Set<ProcessHandle> children = ConcurrentHashMap.newKeySet();
        boolean ended = false;
        for (long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6); !ended && System.nanoTime() < deadline;
                ended = bench.waitFor(1, TimeUnit.SECONDS)) {
            bench.descendants().forEach(children::add);
        }
        if (!ended) {
            bench.destroyForcibly().waitFor();
        }
        String said = Files.readString(dataDir.resolve("bench.out"), StandardCharsets.UTF_8);
        assertThat(ended).as(said).isTrue();
        assertThat(bench.exitValue()).as(said).isZero();
        assertThat(children).as("the stack's six components and loadgen's phases").hasSizeGreaterThanOrEqualTo(7)
                .noneMatch(ProcessHandle::isAlive);

        String text = Files.readString(out);
        assertThat(text).startsWith("# Performance\n\nHand-written text.\n\n" + BenchReport.BEGIN)
                .endsWith(BenchReport.END + "\n\n## After\n").doesNotContain("old figures");
        assertThat(text).contains("| loss | 0 of ", "acknowledged events missing");
        assertThat(number(text, "\\| sustained, single events at 100/s \\| ([0-9.,]+) events/s")).isPositive();
        assertThat(number(text, "\\| ([0-9.,]+) events/s \\| [0-9.]+ \\| 8,333")).as("baseline at the rate").isPositive();
        assertThat(number(text, "\\| maximum sustainable, single events \\| [^|]*\\| ([0-9.,]+) events/s flat out"))
                .isPositive();
        assertThat(number(text, "\\| maximum sustainable, batches of 50 \\| [^|]*\\| ([0-9.,]+) events/s flat out"))
                .isPositive();
        assertThat(text).contains("channel-load accuracy", "freshness, acknowledgement to the stats API");
        for (String component : List.of("kafka", "hdfs", "registry", "connect", "stats", "gateway", "loadgen")) {
            assertThat(text).contains(" " + component + " |");
        }
        Matcher row = Pattern.compile("\\| reference \\| ([^\\n]*)").matcher(text);
        assertThat(row.find()).isTrue();
        Matcher cells = Pattern.compile("([0-9.,]+) s \\(\\d+ %\\), (\\d+) MiB").matcher(row.group(1));
        int components = 0;
        while (cells.find()) {
            assertThat(Double.parseDouble(cells.group(1).replace(",", ""))).isNotNegative();
            assertThat(Long.parseLong(cells.group(2))).isPositive();
            components++;
        }
        assertThat(components).as("kafka, hdfs, registry, connect, stats, gateway, loadgen").isEqualTo(7);

        for (String component : List.of("kafka", "hdfs", "registry", "connect", "stats", "gateway")) {
            assertThat(dataDir.resolve("run/profiles/reference-" + component + ".jfr")).isNotEmptyFile();
        }
        Matcher profile = Pattern.compile("Profile of (\\w+) during reference: ([0-9,]+) Java samples").matcher(text);
        assertThat(profile.find()).as("the reference run missed its rate target, so its busiest component's profile"
                + " is shown:%n%s", text).isTrue();
        assertThat(Long.parseLong(profile.group(2).replace(",", ""))).isPositive();
        assertThat(text).contains("| thread | share of samples |", "| method, own time (top of the stack) |");
    }

    private static double number(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as("%s in:%n%s", regex, text).isTrue();
        return Double.parseDouble(matcher.group(1).replace(",", ""));
    }
}
