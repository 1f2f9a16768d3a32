package io.ottpulse.stats.viewers;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.preferences.DecayedScores;
import io.ottpulse.activity.preferences.WatchTime;
import io.ottpulse.activity.presence.ViewerState;
import io.ottpulse.activity.viewing.DecayedWatch;
import io.ottpulse.activity.viewing.PresenceOnly;
import io.ottpulse.activity.viewing.Viewing;
import io.ottpulse.activity.viewing.ViewingEvent;
import io.ottpulse.stats.StatsConfig;
import io.ottpulse.stats.StatsMetrics;
import io.ottpulse.stats.StatsStores;
import io.ottpulse.stats.dedup.LegacySeenEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Follows each viewer through their events, the heart of the topology. A resend of an event the viewer sent before
 * is dropped first ({@link EventIdMemory}), as is a record that is not a valid event. Events wait in event-time order
 * for the grace period, so a late one within it takes its right place; older ones are counted and dropped. Where
 * the viewer is now (the settled state plus the waiting events) decides the channel they count on, published at
 * once; the events that leave the grace period settle: they earn watch time (decayed preferences) and make the stays
 * the per-window channel statistics count. Timers on the wall clock settle events whose grace period passed and
 * expire viewers silent for the viewer timeout, even on a quiet partition.
 */
public final class ViewerProcessor implements Processor<byte[], ActivityEvent, String, ViewerOutput> {

    /**
     * When a whole audience falls silent at once (an ingest outage), every viewer comes due together: expiring them
     * all in one punctuation would hold one transaction open past its timeout and fence the task. The rest wait for
     * the next tick, a second later by default.
     */
    public static final int MAX_TIMERS_PER_TICK = 20_000;

    private static final PresenceOnly NOTHING_TO_CREDIT = new PresenceOnly();

    private final long timeoutMs;
    private final long graceMs;
    private final long windowMs;
    private final double halfLifeMs;
    private final int maxChannelsPerUser;
    private final int topN;
    private final boolean keepPreferences;
    private final boolean emitActivities;
    private final StatsConfig.ChannelLoad channelLoad;
    private final ViewerTimers timers;
    private final Duration dedupWindow;
    private EventIdMemory eventIds;
    private ProcessorContext<String, ViewerOutput> context;
    /**
     * How far behind the wall clock this task's stream time was at its latest record. Timers fire at the wall clock
     * minus this lag, so a task catching up on a backlog does not expire viewers whose next events it has not read
     * yet. A whole tick without a record means the task has caught up: the lag is forgotten, so the viewers of a
     * backlog it just worked off expire when the wall clock says (kept, they would count for as long as the backlog
     * was old).
     */
    private long lagMs;
    private boolean recordSinceLastTick;
    private KeyValueStore<String, ViewerTimeline> viewers;
    private KeyValueStore<String, DecayedScores> preferences;
    private Sensor duplicates;
    private Sensor tooLate;
    private Sensor reordered;

    public ViewerProcessor(StatsConfig config) {
        this.timeoutMs = config.viewerTimeout().toMillis();
        this.graceMs = config.gracePeriod().toMillis();
        this.windowMs = config.channelStats().windowSeconds() * 1000;
        this.halfLifeMs = config.preferences().halfLifeMs();
        this.maxChannelsPerUser = config.preferences().maxChannelsPerUser();
        this.topN = config.preferences().topN();
        this.keepPreferences = config.preferences().enabled();
        this.emitActivities = config.channelStats().enabled();
        this.channelLoad = config.channelLoad();
        this.timers = new ViewerTimers(config.channelLoad().expiryIntervalMs());
        this.dedupWindow = config.dedupWindow();
    }

    @Override
    public void init(ProcessorContext<String, ViewerOutput> context) {
        this.context = context;
        this.viewers = context.getStateStore(StatsStores.VIEWERS);
        this.preferences = context.getStateStore(StatsStores.USER_PREFERENCES);
        this.eventIds = new EventIdMemory(dedupWindow.toMillis(), LegacySeenEvents.of(
                context.getStateStore(StatsStores.SEEN_EVENTS), dedupWindow, StatsStores.seenEventsRetention(dedupWindow)));
        this.duplicates = StatsMetrics.counter(context, "duplicate-events");
        this.tooLate = StatsMetrics.counter(context, "late-events-dropped");
        this.reordered = StatsMetrics.counter(context, "late-events-reordered");
        context.schedule(channelLoad.expiryInterval(), PunctuationType.WALL_CLOCK_TIME, this::fireDueTimers);
        rebuildTimers();
    }

    /** Init runs after the stores are restored (and again after a task is revived): index every viewer's timer. */
    private void rebuildTimers() {
        timers.clear();
        try (KeyValueIterator<String, ViewerTimeline> all = viewers.all()) {
            all.forEachRemaining(viewer -> timers.add(viewer.value.timerBucket(), viewer.key));
        }
    }

