package io.ottpulse.stats;

import io.ottpulse.activity.event.ActivityEvent;
import io.ottpulse.activity.event.EventBatchParser;
import io.ottpulse.activity.event.EventJson;
import io.ottpulse.activity.event.EventLimits;
import io.ottpulse.activity.event.ParsedEvent;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Activity events as they are in {@code ott.activity}, read through the project's one validation path. A record that
 * is not a valid event deserialises to null and is skipped by the topology.
 */
public final class EventSerde {

    private static final Logger log = LoggerFactory.getLogger(EventSerde.class);

    private EventSerde() {
    }

    public static Serde<ActivityEvent> serde() {
        EventBatchParser parser = new EventBatchParser(EventLimits.DEFAULTS);
        Serializer<ActivityEvent> serializer = (topic, event) -> event == null ? null : EventJson.write(event);
        Deserializer<ActivityEvent> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ParsedEvent parsed = parser.parseOne(bytes);
            if (parsed instanceof ParsedEvent.Accepted accepted) {
                return accepted.event();
            }
            log.warn("Skipping an invalid record of {}: {}", topic, ((ParsedEvent.Rejected) parsed).errors());
            return null;
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
