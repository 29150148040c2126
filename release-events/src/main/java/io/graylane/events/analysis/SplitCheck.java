package io.graylane.events.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The observed split of requests between versions against the split applied, by Pearson's chi-square
 * goodness-of-fit test.
 *
 * @param expected share of requests each version should receive, from the weights applied
 * @param observed requests each version received
 * @param pValue probability of a deviation at least this large if the split were as applied
 * @param verdict {@code MATCHES}, {@code DOES_NOT_MATCH}, {@code NOT_ENOUGH_REQUESTS} or {@code NOT_APPLICABLE}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SplitCheck(
        Map<String, Double> expected,
        Map<String, Long> observed,
        Double chiSquare,
        Double pValue,
        Verdict verdict,
        String detail) {

    /** What the test says about the split. */
    public enum Verdict {
        MATCHES,
        DOES_NOT_MATCH,
        NOT_ENOUGH_REQUESTS,
        /** No split to compare with: content matching, mirroring, or nothing applied yet. */
        NOT_APPLICABLE
    }
}
