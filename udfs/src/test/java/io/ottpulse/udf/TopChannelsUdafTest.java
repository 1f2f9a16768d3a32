package io.ottpulse.udf;

import static io.ottpulse.udf.Rows.event;
import static io.ottpulse.udf.Rows.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.confluent.ksql.util.Pair;
import io.confluent.ksql.util.Triple;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class TopChannelsUdafTest {

    static List<String> rendered(List<Struct> ranked) {
        return ranked.stream().map(r -> r.get("CHANNEL") + " " + r.get("SECONDS") + " " + r.get("SHARE")).toList();
    }

    @Test
    void ranksChannelsByWatchSecondsWithTheirShareOfTheWhole() {
        KsqlDriver<Pair<String, Long>, List<Struct>> top =
                new KsqlDriver<>(TopChannelsUdaf.ofObservations(2), WatchTimeUdaf.AGGREGATE);

        assertThat(rendered(top.result(List.of(seen("a", 0L), seen("b", 60_000L), seen("c", 240_000L),
                seen("a", 340_000L), seen("a", 440_000L))))).containsExactly("b 180 " + 180.0 / 440, "a 160 " + 160.0 / 440);
    }

    @Test
    void nullsAndLateEventsDoNotCount() {
        KsqlDriver<Triple<String, String, Long>, List<Struct>> top =
                new KsqlDriver<>(TopChannelsUdaf.ofEvents(5), WatchTimeUdaf.AGGREGATE);

        assertThat(rendered(top.result(Arrays.asList(event("play", "a", 0L), null, event("play", "b", 30_000L),
                event("heartbeat", "a", 10_000L), event("stop", null, 90_000L))))).containsExactly("b 60 0.6666666666666666",
                "a 30 0.3333333333333333");
        assertThat(top.result(List.of())).isEmpty();
    }

    @Test
    void mergesSessionsLikeOneAggregate() {
        KsqlDriver<Pair<String, Long>, List<Struct>> top =
                new KsqlDriver<>(TopChannelsUdaf.ofObservations(3), WatchTimeUdaf.AGGREGATE);
        List<Pair<String, Long>> first = List.of(seen("a", 0L), seen("b", 100_000L));
        List<Pair<String, Long>> second = List.of(seen("b", 250_000L), seen("a", 260_000L), seen("a", 300_000L));

        assertThat(rendered(top.map(top.merge(top.aggregate(second), top.aggregate(first)))))
                .containsExactly("b 160 0.5333333333333333", "a 140 0.4666666666666667");
    }

    @Test
    void aQueryWithABadNFailsWhenItIsCreated() {
        assertThatThrownBy(() -> TopChannelsUdaf.ofObservations(0)).hasMessageContaining("n must be a positive");
        assertThatThrownBy(() -> TopChannelsUdaf.ofEvents(null)).hasMessageContaining("n must be a positive");
    }
}
