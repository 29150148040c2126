package io.graylane.events.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One check of the canary judge on a step.
 *
 * @param check {@code split}, {@code errors}, {@code latency}, {@code successRate} or {@code latencyP99}
 * @param outcome what the evidence says so far
 * @param statistic the e-value (a Bayes factor; its inverse is an always-valid p-value) of the side the outcome
 *     stands on, the side against the candidate while undecided
 * @param threshold the e-value at which the check decides: 1/α of the check
 * @param evidence the counts per version and the test's quantities
 * @param failingTraces ids of failing candidate traces, when the metrics source has traces
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckVerdict(
        String check,
        Outcome outcome,
        double statistic,
        double threshold,
        Map<String, Object> evidence,
        List<String> failingTraces) {

    /** What a check concludes. */
    public enum Outcome {
        /** Enough evidence that the candidate is no worse than the baseline by the stated margin. */
        PASS,
        /** Evidence at level α that the candidate is worse. */
        FAIL,
        /** Neither yet. */
        NEED_MORE_DATA
    }
}
