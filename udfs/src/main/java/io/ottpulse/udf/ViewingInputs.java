package io.ottpulse.udf;

import io.confluent.ksql.util.Pair;
import io.confluent.ksql.util.Triple;
import io.ottpulse.activity.event.EventType;
import io.ottpulse.activity.viewing.ViewingEvent;
import java.util.Locale;

/** Rows of the two input forms as the viewing rules read them; a row they cannot use gives null (and is skipped). */
final class ViewingInputs {

    private ViewingInputs() {
    }

    /** {@code (channel_id, event_ts)}: the viewer is on that channel at that time. Null channel or time: skipped. */
    static ViewingEvent observation(Pair<String, Long> row) {
        if (row == null || row.getLeft() == null || row.getRight() == null) {
            return null;
        }
        return ViewingEvent.seenOn(row.getLeft(), row.getRight());
    }

    /**
     * {@code (event_type, channel_id, event_ts)}: a full activity event (type by its wire name, any case). Null type or
     * time, an unknown type, or a missing channel where the type needs one: skipped.
     */
    static ViewingEvent event(Triple<String, String, Long> row) {
        if (row == null || row.getLeft() == null || row.getRight() == null) {
            return null;
        }
        EventType type = EventType.fromWireName(row.getLeft().toLowerCase(Locale.ROOT)).orElse(null);
        if (type == null) {
            return null;
        }
        ViewingEvent event = new ViewingEvent(type, row.getMiddle(), row.getRight());
        return event.usable() ? event : null;
    }
}
