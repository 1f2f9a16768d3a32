package io.ottpulse.loadgen;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the ingest API acknowledged: one bit per event sequence number (compact: 1 MiB holds 8 million events), and
 * per viewer the channel of their latest acknowledged event, which is what the stats must show once they settle.
 * Answers arrive on several threads and out of order, so a viewer's channel moves only to a later sequence.
 */
final class AckLedger {

    private final BitSet acknowledged = new BitSet();
    private final long[] latestSequence;
    private final String[] latestChannel;
    private long count;

    AckLedger(int viewers) {
        latestSequence = new long[viewers];
        Arrays.fill(latestSequence, -1);
        latestChannel = new String[viewers];
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
                latestChannel[event.viewer()] = event.event().channelId();
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

    /** Viewers per channel by their latest acknowledged event. */
    synchronized Map<String, Long> channelLoad() {
        Map<String, Long> load = new TreeMap<>();
        for (String channel : latestChannel) {
            if (channel != null) {
                load.merge(channel, 1L, Long::sum);
            }
        }
        return load;
    }
}
