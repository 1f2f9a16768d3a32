package io.ottpulse.udf;

import io.confluent.ksql.util.Pair;
import io.confluent.ksql.util.Triple;

/** Shorthands for input rows in tests. */
final class Rows {

    private Rows() {
    }

    static Pair<String, Long> seen(String channel, Long at) {
        return Pair.of(channel, at);
    }

    static Triple<String, String, Long> event(String type, String channel, Long at) {
        return Triple.of(type, channel, at);
    }
}
