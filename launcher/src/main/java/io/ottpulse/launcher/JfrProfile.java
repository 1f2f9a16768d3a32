package io.ottpulse.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a JFR recording says about where a JVM spent its CPU: execution samples counted by thread, by the method on
 * top of the stack (its own time), and by OTT Pulse's methods anywhere on the stack (with what they call), plus the
 * time its garbage collections paused it.
 *
 * @param samples Java execution samples in the recording
 * @param threads samples per thread, numbers and ids in thread names folded together
 * @param ownTime samples per top-of-stack method, the most first
 * @param ownCode samples with the given OTT Pulse method on the stack, the most first
 */
record JfrProfile(long samples, List<Hot> threads, List<Hot> ownTime, List<Hot> ownCode, double gcPauseSeconds) {

    /** A thread or method and how many samples it had. */
    record Hot(String name, long samples) {
    }

    private static final String OWN_PACKAGE = "io.ottpulse.";
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    /** Reads the recording; keeps the {@code top} entries of each list. */
    static JfrProfile read(Path recording, int top) throws IOException {
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> ownTime = new HashMap<>();
        Map<String, Long> ownCode = new HashMap<>();
        long samples = 0;
        double gcPauseSeconds = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                if (type.equals("jdk.GarbageCollection")) {
                    gcPauseSeconds += event.getDuration("sumOfPauses").toNanos() / 1e9;
                } else if (type.equals("jdk.ExecutionSample")) {
                    samples++;
                    count(threads, threadName(event));
                    count(event.getStackTrace(), ownTime, ownCode);
                }
            }
        }
        return new JfrProfile(samples, hottest(threads, top), hottest(ownTime, top), hottest(ownCode, top),
                gcPauseSeconds);
    }

    private static void count(RecordedStackTrace stack, Map<String, Long> ownTime, Map<String, Long> ownCode) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        List<RecordedFrame> frames = stack.getFrames();
        count(ownTime, name(frames.get(0).getMethod()));
        // A recursive or re-entered method counts once per sample.
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : frames) {
            RecordedMethod method = frame.getMethod();
            if (method.getType().getName().startsWith(OWN_PACKAGE) && seen.add(name(method))) {
                count(ownCode, name(method));
            }
        }
    }

    private static String threadName(RecordedEvent sample) {
        RecordedThread thread = sample.getThread("sampledThread");
        String name = thread == null ? null : thread.getJavaName();
        return name == null ? "?" : NUMBER.matcher(UUID.matcher(name).replaceAll("*")).replaceAll("N");
    }

    /** {@code org.apache.kafka.streams.StreamTask.process} as {@code o.a.k.s.StreamTask.process}. */
    static String name(RecordedMethod method) {
        String[] parts = method.getType().getName().split("\\.");
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            name.append(parts[i].charAt(0)).append('.');
        }
        return name.append(parts[parts.length - 1]).append('.').append(method.getName()).toString();
    }

    private static void count(Map<String, Long> counts, String key) {
        counts.merge(key, 1L, Long::sum);
    }

    private static List<Hot> hottest(Map<String, Long> counts, int top) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(top).map(entry -> new Hot(entry.getKey(), entry.getValue())).toList();
    }

    double share(Hot hot) {
        return samples == 0 ? 0 : (double) hot.samples() / samples;
    }
}
