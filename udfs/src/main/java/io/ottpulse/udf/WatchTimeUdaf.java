package io.ottpulse.udf;

import io.confluent.ksql.function.udaf.Udaf;
import io.confluent.ksql.function.udaf.UdafDescription;
import io.confluent.ksql.function.udaf.UdafFactory;
import io.confluent.ksql.util.Pair;
import io.confluent.ksql.util.Triple;
import io.ottpulse.activity.presence.Presence;
import io.ottpulse.activity.viewing.WatchedMs;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;

/**
 * {@code WATCH_TIME}: seconds a viewer watched each channel. Each event credits the time since the viewer's previous
 * event, at most the viewer timeout (300 s), to the channel they were on; the stretch after the last event counts once
 * another event closes it; an event older than the viewer's latest is ignored.
 *
 * <pre>SELECT user_id, WATCH_TIME(channel_id, event_ts) AS seconds FROM viewing GROUP BY user_id EMIT CHANGES;</pre>
 */
@UdafDescription(name = "WATCH_TIME", author = Pack.AUTHOR,
        description = "Seconds watched per channel, from a viewer's consecutive events, each gap capped by the "
                + "viewer timeout (300 s). Group by the viewer.")
public final class WatchTimeUdaf {

    static final String AGGREGATE = "STRUCT<" + StretchStructs.FIELDS + ", " + Ledgers.WATCHED_MS_FIELD + ">";

    private WatchTimeUdaf() {
    }

    @UdafFactory(aggregateSchema = AGGREGATE,
            description = "WATCH_TIME(channel_id, event_ts): each row says the viewer is on channel_id at event_ts "
                    + "(epoch ms); rows with a null channel or time are skipped.")
    public static Udaf<Pair<String, Long>, Struct, Map<String, Long>> ofObservations() {
        return new StretchUdaf<>(AGGREGATE, Ledgers.watchedMs(), ViewingInputs::observation,
                stretch -> stretch.result(WatchedMs::new).seconds(), Presence.DEFAULT_TIMEOUT_MS);
    }

    @UdafFactory(aggregateSchema = AGGREGATE,
            description = "WATCH_TIME(event_type, channel_id, event_ts): the full presence rules, so pause and stop "
                    + "end the viewing and buffering or error events keep it; unknown types are skipped.")
    public static Udaf<Triple<String, String, Long>, Struct, Map<String, Long>> ofEvents() {
        return new StretchUdaf<>(AGGREGATE, Ledgers.watchedMs(), ViewingInputs::event,
                stretch -> stretch.result(WatchedMs::new).seconds(), Presence.DEFAULT_TIMEOUT_MS);
    }
}