    @Override
    public void process(Record<byte[], ActivityEvent> record) {
        ActivityEvent activity = record.value();
        if (activity == null) {
            // Not a valid event (EventSerde logged it).
            return;
        }
        ViewingEvent event = ViewingEvent.of(activity);
        if (!event.usable()) {
            return;
        }
        long streamTime = context.currentStreamTimeMs();
        lagMs = Math.max(0, context.currentSystemTimeMs() - streamTime);
        recordSinceLastTick = true;
        String userId = activity.userId();
        ViewerTimeline before = Objects.requireNonNullElse(viewers.get(userId), ViewerTimeline.NEW);
        if (eventIds.seen(before, activity)) {
            duplicates.record();
            return;
        }
        if (event.timestamp() < before.settledThrough()) {
            tooLate.record();
            return;
        }
        if (event.timestamp() < before.newest()) {
            reordered.record();
        }
        long settleUpTo = Math.max(Math.max(before.newest(), event.timestamp()), streamTime) - graceMs;
        ViewerTimeline after = advance(userId, before, before.pendingWith(event), settleUpTo, record.timestamp());
        viewers.put(userId, schedule(userId, eventIds.remember(after, activity, streamTime)));
    }

    /** Settles the pending events up to {@code settleUpTo} and returns the viewer's timeline after them. */
    private ViewerTimeline advance(String userId, ViewerTimeline start, List<ViewingEvent> pending, long settleUpTo,
            long recordTime) {
        Settling settling = new Settling(userId, start);
        int waiting = 0;
        while (waiting < pending.size() && pending.get(waiting).timestamp() <= settleUpTo) {
            settling.settle(pending.get(waiting++));
        }
        return settling.finish(pending.subList(waiting, pending.size()), recordTime);
    }

    /** The events of one viewer leaving the grace period, in order, and what they publish. */
    private final class Settling {
        private final String userId;
        private final ViewerTimeline start;
        private ViewerState state;
        private long through;
        private SeenInWindow seen;
        private DecayedWatch watch;
        private boolean stayEnded;

        Settling(String userId, ViewerTimeline start) {
            this.userId = userId;
            this.start = start;
            this.state = start.settled();
            this.through = start.settledThrough();
            this.seen = start.seen();
        }

        void settle(ViewingEvent event) {
            ViewerState before = state;
            long credit = WatchTime.creditMs(before, event.timestamp(), timeoutMs);
            // Only a credit touches the watch ledger; without one, skip reading the viewer's preferences at all.
            boolean credits = credit > 0 && keepPreferences;
            state = Viewing.step(before, event, timeoutMs, credits ? ledger() : NOTHING_TO_CREDIT);
            through = Math.max(through, event.timestamp());
            boolean newStay = state != null && (before == null || state.since() != before.since()
                    || !state.channelId().equals(before.channelId()));
            long endedStayMs = ChannelActivity.NO_STAY_ENDED;
            if (before != null && (state == null || newStay)) {
                stayEnded = true;
                endedStayMs = before.lastSeen() - before.since() + credit;
            }
            if (emitActivities) {
                publishActivities(before, event.timestamp(), newStay, endedStayMs);
            }
        }

        /** One record per channel: the stay that ended, and where the viewer is now, unless they are the same. */
        private void publishActivities(ViewerState before, long at, boolean newStay, long endedStayMs) {
            boolean seenNow = state != null && markSeen(state.channelId(), at);
            boolean ended = endedStayMs != ChannelActivity.NO_STAY_ENDED;
            boolean endedHere = ended && state != null && before.channelId().equals(state.channelId());
            if (ended && !endedHere) {
                activity(before.channelId(), at, new ChannelActivity(false, false, endedStayMs));
            }
            if (newStay || seenNow || endedHere) {
                activity(state.channelId(), at, new ChannelActivity(newStay, seenNow,
                        endedHere ? endedStayMs : ChannelActivity.NO_STAY_ENDED));
            }
        }

        /** Counts the viewer among the channel's viewers in the window of {@code at}, unless they already are. */
        private boolean markSeen(String channelId, long at) {
            long window = Math.floorDiv(at, windowMs);
            if (seen.includes(window, channelId)) {
                return false;
            }
            seen = seen.with(window, channelId);
            return true;
        }

        /** The viewer timed out: the stay ends at the timeout, which earns the channel the time until then. */
        void expire() {
            if (state != null) {
                long credit = timeoutMs;
                long at = state.lastSeen() + timeoutMs;
                if (keepPreferences) {
                    ledger().credit(state.channelId(), credit, at);
                }
                stayEnded = true;
                activity(state.channelId(), at,
                        new ChannelActivity(false, false, state.lastSeen() - state.since() + credit));
            }
            state = null;
        }

