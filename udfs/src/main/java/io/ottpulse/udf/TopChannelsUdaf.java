package io.ottpulse.udf;

import io.confluent.ksql.function.udaf.Udaf;
import io.confluent.ksql.function.udaf.UdafDescription;
import io.confluent.ksql.function.udaf.UdafFactory;
import io.confluent.ksql.function.udf.UdfParameter;
import io.confluent.ksql.util.Pair;
import io.confluent.ksql.util.Triple;
import io.ottpulse.activity.presence.Presence;
import io.ottpulse.activity.viewing.WatchedMs;
import java.util.List;
import org.apache.kafka.connect.data.Struct;

/**
 * {@code TOP_CHANNELS}: a viewer's n most watched channels (by {@link WatchTimeUdaf}'s seconds), each with its share
 * of all the viewer's watch time. Ties go to the smaller channel id. (ksqlDB's TOPK ranks values, not keys by weight.)
 *
 * <pre>SELECT user_id, TOP_CHANNELS(channel_id, event_ts, 5) AS top FROM viewing GROUP BY user_id EMIT CHANGES;</pre>
 */
@UdafDescription(name = "TOP_CHANNELS", author = Pack.AUTHOR,
        description = "A viewer's n most watched channels with their watch seconds and share of the viewer's total.")
public final class TopChannelsUdaf {

    private TopChannelsUdaf() {
    }

    @UdafFactory(aggregateSchema = WatchTimeUdaf.AGGREGATE, returnSchema = Rankings.SQL,
            description = "TOP_CHANNELS(channel_id, event_ts, n): rows say the viewer is on channel_id at event_ts.")
    public static Udaf<Pair<String, Long>, Struct, List<Struct>> ofObservations(
            @UdfParameter(value = "n", description = "how many channels") Integer n) {
        int top = Rankings.positive(n, "n");
        return new StretchUdaf<>(WatchTimeUdaf.AGGREGATE, Ledgers.watchedMs(), ViewingInputs::observation,
                stretch -> Rankings.top(stretch.result(WatchedMs::new).seconds(), top), Presence.DEFAULT_TIMEOUT_MS);
    }

    @UdafFactory(aggregateSchema = WatchTimeUdaf.AGGREGATE, returnSchema = Rankings.SQL,
            description = "TOP_CHANNELS(event_type, channel_id, event_ts, n): the full presence rules.")
    public static Udaf<Triple<String, String, Long>, Struct, List<Struct>> ofEvents(
            @UdfParameter(value = "n", description = "how many channels") Integer n) {
        int top = Rankings.positive(n, "n");
        return new StretchUdaf<>(WatchTimeUdaf.AGGREGATE, Ledgers.watchedMs(), ViewingInputs::event,
                stretch -> Rankings.top(stretch.result(WatchedMs::new).seconds(), top), Presence.DEFAULT_TIMEOUT_MS);
    }
}
