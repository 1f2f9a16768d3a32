package io.ottpulse.udf;

import io.ottpulse.activity.event.EventType;
import io.ottpulse.activity.presence.ViewerState;
import io.ottpulse.activity.viewing.ViewingEvent;
import io.ottpulse.activity.viewing.ViewingLedger;
import io.ottpulse.activity.viewing.ViewingStretch;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Keeps a {@link ViewingStretch} in an aggregate struct, so ksqlDB can store it between rows. The aggregate is
 * {@code STRUCT<} {@link #FIELDS} {@code , <ledger field>>}: the leading events kept for replay, whether the lead is
 * closed, the viewer's state at the end (null channel: not watching), and the tail ledger.
 */
final class StretchStructs<L extends ViewingLedger<L>> {

    /** The SQL fields every viewing aggregate starts with. */
    static final String FIELDS = "LEAD ARRAY<STRUCT<EVENT_TYPE STRING, CHANNEL STRING, TS BIGINT>>, "
            + "CONVERGED BOOLEAN, CHANNEL STRING, SINCE BIGINT, LAST_SEEN BIGINT, CARRIED BOOLEAN";

    private final Schema schema;
    private final LedgerCodec<L> ledger;
    private final long timeoutMs;

    /** @param aggregateSql {@code STRUCT<FIELDS, ledger field>}, exactly as in the factory's annotation */
    StretchStructs(String aggregateSql, LedgerCodec<L> ledger, long timeoutMs) {
        this.schema = ConnectSchemas.fromSql(aggregateSql);
        this.ledger = ledger;
        this.timeoutMs = timeoutMs;
    }

    Struct write(ViewingStretch<L> stretch) {
        Struct struct = new Struct(schema);
        Schema eventSchema = schema.field("LEAD").schema().valueSchema();
        List<Struct> lead = new ArrayList<>();
        for (ViewingEvent event : stretch.lead()) {
            lead.add(new Struct(eventSchema).put("EVENT_TYPE", event.type().wireName())
                    .put("CHANNEL", event.channelId()).put("TS", event.timestamp()));
        }
        struct.put("LEAD", lead);
        struct.put("CONVERGED", stretch.converged());
        ViewerState state = stretch.tailState();
        if (state != null) {
            struct.put("CHANNEL", state.channelId()).put("SINCE", state.since()).put("LAST_SEEN", state.lastSeen());
        }
        struct.put("CARRIED", stretch.carried());
        if (ledger.field() != null && stretch.tail() != null) {
            struct.put(ledger.field(), ledger.write(stretch.tail(), schema.field(ledger.field()).schema()));
        }
        return struct;
    }

    ViewingStretch<L> read(Struct struct) {
        if (struct == null) {
            return new ViewingStretch<>(timeoutMs);
        }
        List<ViewingEvent> lead = new ArrayList<>();
        List<?> stored = (List<?>) struct.get("LEAD");
        if (stored != null) {
            for (Object element : stored) {
                Struct event = (Struct) element;
                EventType type = EventType.fromWireName(event.getString("EVENT_TYPE")).orElseThrow(
                        () -> new IllegalStateException("aggregate holds an unknown event type: " + event));
                lead.add(new ViewingEvent(type, event.getString("CHANNEL"), number(event.get("TS"))));
            }
        }
        boolean converged = Boolean.TRUE.equals(struct.get("CONVERGED"));
        String channel = (String) struct.get("CHANNEL");
        ViewerState state = channel == null ? null
                : new ViewerState(channel, number(struct.get("SINCE")), number(struct.get("LAST_SEEN")));
        boolean carried = Boolean.TRUE.equals(struct.get("CARRIED"));
        L tail = !converged ? null : ledger.field() == null ? ledger.empty() : ledger.read(struct.get(ledger.field()));
        return new ViewingStretch<>(timeoutMs, lead, converged, state, carried, tail);
    }

    /** ksqlDB hands BIGINTs back as Long, but a value is read as any Number to be safe across serialisers. */
    static long number(Object value) {
        return ((Number) value).longValue();
    }
}
