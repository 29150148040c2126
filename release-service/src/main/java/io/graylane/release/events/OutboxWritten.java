package io.graylane.release.events;

/** Fired when a transaction wrote to the outbox; observed after commit to wake the relay. */
public record OutboxWritten() {
}
