package io.graylane.events.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How a CANARY release moves by itself: the candidate's weight step by step, each step judged by
 * observability-service's canary judge, promoted or rolled back on its evidence.
 *
 * @param steps the candidate's weight at each step, ascending, 1-99
 * @param minStepDuration a step lasts at least this long, e.g. {@code 30s}, {@code 5m}, {@code 1h}
 * @param maxStepDuration a step without enough evidence pauses the release after this long
 * @param analysis what the judge checks, and at which level
 * @param promotion what happens after the last step
 * @param webhooks called at the points of the rollout their type names
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rollout(
        List<Integer> steps,
        String minStepDuration,
        String maxStepDuration,
        Analysis analysis,
        Promotion promotion,
        List<Webhook> webhooks) {

    public static final String DEFAULT_MIN_STEP_DURATION = "1m";
    public static final String DEFAULT_MAX_STEP_DURATION = "10m";

    /**
     * @param alpha the chance that a healthy candidate is ever rolled back by the judge, at most; default 0.01
     * @param successRateMin the candidate's success rate in percent must be at least this (a gate), or none
     * @param latencyP99MaxMs the candidate's p99 must be at most this (a gate), or none
     * @param errorRateMargin how many percentage points above the baseline's error rate the candidate's may be and
     *                        still pass; default 2
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Analysis(Double alpha, Double successRateMin, Double latencyP99MaxMs, Double errorRateMargin) {

        public static final double DEFAULT_ALPHA = 0.01;
        public static final double DEFAULT_ERROR_RATE_MARGIN = 2.0;
    }

    /** After the last step: {@code AUTO} takes over and takes the baseline offline; {@code MANUAL} waits for approval. */
    public enum Promotion {
        AUTO,
        MANUAL
    }

    /**
     * A URL called at a point of the rollout, as Flagger's webhooks are.
     *
     * @param type when it is called (gates hold the rollout until they answer 2xx)
     * @param url http or https
     */
    public record Webhook(WebhookType type, String url) {
    }

    /** Flagger's webhook kinds. */
    public enum WebhookType {
        /** A gate before the first step. */
        @JsonProperty("confirm-rollout") CONFIRM_ROLLOUT,
        /** Called before the first step; non-2xx holds it. */
        @JsonProperty("pre-rollout") PRE_ROLLOUT,
        /** Called at every step; non-2xx holds the step. */
        @JsonProperty("rollout") ROLLOUT,
        /** A gate before promotion. */
        @JsonProperty("confirm-promotion") CONFIRM_PROMOTION,
        /** Told after promotion. */
        @JsonProperty("post-rollout") POST_ROLLOUT,
        /** Told after a rollback. */
        @JsonProperty("rollback") ROLLBACK,
        /** Told of every decision. */
        @JsonProperty("event") EVENT;

        /** The name as written in a release: {@code confirm-promotion}. */
        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '-');
        }

        /** Whether a non-2xx answer holds the rollout. */
        public boolean gate() {
            return this == CONFIRM_ROLLOUT || this == PRE_ROLLOUT || this == ROLLOUT || this == CONFIRM_PROMOTION;
        }
    }

    public Analysis analysisOrDefault() {
        return analysis == null ? new Analysis(null, null, null, null) : analysis;
    }

    public double alpha() {
        Double alpha = analysisOrDefault().alpha();
        return alpha == null ? Analysis.DEFAULT_ALPHA : alpha;
    }

    /** The errors check's margin as a share (0-1). */
    public double errorRateMargin() {
        Double margin = analysisOrDefault().errorRateMargin();
        return (margin == null ? Analysis.DEFAULT_ERROR_RATE_MARGIN : margin) / 100;
    }

    public long minStepMillis() {
        return StepDuration.parseMillis(minStepDuration == null ? DEFAULT_MIN_STEP_DURATION : minStepDuration);
    }

    public long maxStepMillis() {
        return StepDuration.parseMillis(maxStepDuration == null ? DEFAULT_MAX_STEP_DURATION : maxStepDuration);
    }

    public Promotion promotionOrDefault() {
        return promotion == null ? Promotion.AUTO : promotion;
    }

    public List<Webhook> webhooksOrNone() {
        return webhooks == null ? List.of() : webhooks;
    }
}
