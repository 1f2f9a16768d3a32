package io.ottpulse.udf;

import io.confluent.ksql.function.udaf.Udaf;
import io.confluent.ksql.function.udaf.UdafDescription;
import io.confluent.ksql.function.udaf.UdafFactory;
import io.confluent.ksql.util.Pair;
import io.confluent.ksql.util.Triple;
import io.ottpulse.activity.presence.Presence;
import io.ottpulse.activity.presence.ViewerState;
import io.ottpulse.activity.viewing.PresenceOnly;
import io.ottpulse.activity.viewing.ViewingStretch;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * {@code PRESENCE}: where a viewer is now by event time (the stats topology's presence rules), or null when they are
 * not watching. The table of users' current channel that {@link ViewersUdaf} counts is built with it. Unlike
 * LATEST_BY_OFFSET it orders by event time, and pause and stop end the viewing.
 *
 * <pre>CREATE TABLE viewer_presence AS SELECT user_id, PRESENCE(event_type, channel_id, event_ts) AS presence
 *   FROM activity GROUP BY user_id;</pre>
 */
@UdafDescription(name = "PRESENCE", author = Pack.AUTHOR,
        description = "The channel a viewer is on, since when and their last event (event time), or null when they "
                + "are not watching.")
public final class PresenceUdaf {

    static final String AGGREGATE = "STRUCT<" + StretchStructs.FIELDS + ">";
    static final String RESULT = "STRUCT<CHANNEL STRING, SINCE BIGINT, LAST_SEEN BIGINT>";

    private static final Schema RESULT_SCHEMA = ConnectSchemas.fromSql(RESULT);

    private PresenceUdaf() {
    }

    @UdafFactory(aggregateSchema = AGGREGATE, returnSchema = RESULT,
            description = "PRESENCE(channel_id, event_ts): the latest channel by event time.")
    public static Udaf<Pair<String, Long>, Struct, Struct> ofObservations() {
        return new StretchUdaf<>(AGGREGATE, Ledgers.presenceOnly(), ViewingInputs::observation,
                PresenceUdaf::result, Presence.DEFAULT_TIMEOUT_MS);
    }

    @UdafFactory(aggregateSchema = AGGREGATE, returnSchema = RESULT,
            description = "PRESENCE(event_type, channel_id, event_ts): the full presence rules.")
    public static Udaf<Triple<String, String, Long>, Struct, Struct> ofEvents() {
        return new StretchUdaf<>(AGGREGATE, Ledgers.presenceOnly(), ViewingInputs::event,
                PresenceUdaf::result, Presence.DEFAULT_TIMEOUT_MS);
    }

    private static Struct result(ViewingStretch<PresenceOnly> stretch) {
        ViewerState state = stretch.presence();
        if (state == null) {
            return null;
        }
        return new Struct(RESULT_SCHEMA).put("CHANNEL", state.channelId()).put("SINCE", state.since())
                .put("LAST_SEEN", state.lastSeen());
    }
}
