package io.ottpulse.udf;

import static io.ottpulse.udf.Rows.event;
import static io.ottpulse.udf.Rows.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.confluent.ksql.util.Pair;
import io.confluent.ksql.util.Triple;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class DecayedPreferencesUdafTest {

    private static final long HOUR = 3_600_000;

    private final KsqlDriver<Triple<String, String, Long>, List<Struct>> events =
            new KsqlDriver<>(DecayedPreferencesUdaf.ofEvents(1, 5), DecayedPreferencesUdaf.AGGREGATE);

    /** 200 s of a credited one hour before 100 s of b: with a one-hour half-life they weigh the same. */
    private static final List<Triple<String, String, Long>> FIRST = List.of(event("play", "a", 0L),
            event("stop", null, 200_000L));
    private static final List<Triple<String, String, Long>> SECOND = List.of(event("play", "b", 100_000L + HOUR),
            event("stop", null, 200_000L + HOUR));

    @Test
    void aSecondWatchedOneHalfLifeBeforeTheLatestCreditCountsHalf() {
        List<Triple<String, String, Long>> all = new java.util.ArrayList<>(FIRST);
        all.addAll(SECOND);

        assertThat(TopChannelsUdafTest.rendered(events.result(all))).containsExactly("a 100 0.5", "b 100 0.5");
    }

    @Test
    void nullsAndLateEventsDoNotCount() {
        KsqlDriver<Pair<String, Long>, List<Struct>> observations =
                new KsqlDriver<>(DecayedPreferencesUdaf.ofObservations(168, 1), DecayedPreferencesUdaf.AGGREGATE);

        List<Struct> ranked = observations.result(Arrays.asList(seen("a", 0L), null, seen(null, 5L),
                seen("b", 100_000L), seen("c", 50_000L), seen("b", 110_000L)));

        assertThat(ranked).hasSize(1);
        assertThat(ranked.get(0).get("CHANNEL")).isEqualTo("a");
        assertThat(ranked.get(0).get("SECONDS")).isEqualTo(100L);
        double aNow = 100 * Math.pow(0.5, 10_000.0 / (168 * HOUR));
        assertThat((Double) ranked.get(0).get("SHARE")).isCloseTo(aNow / (aNow + 10), within(1e-12));
    }

    @Test
    void mergesSessionsLikeOneAggregate() {
        assertThat(TopChannelsUdafTest.rendered(events.map(events.merge(events.aggregate(SECOND),
                events.aggregate(FIRST))))).containsExactly("a 100 0.5", "b 100 0.5");
    }

    @Test
    void aQueryWithABadHalfLifeFailsWhenItIsCreated() {
        assertThatThrownBy(() -> DecayedPreferencesUdaf.ofObservations(0, 5)).hasMessageContaining("half_life_hours");
        assertThatThrownBy(() -> DecayedPreferencesUdaf.ofEvents(24, -1)).hasMessageContaining("n must be");
    }
}
