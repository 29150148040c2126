package io.graylane.events.release;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Istio's StringMatch: exactly one of the three is set; {@code regex} uses RE2 syntax. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StringMatch(String exact, String prefix, String regex) {
}
