package io.graylane.events.release;

/** The version running today, found by the labels {@code app=<service>, version=<version>}. */
public record Baseline(String version) {
}