        private void activity(String channelId, long at, ChannelActivity activity) {
            if (emitActivities) {
                context.forward(new Record<>(channelId, ViewerOutput.activity(activity), at));
            }
        }

        private DecayedWatch ledger() {
            if (watch == null) {
                DecayedScores stored = preferences.get(userId);
                watch = stored == null ? new DecayedWatch(halfLifeMs)
                        : DecayedWatch.fromState(halfLifeMs, stored.state());
            }
            return watch;
        }

        /** Stores what settled, publishes the channel the viewer now counts on, and returns the new timeline. */
        ViewerTimeline finish(List<ViewingEvent> stillPending, long recordTime) {
            if (watch != null) {
                DecayedScores scores = trimmed(watch.scores());
                preferences.put(userId, scores);
                if (stayEnded) {
                    context.forward(new Record<>(userId,
                            ViewerOutput.preferences(UserPreferences.of(userId, scores, topN)), recordTime));
                }
            }
            ViewerState now = state;
            for (ViewingEvent event : stillPending) {
                now = Viewing.presence(now, event, timeoutMs);
            }
            String countedOn = now == null ? null : now.channelId();
            if (!Objects.equals(countedOn, start.countedOn())) {
                if (start.countedOn() != null) {
                    context.forward(new Record<>(start.countedOn(), ViewerOutput.loadChange(-1), recordTime));
                }
                if (countedOn != null) {
                    context.forward(new Record<>(countedOn, ViewerOutput.loadChange(1), recordTime));
                }
            }
            return new ViewerTimeline(state, through, stillPending, countedOn, start.timerBucket(), seen,
                    start.eventIds());
        }
    }

    /** At most {@code maxChannelsPerUser} channels: the least watched (decayed) go first, so state stays bounded. */
    private DecayedScores trimmed(DecayedScores scores) {
        if (scores.state().size() <= maxChannelsPerUser) {
            return scores;
        }
        Map<String, Double> now = scores.at(scores.latest());
        List<String> byScore = new ArrayList<>(now.keySet());
        byScore.sort(Comparator.comparingDouble(now::get));
        for (String channel : byScore.subList(0, byScore.size() - maxChannelsPerUser)) {
            scores.state().remove(channel);
        }
        return scores;
    }

    /**
     * Sets the viewer's next timer: when their oldest pending event leaves the grace period, or, with none pending,
     * when they time out; for a departed viewer, when their eventIds can be forgotten. Indexed only if it moved to
     * another bucket.
     */
    private ViewerTimeline schedule(String userId, ViewerTimeline timeline) {
        long due;
        if (timeline.departed()) {
            due = eventIds.forgetAt(timeline);
        } else if (timeline.pending().isEmpty()) {
            due = timeline.newest() + timeoutMs;
        } else {
            due = timeline.pending().get(0).timestamp() + graceMs;
        }
        long bucket = timers.bucketOf(due);
        if (bucket == timeline.timerBucket()) {
            return timeline;
        }
        timers.add(bucket, userId);
        return timeline.withTimer(bucket);
    }

    /**
     * On the wall clock, less the task's lag: settles what left the grace period and expires viewers silent for the
     * timeout, the oldest first and at most {@link #MAX_TIMERS_PER_TICK} per tick.
     */
    private void fireDueTimers(long wallClock) {
        if (!recordSinceLastTick) {
            lagMs = 0;
        }
        recordSinceLastTick = false;
        long now = wallClock - lagMs;
        long dueBucket = timers.bucketOf(now) - 1;
        for (String userId : timers.takeDue(dueBucket, MAX_TIMERS_PER_TICK)) {
            ViewerTimeline timeline = viewers.get(userId);
            if (timeline == null || timeline.timerBucket() > dueBucket) {
                // Gone, or a stale entry: the viewer's timer moved to a later bucket, where another entry waits.
                continue;
            }
            if (timeline.departed()) {
                forgetOrKeep(userId, timeline, now);
            } else if (now - timeline.newest() > timeoutMs) {
                Settling settling = new Settling(userId, timeline);
                timeline.pending().forEach(settling::settle);
                settling.expire();
                ViewerTimeline gone = settling.finish(List.of(), now);
                forgetOrKeep(userId, ViewerTimeline.departed(gone.eventIds(), gone.seen()), now);
            } else {
                viewers.put(userId, schedule(userId, advance(userId, timeline, timeline.pending(), now - graceMs, now)));
            }
        }
    }

    /** A departed viewer goes once their eventIds are past retention; until then their timer waits for that. */
    private void forgetOrKeep(String userId, ViewerTimeline departed, long now) {
        if (now >= eventIds.forgetAt(departed)) {
            viewers.delete(userId);
            return;
        }
        ViewerTimeline scheduled = schedule(userId, departed);
        if (scheduled != departed) {
            viewers.put(userId, scheduled);
        }
    }
}
