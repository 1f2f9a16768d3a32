package io.ottpulse.activity.event;

import java.util.List;

/** The events of one request, in request order, each either accepted or rejected. */
public record EventBatch(List<ParsedEvent> events) {

    public EventBatch {
        events = List.copyOf(events);
    }

    public int size() {
        return events.size();
    }

    public List<ParsedEvent.Accepted> accepted() {
        return events.stream()
                .filter(ParsedEvent.Accepted.class::isInstance)
                .map(ParsedEvent.Accepted.class::cast)
                .toList();
    }

    public List<ParsedEvent.Rejected> rejected() {
        return events.stream()
                .filter(ParsedEvent.Rejected.class::isInstance)
                .map(ParsedEvent.Rejected.class::cast)
                .toList();
    }
}
