package io.graylane.events.release;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/** The rules of a rollout: its steps, durations, analysis limits and webhooks, and how it fits the traffic. */
final class RolloutRules {

    static final int MAX_STEPS = 20;
    static final int MAX_WEBHOOKS = 10;
    /** Steps shorter than this cannot gather evidence between two looks of the judge. */
    static final long MIN_STEP_MILLIS = 5_000;
    static final long MAX_STEP_MILLIS = 24 * 3_600_000L;

    /**
     * @param firstStep whether the traffic must be the first step's (a new release) or may be any step's (a
     *                  release's later generations)
     */
    void validate(List<Violation> found, Strategy strategy, String baseline, String candidate, Rollout rollout,
            TrafficPolicy traffic, boolean firstStep) {
        if (strategy != Strategy.CANARY) {
            found.add(new Violation("rollout", "applies to CANARY releases only, this one is " + strategy));
            return;
        }
        steps(found, rollout.steps());
        long min = duration(found, "rollout.minStepDuration", rollout.minStepDuration(),
                Rollout.DEFAULT_MIN_STEP_DURATION);
        long max = duration(found, "rollout.maxStepDuration", rollout.maxStepDuration(),
                Rollout.DEFAULT_MAX_STEP_DURATION);
        if (min > 0 && max > 0 && max < min) {
            found.add(new Violation("rollout.maxStepDuration", "must be at least minStepDuration ("
                    + (rollout.minStepDuration() == null ? Rollout.DEFAULT_MIN_STEP_DURATION : rollout.minStepDuration())
                    + "), got " + rollout.maxStepDuration()));
        }
        if (rollout.analysis() != null) {
            analysis(found, rollout.analysis());
        }
        webhooks(found, rollout.webhooks());
        if (traffic != null) {
            fitsTraffic(found, baseline, candidate, rollout, traffic, firstStep);
        }
    }

    private static void steps(List<Violation> found, List<Integer> steps) {
        if (steps == null || steps.isEmpty()) {
            found.add(new Violation("rollout.steps", "is required: the candidate's weight at each step, ascending,"
                    + " 1-99, e.g. [10, 25, 50]"));
            return;
        }
        if (steps.size() > MAX_STEPS) {
            found.add(new Violation("rollout.steps", "at most " + MAX_STEPS + " steps, got " + steps.size()));
            return;
        }
        Integer previous = null;
        for (int i = 0; i < steps.size(); i++) {
            Integer step = steps.get(i);
            String field = "rollout.steps[" + i + "]";
            if (step == null || step < 1 || step > 99) {
                found.add(new Violation(field, "must be a weight from 1 to 99, got " + step));
            } else if (previous != null && step <= previous) {
                found.add(new Violation(field, "must be greater than the step before (" + previous + "), got " + step));
            }
            previous = step == null ? previous : step;
        }
    }

    private static long duration(List<Violation> found, String field, String value, String fallback) {
        String text = value == null ? fallback : value;
        if (!StepDuration.isValid(text)) {
            found.add(new Violation(field, "must be " + StepDuration.RULE + ", got '" + value + "'"));
            return -1;
        }
        long millis = StepDuration.parseMillis(text);
        if (millis < MIN_STEP_MILLIS || millis > MAX_STEP_MILLIS) {
            found.add(new Violation(field, "must be from 5s to 24h, got " + value));
            return -1;
        }
        return millis;
    }

    private static void analysis(List<Violation> found, Rollout.Analysis analysis) {
        if (analysis.alpha() != null && !(analysis.alpha() >= 0.0001 && analysis.alpha() <= 0.2)) {
            found.add(new Violation("rollout.analysis.alpha", "must be from 0.0001 to 0.2 (the chance that a healthy"
                    + " candidate is rolled back), got " + analysis.alpha()));
        }
        if (analysis.successRateMin() != null
                && !(analysis.successRateMin() > 0 && analysis.successRateMin() < 100)) {
            found.add(new Violation("rollout.analysis.successRateMin", "must be a percentage above 0 and below 100,"
                    + " got " + analysis.successRateMin()));
        }
        if (analysis.latencyP99MaxMs() != null
                && !(analysis.latencyP99MaxMs() > 0 && analysis.latencyP99MaxMs() <= 3_600_000)) {
            found.add(new Violation("rollout.analysis.latencyP99MaxMs", "must be above 0 and at most 3600000"
                    + " (an hour), got " + analysis.latencyP99MaxMs()));
        }
        if (analysis.errorRateMargin() != null
                && !(analysis.errorRateMargin() > 0 && analysis.errorRateMargin() <= 50)) {
            found.add(new Violation("rollout.analysis.errorRateMargin", "must be above 0 and at most 50"
                    + " percentage points, got " + analysis.errorRateMargin()));
        }
    }

    private static void webhooks(List<Violation> found, List<Rollout.Webhook> webhooks) {
        if (webhooks == null) {
            return;
        }
        if (webhooks.size() > MAX_WEBHOOKS) {
            found.add(new Violation("rollout.webhooks", "at most " + MAX_WEBHOOKS + " webhooks, got "
                    + webhooks.size()));
            return;
        }
        for (int i = 0; i < webhooks.size(); i++) {
            Rollout.Webhook webhook = webhooks.get(i);
            String field = "rollout.webhooks[" + i + "]";
            if (webhook == null) {
                found.add(new Violation(field, "must be {\"type\": ..., \"url\": ...}"));
                continue;
            }
            if (webhook.type() == null) {
                found.add(new Violation(field + ".type", "is required: confirm-rollout, pre-rollout, rollout,"
                        + " confirm-promotion, post-rollout, rollback or event"));
            }
            if (!isHttpUrl(webhook.url())) {
                found.add(new Violation(field + ".url", "must be an absolute http or https URL, got "
                        + (webhook.url() == null ? "nothing" : "'" + webhook.url() + "'")));
            }
        }
    }

    private static boolean isHttpUrl(String url) {
        if (url == null || url.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void fitsTraffic(List<Violation> found, String baseline, String candidate, Rollout rollout,
            TrafficPolicy traffic, boolean firstStep) {
        if (traffic.matches() != null) {
            found.add(new Violation("traffic.matches", "does not apply with a rollout: its steps move the candidate"
                    + " by weight, and the judge compares versions sharing traffic by weight"));
        }
        if (rollout.steps() == null || rollout.steps().isEmpty() || rollout.steps().get(0) == null
                || traffic.weights() == null) {
            return;
        }
        int first = rollout.steps().get(0);
        Map<String, Integer> weights = traffic.weights();
        Integer weight = weights.get(candidate);
        boolean split = weight != null && Integer.valueOf(100 - weight).equals(weights.get(baseline));
        if (firstStep && !(split && weight == first)) {
            found.add(new Violation("traffic.weights", "must equal the rollout's first step ({\"" + baseline + "\": "
                    + (100 - first) + ", \"" + candidate + "\": " + first + "}) or be left out, got " + weights));
        } else if (!firstStep && !(split && rollout.steps().contains(weight))) {
            found.add(new Violation("traffic.weights", "must be one of the rollout's steps " + rollout.steps()
                    + " for the candidate, got " + weights));
        }
    }
}
