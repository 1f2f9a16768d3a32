package io.ottpulse.udf;

import io.confluent.ksql.function.udaf.TableUdaf;
import io.confluent.ksql.function.udaf.UdafDescription;
import io.confluent.ksql.function.udaf.UdafFactory;

/**
 * {@code VIEWERS}: how many viewers a channel has, over a TABLE of users' current channel (one row per user, e.g.
 * {@link PresenceUdaf}'s). When a user's row moves to another channel or is deleted, ksqlDB calls {@code undo} on the
 * old channel, so each user counts on one channel at most. Null user ids do not count; the count never goes below
 * zero. (It counts like COUNT(user_id) on such a table; it exists so the channel-load query reads as what it is and
 * stays a TableUdaf whatever the pack grows into.)
 *
 * <pre>SELECT presence->channel AS channel_id, VIEWERS(user_id) AS viewers FROM viewer_presence
 *   WHERE presence IS NOT NULL GROUP BY presence->channel EMIT CHANGES;</pre>
 */
@UdafDescription(name = "VIEWERS", author = Pack.AUTHOR,
        description = "Viewers per channel over a table of each user's current channel; updates take users off "
                + "their previous channel.")
public final class ViewersUdaf {

    private ViewersUdaf() {
    }

    @UdafFactory(description = "VIEWERS(user_id): the number of users in the group.")
    public static TableUdaf<String, Long, Long> viewers() {
        return new TableUdaf<>() {
            @Override
            public Long initialize() {
                return 0L;
            }

            @Override
            public Long aggregate(String userId, Long viewers) {
                return userId == null ? count(viewers) : count(viewers) + 1;
            }

            @Override
            public Long undo(String userId, Long viewers) {
                return userId == null ? count(viewers) : Math.max(0, count(viewers) - 1);
            }

            @Override
            public Long merge(Long one, Long two) {
                return count(one) + count(two);
            }

            @Override
            public Long map(Long viewers) {
                return count(viewers);
            }
        };
    }

    private static long count(Long viewers) {
        return viewers == null ? 0 : viewers;
    }
}
