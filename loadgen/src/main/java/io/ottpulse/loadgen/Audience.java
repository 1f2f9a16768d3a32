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
 * Simulated viewers. Each tunes in at a random moment of the ramp-up, then stays on a channel for a dwell drawn from
 * its {@link Habits}, sending a heartbeat every {@code heartbeatMs} meanwhile, and ends the stay with a switch, a
 * pause (resumed later on the same channel with a play) or a stop (tuning in again later). Deterministic for a given
 * seed; knows every viewer's current channel: the ground truth the stats must match.
 */
public final class Audience {

    private enum State { NEW, WATCHING, PAUSED, AWAY }

    private final ChannelCatalogue channels;
    private final Habits habits;
    private final long heartbeatMs;
    private final SplittableRandom random;
    private final State[] state;
    /** The channel watched, or paused on; null when away or not tuned in yet. */
    private final String[] channel;
    private final long[] nextActionAt;
    /** Pending actions as {time, viewer}, earliest first. */
    private final PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
    private final String runId;
    private long eventCounter;

    /** Viewers with plain habits: exponential stays of mean {@code switchIntervalMs}, each ending in a switch. */
    public Audience(int viewers, ChannelCatalogue channels, long switchIntervalMs, long heartbeatMs, long rampUpMs,
            long startMs, long seed) {
        this(viewers, channels, Habits.plain(switchIntervalMs), heartbeatMs, rampUpMs, startMs, seed);
    }

    /**
     * @param heartbeatMs heartbeat period while on a channel; 0 for none
     * @param rampUpMs viewers tune in at uniformly random moments of this first period
     */
    public Audience(int viewers, ChannelCatalogue channels, Habits habits, long heartbeatMs, long rampUpMs,
            long startMs, long seed) {
        this.channels = channels;
        this.habits = habits;
        this.heartbeatMs = heartbeatMs;
        this.random = new SplittableRandom(seed);
        this.state = new State[viewers];
        this.channel = new String[viewers];
        this.nextActionAt = new long[viewers];
        this.runId = Long.toString(seed, 36) + "-" + Long.toString(startMs, 36);
        for (int viewer = 0; viewer < viewers; viewer++) {
            long tuneIn = startMs + (rampUpMs == 0 ? 0 : random.nextLong(rampUpMs));
            state[viewer] = State.NEW;
            nextActionAt[viewer] = tuneIn;
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
        return state.length * habits.eventsPerSecondPerViewer(heartbeatMs);
    }

    /** The prefix of this run's event ids: {@code <runId>-<sequence>}. */
    public String runId() {
        return runId;
    }

    private SimulatedEvent act(int viewer, long atMs, long timestampMs) {
        EventType type = atMs >= nextActionAt[viewer] ? action(viewer, atMs) : EventType.HEARTBEAT;
        // Only a watching viewer's player sends heartbeats.
        long next = state[viewer] == State.WATCHING && heartbeatMs > 0
                ? Math.min(atMs + heartbeatMs, nextActionAt[viewer]) : nextActionAt[viewer];
        due.add(new long[] {next, viewer});
        String channelId = channel[viewer];
        if (type == EventType.STOP) {
            channel[viewer] = null;
        }
        long sequence = eventCounter++;
        return new SimulatedEvent(sequence, viewer, new ActivityEvent(runId + "-" + sequence, "viewer-" + viewer,
                "device-" + viewer, null, type, channelId, timestampMs, null));
    }

    /** The viewer's action due now; moves their state and sets when the next one is due. */
    private EventType action(int viewer, long atMs) {
        switch (state[viewer]) {
            case NEW, AWAY -> {
                channel[viewer] = channels.pick(random);
                return watch(viewer, atMs, EventType.CHANNEL_SWITCH);
            }
            case PAUSED -> {
                return watch(viewer, atMs, EventType.PLAY);
            }
            default -> {
                switch (habits.ending(random)) {
                    case PAUSE -> {
                        state[viewer] = State.PAUSED;
                        nextActionAt[viewer] = atMs + habits.pauseMs(random);
                        return EventType.PAUSE;
                    }
                    case STOP -> {
                        state[viewer] = State.AWAY;
                        nextActionAt[viewer] = atMs + habits.awayMs(random);
                        return EventType.STOP;
                    }
                    default -> {
                        channel[viewer] = channels.pickOther(random, channel[viewer]);
                        return watch(viewer, atMs, EventType.CHANNEL_SWITCH);
                    }
                }
            }
        }
    }

    private EventType watch(int viewer, long atMs, EventType type) {
        state[viewer] = State.WATCHING;
        nextActionAt[viewer] = atMs + habits.dwellMs(random);
        return type;
    }

    /**
     * Viewers per channel as the simulator knows them: those watching (not paused, stopped or yet to tune in). It
     * ignores the viewer timeout; {@link AckLedger} applies it to the events the API acknowledged.
     */
    public Map<String, Long> groundTruth() {
        Map<String, Long> load = new TreeMap<>();
        for (int viewer = 0; viewer < state.length; viewer++) {
            if (state[viewer] == State.WATCHING) {
                load.merge(channel[viewer], 1L, Long::sum);
            }
        }
        return load;
    }
}
