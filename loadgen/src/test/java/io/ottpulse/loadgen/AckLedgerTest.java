package io.ottpulse.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AckLedgerTest {

    private static final long TIMEOUT = 300_000;

    private static SimulatedEvent event(long sequence, int viewer, String channel) {
        return event(sequence, viewer, EventType.CHANNEL_SWITCH, channel, 0);
    }

    private static SimulatedEvent event(long sequence, int viewer, EventType type, String channel, long timestamp) {
        return new SimulatedEvent(sequence, viewer, new ActivityEvent("r-" + sequence, "viewer-" + viewer, null, null,
                type, channel, timestamp, null));
    }

    private static Map<String, Long> counted(AckLedger ledger) {
        return ledger.channelLoad(0, TIMEOUT, 0).viewers();
    }

    @Test
    void aViewersChannelFollowsTheirLatestAcknowledgedEventWhateverTheOrderOfAnswers() {
        AckLedger ledger = new AckLedger(3);

        ledger.acknowledge(List.of(event(5, 0, "ch-2"), event(6, 1, "ch-3")), List.of());
        ledger.acknowledge(List.of(event(1, 0, "ch-1"), event(2, 2, "ch-1")), List.of());

        assertThat(counted(ledger)).isEqualTo(Map.of("ch-1", 1L, "ch-2", 1L, "ch-3", 1L));
        assertThat(ledger.count()).isEqualTo(4);
        assertThat(ledger.sequences().stream()).containsExactly(1, 2, 5, 6);
    }

    @Test
    void eventsAnswered207AsRejectedAreNotAcknowledged() {
        AckLedger ledger = new AckLedger(2);
        byte[] body = ("{\"accepted\":1,\"rejected\":1,\"dropped\":0,\"results\":[{\"index\":1,\"status\":\"rejected\","
                + "\"errors\":[\"events[1].userId: required\"]}]}").getBytes(StandardCharsets.UTF_8);

        ledger.acknowledge(List.of(event(0, 0, "ch-1"), event(1, 1, "ch-2")), IngestAnswer.notAccepted(207, body));

        assertThat(ledger.sequences().stream()).containsExactly(0);
        assertThat(counted(ledger)).isEqualTo(Map.of("ch-1", 1L));
    }

    @Test
    void only2xxAnswersAcknowledge() {
        assertThat(IngestAnswer.acknowledges(202)).isTrue();
        assertThat(IngestAnswer.acknowledges(207)).isTrue();
        assertThat(IngestAnswer.acknowledges(429)).isFalse();
        assertThat(IngestAnswer.acknowledges(503)).isFalse();
        assertThat(IngestAnswer.notAccepted(202, new byte[0])).isEmpty();
    }

    @Test
    void aPausedOrStoppedViewerCountsNowhereUntilTheirNextChannelEvent() {
        AckLedger ledger = new AckLedger(3);

        ledger.acknowledge(List.of(event(0, 0, "ch-1"), event(1, 1, "ch-1"), event(2, 2, "ch-2"),
                event(3, 0, EventType.PAUSE, "ch-1", 0), event(4, 1, EventType.STOP, "ch-1", 0),
                event(5, 2, EventType.HEARTBEAT, "ch-2", 0)), List.of());
        assertThat(counted(ledger)).isEqualTo(Map.of("ch-2", 1L));

        ledger.acknowledge(List.of(event(6, 0, EventType.PLAY, "ch-1", 0)), List.of());
        assertThat(counted(ledger)).isEqualTo(Map.of("ch-1", 1L, "ch-2", 1L));
    }

    @Test
    void aViewerSilentForTheTimeoutExpiresAndMayStillCountForTheSlack() {
        AckLedger ledger = new AckLedger(3);
        ledger.acknowledge(List.of(event(0, 0, EventType.CHANNEL_SWITCH, "ch-1", 1_000),
                event(1, 1, EventType.CHANNEL_SWITCH, "ch-1", 5_000),
                event(2, 2, EventType.HEARTBEAT, "ch-2", 9_000)), List.of());

        // At 306 s: viewer 0 has been silent 305 s (expired 5 s ago: beyond a 4 s slack), viewer 1 301 s (expiring),
        // viewer 2 297 s (counts). Silent exactly the timeout still counts, as in the presence rules.
        AckLedger.ExpectedLoad load = ledger.channelLoad(306_000, TIMEOUT, 4_000);
        assertThat(load.viewers()).isEqualTo(Map.of("ch-2", 1L));
        assertThat(load.expiring()).isEqualTo(Map.of("ch-1", 1L));
        assertThat(ledger.channelLoad(309_000, TIMEOUT, 0).viewers()).isEqualTo(Map.of("ch-2", 1L));
        assertThat(ledger.channelLoad(309_001, TIMEOUT, 0).viewers()).isEmpty();
    }
}
