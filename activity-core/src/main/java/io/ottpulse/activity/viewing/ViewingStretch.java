package io.ottpulse.activity.viewing;

import io.ottpulse.activity.presence.ViewerState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A stretch of one viewer's events, folded so that it can be joined with the stretch that follows it (two session
 * windows merging) and give exactly what one fold over both stretches gives.
 *
 * <p>What a stretch's first events earn depends on where the viewer was before it: a buffering event continues the
 * previous channel's stay if the viewer was watching, and earns nothing if not. So the stretch keeps its leading
 * events as they came (the lead) until the outcome no longer depends on the past: the fold from "not watching" and the
 * fold from "watching some earlier channel until just before the first event" reach the same channel and last event.
 * That usually happens at the first event (a switch, play, heartbeat, pause or stop). Everything after the lead is
 * folded into the tail ledger. Joining replays the later stretch's lead on the earlier stretch's final state, then
 * appends its tail. The result of a stretch on its own is the lead replayed from "not watching" plus the tail.
 *
 * <p>A lead longer than {@link #MAX_LEAD} (only a run of buffering/error events with no switch, pause, stop or long
 * silence) is closed there: the tail then starts from "not watching", and a later join no longer credits that run to
 * the earlier channel.
 *
 * @param <L> the ledger kept in the tail
 */
public final class ViewingStretch<L extends ViewingLedger<L>> {

    /** The most leading events kept for replay. */
    public static final int MAX_LEAD = 256;

    private final long timeoutMs;
    private final List<ViewingEvent> lead;
    private boolean converged;
    private ViewerState state;
    private boolean carried;
    private L tail;

    /** An empty stretch. */
    public ViewingStretch(long timeoutMs) {
        this(timeoutMs, new ArrayList<>(), false, null, false, null);
    }

    /**
     * A stretch restored from its parts (see the accessors).
     *
     * @param tail null unless converged
     */
    public ViewingStretch(long timeoutMs, List<ViewingEvent> lead, boolean converged, ViewerState state, boolean carried,
            L tail) {
        if (converged && tail == null) {
            throw new IllegalArgumentException("a converged stretch needs its tail ledger");
        }
        this.timeoutMs = timeoutMs;
        this.lead = new ArrayList<>(lead);
        this.converged = converged;
        this.state = converged ? state : null;
        this.carried = converged && state != null && carried;
        this.tail = converged ? tail : null;
    }

    /** Folds in the next event of the viewer (in arrival order); unusable events are ignored. */
    public void add(ViewingEvent event, Supplier<L> newLedger) {
        if (!event.usable()) {
            return;
        }
        if (converged) {
            ViewerState after = Viewing.step(state, event, timeoutMs, tail);
            carried = carried && after != null && !Viewing.endsStay(state, after, event, timeoutMs);
            state = after;
            return;
        }
        lead.add(event);
        ViewerState fresh = replayPresence(null);
        if (sameFuture(fresh, replayPresence(new ViewerState(null, lead.get(0).timestamp(), lead.get(0).timestamp())))
                || lead.size() >= MAX_LEAD) {
            converged = true;
            state = fresh;
            carried = fresh != null;
            tail = newLedger.get();
            if (fresh != null) {
                tail.resumed(fresh.channelId());
            }
        }
    }

    /** The stretch's own result: its lead replayed from "not watching", then its tail. */
    public L result(Supplier<L> newLedger) {
        L ledger = newLedger.get();
        replay(null, ledger);
        if (converged) {
            ledger.append(tail);
        }
        return ledger;
    }

    /** Where the viewer is at the end of the stretch (null when not watching). */
    public ViewerState presence() {
        ViewerState replayed = replayPresence(null);
        return converged ? continueWithTail(replayed) : replayed;
    }

    /**
     * One stretch out of two consecutive ones: all of {@code earlier}'s events happened before {@code later}'s, as
     * for two session windows of one key. Either may be empty. The arguments are left unchanged.
     */
    public static <L extends ViewingLedger<L>> ViewingStretch<L> join(ViewingStretch<L> earlier,
            ViewingStretch<L> later) {
        if (later.isEmpty()) {
            return earlier.copy();
        }
        if (earlier.isEmpty()) {
            return later.copy();
        }
        if (!earlier.converged) {
            List<ViewingEvent> lead = new ArrayList<>(earlier.lead);
            lead.addAll(later.lead);
            return new ViewingStretch<>(earlier.timeoutMs, lead, later.converged, later.state, later.carried,
                    later.tail == null ? null : later.tail.copy());
        }
        L tail = earlier.tail.copy();
        ViewerState state = earlier.state;
        boolean carried = earlier.carried;
        for (ViewingEvent event : later.lead) {
            ViewerState after = Viewing.step(state, event, earlier.timeoutMs, tail);
            carried = carried && after != null && !Viewing.endsStay(state, after, event, earlier.timeoutMs);
            state = after;
        }
        if (later.converged) {
            tail.append(later.tail);
            state = later.state == null ? null : new ViewerState(later.state.channelId(),
                    later.carried ? state.since() : later.state.since(), later.state.lastSeen());
            carried = later.carried && carried;
        }
        return new ViewingStretch<>(earlier.timeoutMs, earlier.lead, true, state, carried, tail);
    }

    /** The first event's time, to tell which of two stretches came first; {@code Long.MAX_VALUE} when empty. */
    public long firstTimestamp() {
        return lead.isEmpty() ? Long.MAX_VALUE : lead.get(0).timestamp();
    }

    public boolean isEmpty() {
        return lead.isEmpty();
    }

    /** The leading events kept for replay. */
    public List<ViewingEvent> lead() {
        return List.copyOf(lead);
    }

    /** True once the lead is closed and later events go to the tail. */
    public boolean converged() {
        return converged;
    }

    /** The state at the end of the tail, as folded from "not watching" (null when not watching or not converged). */
    public ViewerState tailState() {
        return state;
    }

    /** True when the tail ends in the stay it began in, so that stay's entry time comes from the lead. */
    public boolean carried() {
        return carried;
    }

    /** The tail's ledger, null until converged. */
    public L tail() {
        return tail;
    }

    public ViewingStretch<L> copy() {
        return new ViewingStretch<>(timeoutMs, lead, converged, state, carried, tail == null ? null : tail.copy());
    }

    private ViewerState continueWithTail(ViewerState replayed) {
        if (state == null) {
            return null;
        }
        long since = carried && replayed != null ? replayed.since() : state.since();
        return new ViewerState(state.channelId(), since, state.lastSeen());
    }

    private void replay(ViewerState start, ViewingLedger<?> ledger) {
        ViewerState current = start;
        for (ViewingEvent event : lead) {
            current = Viewing.step(current, event, timeoutMs, ledger);
        }
    }

    private ViewerState replayPresence(ViewerState start) {
        ViewerState current = start;
        for (ViewingEvent event : lead) {
            current = Viewing.presence(current, event, timeoutMs);
        }
        return current;
    }

    /**
     * True when two states lead to the same future: both not watching, or both on the same known channel with the same
     * last event (what follows depends on nothing else; the entry time only names the stay).
     */
    private static boolean sameFuture(ViewerState fresh, ViewerState continued) {
        if (fresh == null || continued == null) {
            return fresh == continued;
        }
        return continued.channelId() != null && continued.channelId().equals(fresh.channelId())
                && continued.lastSeen() == fresh.lastSeen();
    }
}
