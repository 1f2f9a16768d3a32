package io.ottpulse.udf;

import io.confluent.ksql.function.udf.Udf;
import io.confluent.ksql.function.udf.UdfDescription;
import io.confluent.ksql.function.udf.UdfParameter;
import io.ottpulse.activity.viewing.DwellClass;

/**
 * {@code DWELL_CLASS}: 'zap' under 10 s (how the stats topology counts zaps), 'browse' under 60 s, 'watch' from 60 s;
 * other thresholds can be given. Null in, null out.
 *
 * <pre>SELECT t->from_channel, DWELL_CLASS(t->dwell_seconds) FROM transitions EMIT CHANGES;</pre>
 */
@UdfDescription(name = "DWELL_CLASS", author = Pack.AUTHOR,
        description = "Classifies a stay's length in seconds: 'zap' (< 10 s), 'browse' (< 60 s) or 'watch'.")
public class DwellClassUdf {

    @Udf(description = "DWELL_CLASS(seconds) with the default thresholds, 10 s and 60 s.")
    public String dwellClass(@UdfParameter(value = "seconds", description = "the stay's length") Long seconds) {
        return seconds == null ? null : DwellClass.of(seconds).wireName();
    }

    @Udf(description = "DWELL_CLASS(seconds, zap_below_seconds, watch_from_seconds).")
    public String dwellClass(@UdfParameter(value = "seconds", description = "the stay's length") Long seconds,
            @UdfParameter(value = "zap_below_seconds", description = "shorter stays are zaps") Integer zapBelowSeconds,
            @UdfParameter(value = "watch_from_seconds", description = "stays at least this long are watching")
            Integer watchFromSeconds) {
        if (seconds == null || zapBelowSeconds == null || watchFromSeconds == null) {
            return null;
        }
        return DwellClass.of(seconds, zapBelowSeconds, watchFromSeconds).wireName();
    }
}
