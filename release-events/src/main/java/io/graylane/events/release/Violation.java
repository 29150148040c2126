package io.graylane.events.release;

/**
 * One broken rule.
 *
 * @param field JSON path of the offending field, e.g. {@code traffic.weights.v2}
 * @param message what is wrong and what would be accepted
 */
public record Violation(String field, String message) {
}
