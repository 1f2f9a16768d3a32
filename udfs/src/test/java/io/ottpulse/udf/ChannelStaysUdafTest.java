package io.ottpulse.udf;

import static io.ottpulse.udf.Rows.event;
import static io.ottpulse.udf.Rows.seen;
import static org.assertj.core.api.Assertions.assertThat;

import io.confluent.ksql.util.Pair;
import io.confluent.ksql.util.Triple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class ChannelStaysUdafTest {

    private final KsqlDriver<Triple<String, String, Long>, List<Struct>> events =
            new KsqlDriver<>(ChannelStaysUdaf.ofEvents(), ChannelStaysUdaf.AGGREGATE);
    private final ChannelTransitionsUdtf transitions = new ChannelTransitionsUdtf();

    static List<String> rendered(List<Struct> rows) {
        return rows.stream().map(row -> row.schema().fields().stream().map(f -> String.valueOf(row.get(f)))
                .reduce((a, b) -> a + " " + b).orElse("")).toList();
    }

    @Test
    void thePathListsEachStayWithHowItEnded() {
        List<Struct> stays = events.result(List.of(event("play", "a", 0L), event("channel_switch", "b", 4_000L),
                event("channel_switch", "c", 34_000L), event("heartbeat", "c", 134_000L),
                event("channel_switch", "a", 20_000L), event("stop", null, 200_000L), event("play", "a", 900_000L)));

        assertThat(rendered(stays)).containsExactly("a 0 4 switch", "b 4000 30 switch", "c 34000 166 leave",
                "a 900000 0 open");
        assertThat(rendered(transitions.transitions(stays))).containsExactly("a b 4 zap 4000", "b c 30 browse 34000");
    }

    @Test
    void nullRowsAreSkippedAndNullPathsGiveNoTransitions() {
        KsqlDriver<Pair<String, Long>, List<Struct>> observations =
                new KsqlDriver<>(ChannelStaysUdaf.ofObservations(), ChannelStaysUdaf.AGGREGATE);
        List<Struct> stays = observations.result(Arrays.asList(seen("a", 0L), seen(null, 1L), null, seen("b", 70_000L)));

        assertThat(rendered(stays)).containsExactly("a 0 70 switch", "b 70000 0 open");
        assertThat(rendered(transitions.transitions(stays))).containsExactly("a b 70 watch 70000");
        assertThat(transitions.transitions(null)).isEmpty();
        List<Struct> broken = new ArrayList<>(stays);
        broken.add(1, null);
        assertThat(transitions.transitions(broken)).isEmpty();
    }

    @Test
    void mergingSessionsJoinsTheirPaths() {
        List<Triple<String, String, Long>> first = List.of(event("play", "a", 0L), event("channel_switch", "b", 5_000L));
        List<Triple<String, String, Long>> second = List.of(event("error", null, 200_000L),
                event("channel_switch", "c", 260_000L));
        List<Triple<String, String, Long>> all = new ArrayList<>(first);
        all.addAll(second);

        List<Struct> merged = events.map(events.merge(events.aggregate(second), events.aggregate(first)));

        assertThat(rendered(merged)).isEqualTo(rendered(events.result(all)));
        assertThat(rendered(merged)).containsExactly("a 0 5 switch", "b 5000 255 switch", "c 260000 0 open");
    }
}
