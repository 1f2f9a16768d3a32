package io.ottpulse.udf;

import io.confluent.ksql.function.FunctionCategory;
import io.confluent.ksql.function.udf.Udf;
import io.confluent.ksql.function.udf.UdfDescription;
import io.confluent.ksql.function.udf.UdfParameter;
import io.ottpulse.activity.presence.Presence;

/**
 * {@code IS_ACTIVE}: whether a viewer last seen at {@code last_event_ts} still counts at {@code now_ts}: silent for at
 * most the timeout (the presence rule). A ksqlDB table cannot expire silent viewers by itself (no wall-clock
 * punctuation), so queries filter with this. Null in, null out.
 *
 * <pre>SELECT * FROM viewer_presence WHERE IS_ACTIVE(presence->last_seen, UNIX_TIMESTAMP(), 300);</pre>
 */
@UdfDescription(name = "IS_ACTIVE", category = FunctionCategory.DATE_TIME, author = Pack.AUTHOR,
        description = "True when a viewer's last event is at most timeout_seconds (default 300) before now_ts.")
public class IsActiveUdf {

    @Udf(description = "IS_ACTIVE(last_event_ts, now_ts, timeout_seconds), times in epoch ms.")
    public Boolean isActive(@UdfParameter(value = "last_event_ts", description = "epoch ms") Long lastEventTs,
            @UdfParameter(value = "now_ts", description = "epoch ms") Long nowTs,
            @UdfParameter(value = "timeout_seconds", description = "the viewer timeout") Integer timeoutSeconds) {
        if (lastEventTs == null || nowTs == null || timeoutSeconds == null) {
            return null;
        }
        return !Presence.expired(lastEventTs, nowTs, timeoutSeconds * 1000L);
    }

    @Udf(description = "IS_ACTIVE(last_event_ts, now_ts) with the platform's viewer timeout, 300 s.")
    public Boolean isActive(@UdfParameter(value = "last_event_ts", description = "epoch ms") Long lastEventTs,
            @UdfParameter(value = "now_ts", description = "epoch ms") Long nowTs) {
        if (lastEventTs == null || nowTs == null) {
            return null;
        }
        return !Presence.expired(lastEventTs, nowTs, Presence.DEFAULT_TIMEOUT_MS);
    }
}
