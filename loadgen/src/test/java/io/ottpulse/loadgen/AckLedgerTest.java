package io.ottpulse.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AckLedgerTest {

    private static SimulatedEvent event(long sequence, int viewer, String channel) {
        return new SimulatedEvent(sequence, viewer, new ActivityEvent("r-" + sequence, "viewer-" + viewer, null, null,
                EventType.CHANNEL_SWITCH, channel, 0, null));
    }

    @Test
    void aViewersChannelFollowsTheirLatestAcknowledgedEventWhateverTheOrderOfAnswers() {
        AckLedger ledger = new AckLedger(3);

        ledger.acknowledge(List.of(event(5, 0, "ch-2"), event(6, 1, "ch-3")), List.of());
        ledger.acknowledge(List.of(event(1, 0, "ch-1"), event(2, 2, "ch-1")), List.of());

        assertThat(ledger.channelLoad()).isEqualTo(Map.of("ch-1", 1L, "ch-2", 1L, "ch-3", 1L));
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
        assertThat(ledger.channelLoad()).isEqualTo(Map.of("ch-1", 1L));
    }

    @Test
    void only2xxAnswersAcknowledge() {
        assertThat(IngestAnswer.acknowledges(202)).isTrue();
        assertThat(IngestAnswer.acknowledges(207)).isTrue();
        assertThat(IngestAnswer.acknowledges(429)).isFalse();
        assertThat(IngestAnswer.acknowledges(503)).isFalse();
        assertThat(IngestAnswer.notAccepted(202, new byte[0])).isEmpty();
    }
}
