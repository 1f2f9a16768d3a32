package io.ottpulse.activity.event;

import java.util.List;

/** What became of one event of a request: accepted as a valid event, or rejected with every reason. */
public sealed interface ParsedEvent permits ParsedEvent.Accepted, ParsedEvent.Rejected {

    /** Position of the event in its request, 0 for a request of one event. */
    int index();

    record Accepted(int index, ActivityEvent event) implements ParsedEvent {
    }

    /**
     * @param rawJson the event exactly as the client sent it
     * @param errors every problem found, never empty
     */
    record Rejected(int index, String rawJson, List<FieldError> errors) implements ParsedEvent {
        public Rejected {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("a rejected event needs at least one error");
            }
        }
    }
}
