package io.ottpulse.udf;

import io.ottpulse.activity.viewing.ChannelStay;
import io.ottpulse.activity.viewing.ChannelStays;
import io.ottpulse.activity.viewing.DecayedWatch;
import io.ottpulse.activity.viewing.PresenceOnly;
import io.ottpulse.activity.viewing.WatchedMs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** The ledger codecs of the pack's aggregates, with the SQL of their fields. */
final class Ledgers {

    static final String WATCHED_MS_FIELD = "WATCHED_MS MAP<STRING, BIGINT>";
    static final String SCORES_FIELD = "SCORES MAP<STRING, STRUCT<SCORE DOUBLE, AS_OF BIGINT>>";
    static final String STAYS_FIELD = "STAYS ARRAY<STRUCT<CHANNEL STRING, ENTERED BIGINT, MS BIGINT, ENDED_BY STRING>>";

    private Ledgers() {
    }

    static LedgerCodec<WatchedMs> watchedMs() {
        return new LedgerCodec<>() {
            @Override
            public String field() {
                return "WATCHED_MS";
            }

            @Override
            public WatchedMs empty() {
                return new WatchedMs();
            }

            @Override
            public Object write(WatchedMs ledger, Schema schema) {
                return ledger.byChannel();
            }

            @Override
            public WatchedMs read(Object value) {
                Map<String, Long> byChannel = new HashMap<>();
                if (value != null) {
                    ((Map<?, ?>) value).forEach((channel, ms) ->
                            byChannel.put((String) channel, StretchStructs.number(ms)));
                }
                return new WatchedMs(byChannel);
            }
        };
    }

    static LedgerCodec<DecayedWatch> decayed(double halfLifeMs) {
        return new LedgerCodec<>() {
            @Override
            public String field() {
                return "SCORES";
            }

            @Override
            public DecayedWatch empty() {
                return new DecayedWatch(halfLifeMs);
            }

            @Override
            public Object write(DecayedWatch ledger, Schema schema) {
                Map<String, Struct> scores = new HashMap<>();
                ledger.scores().state().forEach((channel, score) -> scores.put(channel,
                        new Struct(schema.valueSchema()).put("SCORE", score[0]).put("AS_OF", (long) score[1])));
                return scores;
            }

            @Override
            public DecayedWatch read(Object value) {
                Map<String, double[]> state = new HashMap<>();
                if (value != null) {
                    ((Map<?, ?>) value).forEach((channel, stored) -> {
                        Struct score = (Struct) stored;
                        state.put((String) channel, new double[] {((Number) score.get("SCORE")).doubleValue(),
                            StretchStructs.number(score.get("AS_OF"))});
                    });
                }
                return DecayedWatch.fromState(halfLifeMs, state);
            }
        };
    }

    static LedgerCodec<ChannelStays> stays() {
        return new LedgerCodec<>() {
            @Override
            public String field() {
                return "STAYS";
            }

            @Override
            public ChannelStays empty() {
                return new ChannelStays();
            }

            @Override
            public Object write(ChannelStays ledger, Schema schema) {
                List<Struct> stays = new ArrayList<>();
                for (ChannelStay stay : ledger.stays()) {
                    stays.add(new Struct(schema.valueSchema()).put("CHANNEL", stay.channelId())
                            .put("ENTERED", stay.enteredAt()).put("MS", stay.watchedMs())
                            .put("ENDED_BY", stay.exit().wireName()));
                }
                return stays;
            }

            @Override
            public ChannelStays read(Object value) {
                List<ChannelStay> stays = new ArrayList<>();
                if (value != null) {
                    for (Object element : (List<?>) value) {
                        Struct stay = (Struct) element;
                        Object entered = stay.get("ENTERED");
                        stays.add(new ChannelStay(stay.getString("CHANNEL"),
                                entered == null ? null : StretchStructs.number(entered),
                                StretchStructs.number(stay.get("MS")), exit(stay.getString("ENDED_BY"))));
                    }
                }
                return new ChannelStays(stays);
            }
        };
    }

    private static ChannelStay.Exit exit(String wireName) {
        return ChannelStay.Exit.fromWireName(wireName)
                .orElseThrow(() -> new IllegalStateException("aggregate holds an unknown stay end: " + wireName));
    }

    static LedgerCodec<PresenceOnly> presenceOnly() {
        return new LedgerCodec<>() {
            @Override
            public String field() {
                return null;
            }

            @Override
            public PresenceOnly empty() {
                return new PresenceOnly();
            }

            @Override
            public Object write(PresenceOnly ledger, Schema schema) {
                throw new UnsupportedOperationException("a presence-only ledger has no field");
            }

            @Override
            public PresenceOnly read(Object value) {
                return new PresenceOnly();
            }
        };
    }
}
