package io.ottpulse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JFR recording of this JVM while one named thread burns CPU in a known method. */
class JfrProfileTest {

    @TempDir
    Path dir;

    private static volatile long sink;

    @Test
    void findsTheThreadAndMethodThatSpentTheCpuAndTheCollectionsPauses() throws Exception {
        Path file = dir.resolve("burn.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.enable("jdk.GarbageCollection");
            recording.start();
            Thread burner = new Thread(JfrProfileTest::burnForASecond, "burner-42");
            burner.start();
            burner.join();
            System.gc();
            recording.stop();
            recording.dump(file);
        }

        JfrProfile profile = JfrProfile.read(file, 5);

        assertThat(profile.samples()).isPositive();
        assertThat(profile.threads().get(0).name()).isEqualTo("burner-N");
        assertThat(profile.ownTime().get(0).name()).isEqualTo("i.o.l.JfrProfileTest.burnForASecond");
        assertThat(profile.ownCode()).extracting(JfrProfile.Hot::name).contains("i.o.l.JfrProfileTest.burnForASecond");
        assertThat(profile.share(profile.threads().get(0))).isGreaterThan(0.5);
        assertThat(profile.gcPauseSeconds()).as("System.gc() pauses the JVM").isPositive();
    }

    private static void burnForASecond() {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long x = 1;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        sink = x;
    }
}
