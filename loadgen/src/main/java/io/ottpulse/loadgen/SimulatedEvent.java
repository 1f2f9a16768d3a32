package io.ottpulse.loadgen;

import io.ottpulse.activity.event.ActivityEvent;

/**
 * An event of the simulated audience with what the sender needs to account for it: its sequence number in the run
 * (the event id is {@code <runId>-<sequence>}) and the viewer's index.
 */
public record SimulatedEvent(long sequence, int viewer, ActivityEvent event) {
}
