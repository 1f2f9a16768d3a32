package io.ottpulse.udf;

import io.confluent.ksql.function.udf.UdfParameter;
import io.confluent.ksql.function.udtf.Udtf;
import io.confluent.ksql.function.udtf.UdtfDescription;
import io.ottpulse.activity.viewing.ChannelStay;
import io.ottpulse.activity.viewing.ChannelTransition;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * {@code CHANNEL_TRANSITIONS}: one row per channel-to-channel switch along a path of stays from
 * {@link ChannelStaysUdaf}, with the dwell on the channel left and its class. A table function sees one row at a
 * time, so it reads the path a session-window aggregate built, not the raw events.
 *
 * <pre>SELECT user_id, CHANNEL_TRANSITIONS(stays) AS t FROM viewing_sessions_stream EMIT CHANGES;</pre>
 */
@UdtfDescription(name = "CHANNEL_TRANSITIONS", author = Pack.AUTHOR,
        description = "The channel-to-channel switches along a CHANNEL_STAYS path: from, to, dwell seconds on the "
                + "channel left, its class ('zap', 'browse', 'watch') and the switch time.")
public class ChannelTransitionsUdtf {

    static final String ROW = "STRUCT<FROM_CHANNEL STRING, TO_CHANNEL STRING, DWELL_SECONDS BIGINT, "
            + "DWELL_CLASS STRING, SWITCHED_AT BIGINT>";

    private static final Schema ROW_SCHEMA = ConnectSchemas.fromSql(ROW);

    @Udtf(schema = ROW, description = "CHANNEL_TRANSITIONS(stays); a null path gives no rows, and no transition "
            + "is read across a null or incomplete stay.")
    public List<Struct> transitions(@UdfParameter(value = "stays", schema = ChannelStaysUdaf.RESULT,
            description = "a CHANNEL_STAYS result") List<Struct> stays) {
        List<Struct> rows = new ArrayList<>();
        if (stays == null) {
            return rows;
        }
        List<ChannelStay> path = new ArrayList<>();
        for (Struct stay : stays) {
            ChannelStay read = read(stay);
            if (read == null) {
                addRows(path, rows);
                path.clear();
            } else {
                path.add(read);
            }
        }
        addRows(path, rows);
        return rows;
    }

    private static ChannelStay read(Struct stay) {
        if (stay == null || stay.get("CHANNEL") == null || stay.get("ENTERED") == null || stay.get("SECONDS") == null
                || stay.get("ENDED_BY") == null) {
            return null;
        }
        return ChannelStay.Exit.fromWireName(stay.getString("ENDED_BY")).map(exit -> new ChannelStay(
                stay.getString("CHANNEL"), StretchStructs.number(stay.get("ENTERED")),
                StretchStructs.number(stay.get("SECONDS")) * 1000, exit)).orElse(null);
    }

    private static void addRows(List<ChannelStay> path, List<Struct> rows) {
        for (ChannelTransition transition : ChannelTransition.along(path)) {
            rows.add(new Struct(ROW_SCHEMA).put("FROM_CHANNEL", transition.fromChannelId())
                    .put("TO_CHANNEL", transition.toChannelId()).put("DWELL_SECONDS", transition.dwellMs() / 1000)
                    .put("DWELL_CLASS", transition.dwellClass().wireName())
                    .put("SWITCHED_AT", transition.switchedAt()));
        }
    }
}
