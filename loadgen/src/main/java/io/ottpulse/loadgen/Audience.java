package io.ottpulse.loadgen;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Simulated viewers. Each tunes in at a random moment of the ramp-up, then switches channel after exponentially
 * distributed gaps (mean {@code switchIntervalMs}), and between switches sends a heartbeat every {@code heartbeatMs}.
 * Deterministic for a given seed; knows every viewer's current channel: the ground truth the stats must match.
 */
public final class Audience {

    private final ChannelCatalogue channels;
    private final long switchIntervalMs;
    private final long heartbeatMs;
    private final SplittableRandom random;
    private final String[] currentChannel;
    private final long[] nextSwitchAt;
    /** Pending actions as {time, viewer}, earliest first. */
    private final PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    private final String runId;
    private long eventCounter;

    /**
     * @param heartbeatMs heartbeat period while on a channel; 0 for none
     * @param rampUpMs viewers tune in at uniformly random moments of this first period
     */
    public Audience(int viewers, ChannelCatalogue channels, long switchIntervalMs, long heartbeatMs, long rampUpMs,
            long startMs, long seed) {
        this.channels = channels;
        this.switchIntervalMs = switchIntervalMs;
        this.heartbeatMs = heartbeatMs;
        this.random = new SplittableRandom(seed);
        this.currentChannel = new String[viewers];
        this.nextSwitchAt = new long[viewers];
        this.runId = Long.toString(seed, 36) + "-" + Long.toString(startMs, 36);
        for (int viewer = 0; viewer < viewers; viewer++) {
            long tuneIn = startMs + (rampUpMs == 0 ? 0 : random.nextLong(rampUpMs));
            nextSwitchAt[viewer] = tuneIn;
            due.add(new long[] {tuneIn, viewer});
        }
    }

    /** The events of every viewer due at or before {@code nowMs}, each timestamped when it was due. */
    public List<ActivityEvent> eventsUntil(long nowMs) {
        List<ActivityEvent> events = new ArrayList<>();
        while (!due.isEmpty() && due.peek()[0] <= nowMs) {
            long[] next = due.poll();
            events.add(act((int) next[1], next[0], next[0]).event());
        }
        return events;
    }

    /**
     * The next event in the audience's own time, whenever it is due, stamped {@code timestampMs}: for a sender that
     * paces events at its own rate. Every viewer always has a next action, so there is always a next event.
     */
    public SimulatedEvent next(long timestampMs) {
        long[] next = due.poll();
        return act((int) next[1], next[0], timestampMs);
    }

    /** Events per second this audience produces in its own time once every viewer has tuned in. */
    public double naturalEventsPerSecond() {
        // A stay lasts Exp(mean S) and holds floor(stay / H) heartbeats, E = e^(-H/S) / (1 - e^(-H/S)); with the
        // switch itself that is 1 / (1 - e^(-H/S)) events per stay, and a stay every S.
        double perStay = heartbeatMs > 0 ? 1 / (1 - Math.exp(-(double) heartbeatMs / switchIntervalMs)) : 1;
        return currentChannel.length * perStay * 1000.0 / switchIntervalMs;
    }

    /** The prefix of this run's event ids: {@code <runId>-<sequence>}. */
    public String runId() {
        return runId;
    }

    private SimulatedEvent act(int viewer, long atMs, long timestampMs) {
        EventType type;
        if (atMs >= nextSwitchAt[viewer]) {
            String current = currentChannel[viewer];
            currentChannel[viewer] = current == null ? channels.pick(random) : channels.pickOther(random, current);
            nextSwitchAt[viewer] = atMs + 1 + (long) (-Math.log(1 - random.nextDouble()) * switchIntervalMs);
            type = EventType.CHANNEL_SWITCH;
        } else {
            type = EventType.HEARTBEAT;
        }
        long next = heartbeatMs > 0 ? Math.min(atMs + heartbeatMs, nextSwitchAt[viewer]) : nextSwitchAt[viewer];
        due.add(new long[] {next, viewer});
        long sequence = eventCounter++;
        return new SimulatedEvent(sequence, viewer, new ActivityEvent(runId + "-" + sequence, "viewer-" + viewer,
                "device-" + viewer, null, type, currentChannel[viewer], timestampMs, null));
    }

    /** Viewers per channel as the simulator knows them. */
    public Map<String, Long> groundTruth() {
        Map<String, Long> load = new TreeMap<>();
        for (String channel : currentChannel) {
            if (channel != null) {
                load.merge(channel, 1L, Long::sum);
            }
        }
        return load;
    }
}
