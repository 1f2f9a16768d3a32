package io.ottpulse.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One loadgen run of {@code ./ottpulse bench} and what it cost: loadgen's JSON report, and the CPU each component
 * spent from loadgen's start to its exit (resident memory at the end). Loadgen's own cost is its report's
 * {@code process}: it ends before it could be sampled from outside.
 *
 * @param usage per component: CPU seconds during the phase, RSS MiB at its end
 * @param machineBusySeconds CPU seconds the whole machine was busy during the phase, every process included
 * @param profiles the JFR recording of each component during the phase, by component (loadgen has none)
 */
record LoadPhase(String name, JsonNode report, double wallSeconds, Map<String, ProcessUsage> usage,
        double machineBusySeconds, Map<String, Path> profiles) {

    static final String LOADGEN = "loadgen";

    /** Usage over the phase, loadgen's last, in the stack's order. */
    static Map<String, ProcessUsage> during(Map<String, ProcessUsage> before, Map<String, ProcessUsage> after,
            JsonNode report) {
        Map<String, ProcessUsage> usage = new LinkedHashMap<>();
        after.forEach((component, end) -> usage.put(component,
                new ProcessUsage(end.cpuSeconds() - before.get(component).cpuSeconds(), end.rssMib())));
        JsonNode process = report.path("process");
        usage.put(LOADGEN, new ProcessUsage(process.path("cpuSeconds").asDouble(-1), process.path("peakRssMib")
                .asLong(-1)));
        return usage;
    }

    /** CPU seconds of the stack's components and loadgen together: what the shares are of. */
    double measuredCpuSeconds() {
        return usage.values().stream().mapToDouble(ProcessUsage::cpuSeconds).filter(cpu -> cpu > 0).sum();
    }

    /** The component that used the most CPU, loadgen included. */
    Map.Entry<String, ProcessUsage> busiest() {
        return usage.entrySet().stream()
                .max(Map.Entry.comparingByValue(Comparator.comparingDouble(ProcessUsage::cpuSeconds))).orElseThrow();
    }

    double share(String component) {
        return usage.get(component).cpuSeconds() / measuredCpuSeconds();
    }
}
