package io.ottpulse.udf;

import io.ottpulse.activity.preferences.ChannelShare;
import io.ottpulse.activity.preferences.TopChannels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** The ranked-channels result shared by TOP_CHANNELS and DECAYED_PREFERENCES. */
final class Rankings {

    static final String SQL = "ARRAY<STRUCT<CHANNEL STRING, `SECONDS` BIGINT, SHARE DOUBLE>>";

    private static final Schema ENTRY = ConnectSchemas.fromSql(SQL).valueSchema();

    private Rankings() {
    }

    /** The top {@code n} channels by {@code seconds} (activity-core's TopChannels), seconds rounded to whole ones. */
    static List<Struct> top(Map<String, ? extends Number> seconds, int n) {
        List<Struct> ranked = new ArrayList<>();
        for (ChannelShare share : TopChannels.of(seconds, n)) {
            ranked.add(new Struct(ENTRY).put("CHANNEL", share.channelId()).put("SECONDS", Math.round(share.seconds()))
                    .put("SHARE", share.share()));
        }
        return ranked;
    }

    /** Checks a literal top-n argument; a query with a bad one fails when it is created. */
    static int positive(Integer value, String name) {
        if (value == null || value <= 0) {
            throw new IllegalArgumentException(name + " must be a positive number, was " + value);
        }
        return value;
    }
}
