package io.ottpulse.bench.ingest;

import io.ottpulse.bench.http.HttpTarget;
import io.ottpulse.bench.http.OpenLoadClient;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Single events at a fixed rate from the open-model client, watched from outside: each JVM's CPU, CPU waits and
 * stop-the-world pauses, the machine's CPU, and which JVM stood still while the slow requests were in flight.
 */
final class FixedRatePhase {

    /** Slower than this counts as slow: the p99 target. */
    private static final long SLOW_MILLIS = 20;

    private final OpenLoadClient client;
    private final List<ObservedJvm> jvms;

    FixedRatePhase(OpenLoadClient client, List<ObservedJvm> jvms) {
        this.client = client;
        this.jvms = jvms;
    }

    Result run(HttpTarget target, int perSecond, int seconds) throws InterruptedException, IOException {
        double loadBefore = loadAverage();
        List<JvmDuringPhase.Watch> watches = jvms.stream().map(JvmDuringPhase::watch).toList();
        SlowRequests slow = new SlowRequests(SLOW_MILLIS);
        MachineCpu machine = new MachineCpu();
        ReclaimDaemon reclaim = new ReclaimDaemon();
        OpenLoadClient.Result answers = client.run(target, perSecond, seconds, slow);
        double busyCores = machine.busyCores();
        double pressure = machine.pressure();
        String reclaimDuring = reclaim.describe();
        List<JvmDuringPhase> during = new ArrayList<>();
        for (JvmDuringPhase.Watch watch : watches) {
            during.add(watch.end());
        }
        return new Result(perSecond, answers, slow, during, busyCores, pressure, reclaimDuring, loadBefore,
                loadAverage());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    record Result(int perSecond, OpenLoadClient.Result answers, SlowRequests slow, List<JvmDuringPhase> jvms,
            double machineBusyCores, double machineCpuPressure, String reclaim, double loadBefore,
            double loadAfter) {

        void print(PrintStream out) {
            Histogram latency = answers.latencyMicros();
            out.printf("single events at a fixed %,d/s (open model)  %,.0f req/s, p50 %.2f ms, p99 %.2f ms, "
                    + "p99.9 %.2f ms, max %.1f ms, errors %d; load average %.2f before, %.2f after%n", perSecond,
                    answers.achievedPerSecond(), latency.getValueAtPercentile(50) / 1000.0,
                    latency.getValueAtPercentile(99) / 1000.0, latency.getValueAtPercentile(99.9) / 1000.0,
                    latency.getMaxValue() / 1000.0, answers.errors(), loadBefore, loadAfter);
            out.printf("  machine %.2f cores busy (the JVMs below and anything else), some task waited for a CPU "
                    + "%.0f%% of the time%n", machineBusyCores, 100 * machineCpuPressure);
            out.println("  " + reclaim);
            jvms.forEach(jvm -> out.println("  " + jvm));
            out.println("  " + tail());
        }

        /** How many of the slow requests were in flight while a JVM stood still, per JVM and while none did. */
        private String tail() {
            StringBuilder line = new StringBuilder(String.format("requests over %d ms: %,d (%.2f%% of %,d); in "
                    + "flight during a pause >= %d ms of", SLOW_MILLIS, slow.count(), 100.0 * slow.count()
                    / answers.sent(), answers.sent(), JvmDuringPhase.STALL.toMillis()));
            List<Pause> allStalls = new ArrayList<>();
            for (JvmDuringPhase jvm : jvms) {
                line.append(String.format(" the %s %,d,", jvm.name(), slow.inFlightDuringAny(jvm.stalls())));
                allStalls.addAll(jvm.stalls());
            }
            return line.append(String.format(" none of them %,d; %s", slow.count()
                    - slow.inFlightDuringAny(allStalls), slow.bursts())).toString();
        }
    }
}
