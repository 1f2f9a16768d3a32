package io.ottpulse.udf;

import static io.ottpulse.udf.Rows.event;
import static io.ottpulse.udf.Rows.seen;
import static org.assertj.core.api.Assertions.assertThat;

import io.confluent.ksql.util.Pair;
import io.confluent.ksql.util.Triple;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class PresenceUdafTest {

    private final KsqlDriver<Triple<String, String, Long>, Struct> events =
            new KsqlDriver<>(PresenceUdaf.ofEvents(), PresenceUdaf.AGGREGATE);

    private static String rendered(Struct presence) {
        return presence == null ? null
                : presence.get("CHANNEL") + " since " + presence.get("SINCE") + " last " + presence.get("LAST_SEEN");
    }

    @Test
    void theViewerIsOnTheChannelOfTheirLatestEventByEventTime() {
        assertThat(rendered(events.result(List.of(event("play", "a", 0L), event("heartbeat", "a", 60_000L),
                event("channel_switch", "b", 50_000L), event("error", null, 70_000L)))))
                .isEqualTo("a since 0 last 70000");
    }

    @Test
    void pauseStopAndNullsLeaveNoPresence() {
        assertThat(events.result(List.of(event("play", "a", 0L), event("stop", null, 10_000L)))).isNull();
        assertThat(events.result(Arrays.asList(null, event(null, "a", 1L)))).isNull();
        KsqlDriver<Pair<String, Long>, Struct> observations =
                new KsqlDriver<>(PresenceUdaf.ofObservations(), PresenceUdaf.AGGREGATE);
        assertThat(rendered(observations.result(Arrays.asList(seen("a", 5L), seen(null, 9L), seen("b", 3L)))))
                .isEqualTo("a since 5 last 5");
    }

    @Test
    void mergedSessionsKeepTheStayThatGoesOnAcrossThem() {
        Struct first = events.aggregate(List.of(event("play", "a", 0L), event("heartbeat", "a", 60_000L)));
        Struct second = events.aggregate(List.of(event("buffering_end", null, 100_000L),
                event("heartbeat", "a", 160_000L)));

        assertThat(rendered(events.map(events.merge(second, first)))).isEqualTo("a since 0 last 160000");
        assertThat(rendered(events.map(second))).isEqualTo("a since 160000 last 160000");
    }
}
