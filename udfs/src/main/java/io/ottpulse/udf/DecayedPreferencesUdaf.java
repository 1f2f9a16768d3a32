package io.ottpulse.udf;

import io.confluent.ksql.function.udaf.Udaf;
import io.confluent.ksql.function.udaf.UdafDescription;
import io.confluent.ksql.function.udaf.UdafFactory;
import io.confluent.ksql.function.udf.UdfParameter;
import io.confluent.ksql.util.Pair;
import io.confluent.ksql.util.Triple;
import io.ottpulse.activity.preferences.DecayedScores;
import io.ottpulse.activity.presence.Presence;
import io.ottpulse.activity.viewing.DecayedWatch;
import io.ottpulse.activity.viewing.ViewingStretch;
import java.util.List;
import org.apache.kafka.connect.data.Struct;

/**
 * {@code DECAYED_PREFERENCES}: like {@link TopChannelsUdaf}, but a second watched one half-life before the viewer's
 * latest event counts half. Each credit decays from the time of the event that earned it; the ranking is as of the
 * viewer's latest credited event.
 *
 * <pre>SELECT user_id, DECAYED_PREFERENCES(channel_id, event_ts, 168, 5) FROM viewing GROUP BY user_id EMIT CHANGES;</pre>
 */
@UdafDescription(name = "DECAYED_PREFERENCES", author = Pack.AUTHOR,
        description = "A viewer's n favourite channels by exponentially decayed watch seconds, with shares.")
public final class DecayedPreferencesUdaf {

    static final String AGGREGATE = "STRUCT<" + StretchStructs.FIELDS + ", " + Ledgers.SCORES_FIELD + ">";

    private static final long HOUR_MS = 3_600_000;

    private DecayedPreferencesUdaf() {
    }

    @UdafFactory(aggregateSchema = AGGREGATE, returnSchema = Rankings.SQL,
            description = "DECAYED_PREFERENCES(channel_id, event_ts, half_life_hours, n): rows say the viewer is on "
                    + "channel_id at event_ts.")
    public static Udaf<Pair<String, Long>, Struct, List<Struct>> ofObservations(
            @UdfParameter(value = "half_life_hours", description = "hours after which a watched second counts half")
            Integer halfLifeHours,
            @UdfParameter(value = "n", description = "how many channels") Integer n) {
        double halfLifeMs = Rankings.positive(halfLifeHours, "half_life_hours") * (double) HOUR_MS;
        int top = Rankings.positive(n, "n");
        return new StretchUdaf<>(AGGREGATE, Ledgers.decayed(halfLifeMs), ViewingInputs::observation,
                stretch -> ranked(stretch, halfLifeMs, top), Presence.DEFAULT_TIMEOUT_MS);
    }

    @UdafFactory(aggregateSchema = AGGREGATE, returnSchema = Rankings.SQL,
            description = "DECAYED_PREFERENCES(event_type, channel_id, event_ts, half_life_hours, n): the full "
                    + "presence rules.")
    public static Udaf<Triple<String, String, Long>, Struct, List<Struct>> ofEvents(
            @UdfParameter(value = "half_life_hours", description = "hours after which a watched second counts half")
            Integer halfLifeHours,
            @UdfParameter(value = "n", description = "how many channels") Integer n) {
        double halfLifeMs = Rankings.positive(halfLifeHours, "half_life_hours") * (double) HOUR_MS;
        int top = Rankings.positive(n, "n");
        return new StretchUdaf<>(AGGREGATE, Ledgers.decayed(halfLifeMs), ViewingInputs::event,
                stretch -> ranked(stretch, halfLifeMs, top), Presence.DEFAULT_TIMEOUT_MS);
    }

    private static List<Struct> ranked(ViewingStretch<DecayedWatch> stretch, double halfLifeMs, int n) {
        DecayedScores scores = stretch.result(() -> new DecayedWatch(halfLifeMs)).scores();
        return Rankings.top(scores.at(scores.latest()), n);
    }
}
