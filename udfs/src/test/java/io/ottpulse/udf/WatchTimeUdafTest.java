package io.ottpulse.udf;

import static io.ottpulse.udf.Rows.event;
import static io.ottpulse.udf.Rows.seen;
import static org.assertj.core.api.Assertions.assertThat;

import io.confluent.ksql.util.Pair;
import io.confluent.ksql.util.Triple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class WatchTimeUdafTest {

    private final KsqlDriver<Pair<String, Long>, Map<String, Long>> observations =
            new KsqlDriver<>(WatchTimeUdaf.ofObservations(), WatchTimeUdaf.AGGREGATE);
    private final KsqlDriver<Triple<String, String, Long>, Map<String, Long>> events =
            new KsqlDriver<>(WatchTimeUdaf.ofEvents(), WatchTimeUdaf.AGGREGATE);

    @Test
    void creditsEachGapToTheChannelTheViewerWasOnCappedByTheTimeout() {
        assertThat(observations.result(List.of(seen("a", 0L), seen("a", 120_000L), seen("b", 150_000L),
                seen("c", 155_000L), seen("c", 1_155_000L)))).isEqualTo(Map.of("a", 150L, "b", 5L, "c", 300L));
    }

    @Test
    void skipsRowsWithoutChannelOrTimeAndNullRows() {
        assertThat(observations.result(Arrays.asList(seen("a", 0L), seen(null, 30_000L), seen("b", null), null,
                seen("a", 60_000L)))).isEqualTo(Map.of("a", 60L));
        assertThat(observations.result(List.of())).isEmpty();
    }

    @Test
    void ignoresAnEventOlderThanTheViewersLatest() {
        assertThat(observations.result(List.of(seen("a", 0L), seen("a", 60_000L), seen("b", 30_000L),
                seen("a", 90_000L)))).isEqualTo(Map.of("a", 90L));
    }

    @Test
    void theTypedFormFollowsPauseStopAndBuffering() {
        assertThat(events.result(List.of(event("play", "a", 0L), event("buffering_start", null, 20_000L),
                event("buffering_end", null, 25_000L), event("pause", null, 40_000L),
                event("play", "b", 1_000_000L), event("STOP", "b", 1_010_000L))))
                .isEqualTo(Map.of("a", 40L, "b", 10L));
    }

    @Test
    void theTypedFormSkipsUnknownTypesAndChannelEventsWithoutChannel() {
        assertThat(events.result(Arrays.asList(event("play", "a", 0L), event("rewind", "b", 10_000L),
                event("channel_switch", null, 20_000L), event(null, "b", 25_000L), event("heartbeat", "a", 30_000L))))
                .isEqualTo(Map.of("a", 30L));
    }

    @Test
    void mergingTwoSessionsEqualsOneAggregateOverBothInEitherArgumentOrder() {
        List<Triple<String, String, Long>> first = List.of(event("play", "a", 0L), event("heartbeat", "a", 60_000L));
        List<Triple<String, String, Long>> second = List.of(event("buffering_start", null, 200_000L),
                event("channel_switch", "b", 230_000L), event("heartbeat", "b", 290_000L));
        List<Triple<String, String, Long>> all = new ArrayList<>(first);
        all.addAll(second);
        Struct one = events.aggregate(first);
        Struct two = events.aggregate(second);

        Map<String, Long> expected = events.result(all);
        assertThat(expected).isEqualTo(Map.of("a", 230L, "b", 60L));
        assertThat(events.map(events.merge(one, two))).isEqualTo(expected);
        assertThat(events.map(events.merge(two, one))).isEqualTo(expected);
        assertThat(events.map(events.merge(events.aggregate(List.of()), events.merge(one, two)))).isEqualTo(expected);
    }
}
