package io.ottpulse.loadgen;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the ingest API acknowledged: one bit per event sequence number (compact: 1 MiB holds 8 million events), and
 * per viewer their latest acknowledged event, which decides what the stats must show once they settle: the
 * activity-core presence rules count a viewer on the channel of a switch, play or heartbeat, on none after a pause
 * or a stop, and on none once silent for the viewer timeout. Answers arrive on several threads and out of order, so
 * a viewer's latest event moves only to a later sequence.
 */
final class AckLedger {

    /**
     * Viewers per channel at one moment: {@code viewers} count for sure; {@code expiring} reached the viewer timeout
     * only within the last few seconds, so the stats may or may not have expired them yet.
     */
    record ExpectedLoad(Map<String, Long> viewers, Map<String, Long> expiring) {
    }

    private final BitSet acknowledged = new BitSet();
    private final long[] latestSequence;
    /** The channel of the latest acknowledged event if it puts the viewer on one, else null. */
    private final String[] latestChannel;
    private final long[] latestTimestamp;
    private long count;

    AckLedger(int viewers) {
        latestSequence = new long[viewers];
        Arrays.fill(latestSequence, -1);
        latestChannel = new String[viewers];
        latestTimestamp = new long[viewers];
    }

    /** Records the events of one request that the API accepted: all but those at {@code notAcceptedIndexes}. */
    synchronized void acknowledge(List<SimulatedEvent> events, List<Integer> notAcceptedIndexes) {
        for (int i = 0; i < events.size(); i++) {
            if (notAcceptedIndexes.contains(i)) {
                continue;
            }
            SimulatedEvent event = events.get(i);
            acknowledged.set(Math.toIntExact(event.sequence()));
            count++;
            if (event.sequence() > latestSequence[event.viewer()]) {
                latestSequence[event.viewer()] = event.sequence();
                latestChannel[event.viewer()] =
                        event.event().type().requiresChannel() ? event.event().channelId() : null;
                latestTimestamp[event.viewer()] = event.event().timestamp();
            }
        }
    }

    synchronized long count() {
        return count;
    }

    /** The acknowledged sequence numbers, as a copy. */
    synchronized BitSet sequences() {
        return (BitSet) acknowledged.clone();
    }

    /**
     * Viewers per channel at {@code nowMs} by their latest acknowledged event: a viewer silent for more than
     * {@code timeoutMs} is expired, one silent for at most {@code slackMs} longer than that may still count.
     */
    synchronized ExpectedLoad channelLoad(long nowMs, long timeoutMs, long slackMs) {
        Map<String, Long> viewers = new TreeMap<>();
        Map<String, Long> expiring = new TreeMap<>();
        for (int viewer = 0; viewer < latestChannel.length; viewer++) {
            String channel = latestChannel[viewer];
            long silentMs = nowMs - latestTimestamp[viewer];
            if (channel == null || silentMs > timeoutMs + slackMs) {
                continue;
            }
            (silentMs <= timeoutMs ? viewers : expiring).merge(channel, 1L, Long::sum);
        }
        return new ExpectedLoad(viewers, expiring);
    }
}
