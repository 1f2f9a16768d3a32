package io.ottpulse.udf;

import io.confluent.ksql.function.udaf.Udaf;
import io.confluent.ksql.function.udaf.UdafDescription;
import io.confluent.ksql.function.udaf.UdafFactory;
import io.confluent.ksql.util.Pair;
import io.confluent.ksql.util.Triple;
import io.ottpulse.activity.presence.Presence;
import io.ottpulse.activity.viewing.ChannelStay;
import io.ottpulse.activity.viewing.ChannelStays;
import io.ottpulse.activity.viewing.ViewingStretch;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * {@code CHANNEL_STAYS}: the path of a viewer through channels, one entry per uninterrupted stay, in order, each with
 * its entry time, watch seconds and how it ended ('switch' straight to the next stay, 'leave' by pause, stop or
 * silence, 'open'). Meant per session window; {@link ChannelTransitionsUdtf} turns a path into zapping rows.
 *
 * <pre>SELECT user_id, CHANNEL_STAYS(event_type, channel_id, event_ts) AS stays FROM activity
 *   WINDOW SESSION (5 MINUTES) GROUP BY user_id EMIT FINAL;</pre>
 */
@UdafDescription(name = "CHANNEL_STAYS", author = Pack.AUTHOR,
        description = "A viewer's stays on channels in order: channel, entry time, watch seconds and how each ended. "
                + "Use per session window: the list grows with every stay.")
public final class ChannelStaysUdaf {

    static final String AGGREGATE = "STRUCT<" + StretchStructs.FIELDS + ", " + Ledgers.STAYS_FIELD + ">";
    static final String RESULT = "ARRAY<STRUCT<CHANNEL STRING, ENTERED BIGINT, `SECONDS` BIGINT, ENDED_BY STRING>>";

    private static final Schema STAY = ConnectSchemas.fromSql(RESULT).valueSchema();

    private ChannelStaysUdaf() {
    }

    @UdafFactory(aggregateSchema = AGGREGATE, returnSchema = RESULT,
            description = "CHANNEL_STAYS(channel_id, event_ts): rows say the viewer is on channel_id at event_ts.")
    public static Udaf<Pair<String, Long>, Struct, List<Struct>> ofObservations() {
        return new StretchUdaf<>(AGGREGATE, Ledgers.stays(), ViewingInputs::observation, ChannelStaysUdaf::result,
                Presence.DEFAULT_TIMEOUT_MS);
    }

    @UdafFactory(aggregateSchema = AGGREGATE, returnSchema = RESULT,
            description = "CHANNEL_STAYS(event_type, channel_id, event_ts): the full presence rules.")
    public static Udaf<Triple<String, String, Long>, Struct, List<Struct>> ofEvents() {
        return new StretchUdaf<>(AGGREGATE, Ledgers.stays(), ViewingInputs::event, ChannelStaysUdaf::result,
                Presence.DEFAULT_TIMEOUT_MS);
    }

    private static List<Struct> result(ViewingStretch<ChannelStays> stretch) {
        List<Struct> stays = new ArrayList<>();
        for (ChannelStay stay : stretch.result(ChannelStays::new).stays()) {
            stays.add(new Struct(STAY).put("CHANNEL", stay.channelId()).put("ENTERED", stay.enteredAt())
                    .put("SECONDS", stay.watchedMs() / 1000).put("ENDED_BY", stay.exit().wireName()));
        }
        return stays;
    }
}
