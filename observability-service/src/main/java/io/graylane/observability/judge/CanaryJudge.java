package io.graylane.observability.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every check of a canary step, from the two versions' counts since the step began (cumulative, under the
 * step's weights: the tests are anytime-valid for a stream that starts with the step). Pure: counts and limits
 * in, verdicts with their evidence out.
 */
public final class CanaryJudge {

    /** A split is passed once each version was routed this many requests with no mismatch found. */
    public static final long SPLIT_PASS_REQUESTS = 100;
    /** The candidate may be slow this many times as often as the baseline (and fail, for FAIL) and still pass. */
    public static final double MARGIN = 2;

    /** The errors check's margin when the release states none: 2 percentage points. */
    public static final double DEFAULT_ERROR_RATE_MARGIN = 0.02;

    private CanaryJudge() {
    }

    /**
     * The level of each check in each step, so that a release's chance of ever being rolled back by a false
     * alarm stays at most {@code releaseAlpha}: Bonferroni's bound over the checks that can FAIL (split, errors,
     * latency and the gates configured) and the steps, each check being anytime-valid within its step.
     */
    public static double checkAlpha(double releaseAlpha, int steps, int gates) {
        return releaseAlpha / ((3 + gates) * Math.max(1, steps));
    }

    /** One version's counts since the step began: requests, errors, and cumulative duration buckets. */
    public record Counts(long requests, long errors, double[] cumulativeBuckets) {
    }

    /**
     * What to judge against.
     *
     * @param candidateShare the candidate's weight in the step, 0-1
     * @param successRateMin the release's minimum success rate, 0-1, or null for none
     * @param latencyP99MaxMs the release's maximum p99, or null for none
     * @param errorRateMargin how much higher (absolute, 0-1) the candidate's error rate may be than the baseline's
     *                        and still pass: the smallest regression the errors check is sure to stop
     * @param latencyBounds the bucket bounds at which the versions' durations are compared, fixed before the step
     */
    public record Limits(double alpha, double candidateShare, double errorRateMargin, Double successRateMin,
            Double latencyP99MaxMs, double[] upperBounds, List<Double> latencyBounds) {
    }

    /** One check's verdict: its name, outcome, statistic and threshold, and the counts it stood on. */
    public record Verdict(String check, Outcome outcome, double statistic, double threshold,
            Map<String, Object> evidence) {
    }

    public static List<Verdict> judge(Counts baseline, Counts candidate, Limits limits) {
        double threshold = 1 / limits.alpha();
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(split(baseline, candidate, limits, threshold));
        verdicts.add(errors(baseline, candidate, limits, threshold));
        if (!limits.latencyBounds().isEmpty()) {
            LatencyShareTest.Evidence latency = LatencyShareTest.judge(limits.upperBounds(),
                    baseline.cumulativeBuckets(), candidate.cumulativeBuckets(), limits.latencyBounds(),
                    limits.candidateShare(), MARGIN, limits.alpha());
            verdicts.add(new Verdict("latency", latency.outcome(), strongest(latency.outcome(), latency.eSlower(),
                    latency.eNoSlower()), threshold, evidence("bounds", latency.bounds(), "slow",
                    latency.slow(), "candidateSlow", latency.candidateSlow(), "eSlower", latency.eSlower(),
                    "eNoSlower", latency.eNoSlower())));
        }
        if (limits.successRateMin() != null) {
            AbsoluteGates.Evidence gate = AbsoluteGates.successRate(candidate.requests(),
                    candidate.requests() - candidate.errors(), limits.successRateMin(), limits.alpha());
            verdicts.add(new Verdict("successRate", gate.outcome(), strongest(gate.outcome(), gate.eOutside(),
                    gate.eInside()), threshold, evidence("requests", candidate.requests(), "successes",
                    gate.counted(), "minimum", limits.successRateMin())));
        }
        if (limits.latencyP99MaxMs() != null) {
            AbsoluteGates.Evidence gate = AbsoluteGates.p99(limits.upperBounds(), candidate.cumulativeBuckets(),
                    limits.latencyP99MaxMs(), limits.alpha());
            verdicts.add(new Verdict("latencyP99", gate.outcome(), strongest(gate.outcome(), gate.eOutside(),
                    gate.eInside()), threshold, evidence("requests", gate.requests(), "possiblySlower",
                    gate.counted(), "maxMs", limits.latencyP99MaxMs())));
        }
        return verdicts;
    }

    /**
     * Errors: FAIL when the candidate's share of the errors is higher than its share of the requests
     * ({@link ErrorShareTest}, fast where errors are many); PASS when the two error rates' confidence sequences
     * (α/2 each) show the candidate's at most the margin above the baseline's: if it were more, one of
     * the two sequences would have missed its rate, which happens with probability at most α. Passing rests on
     * requests, so it does not wait for errors that a healthy candidate rarely makes.
     */
    private static Verdict errors(Counts baseline, Counts candidate, Limits limits, double threshold) {
        ErrorShareTest.Evidence share = ErrorShareTest.judge(baseline.errors() + candidate.errors(),
                candidate.errors(), limits.candidateShare(), MARGIN, limits.alpha());
        ConfidenceSequence.Interval candidateRate = ConfidenceSequence.bernoulli(candidate.requests(),
                candidate.errors(), limits.alpha() / 2);
        ConfidenceSequence.Interval baselineRate = ConfidenceSequence.bernoulli(baseline.requests(),
                baseline.errors(), limits.alpha() / 2);
        Outcome outcome = share.outcome() == Outcome.FAIL ? Outcome.FAIL
                : candidateRate.upper() < baselineRate.lower() + limits.errorRateMargin() ? Outcome.PASS : Outcome.NEED_MORE_DATA;
        return new Verdict("errors", outcome, share.eWorse(), threshold, evidence("baselineRequests",
                baseline.requests(), "baselineErrors", baseline.errors(), "candidateRequests", candidate.requests(),
                "candidateErrors", candidate.errors(), "candidateShare", limits.candidateShare(), "eWorse",
                share.eWorse(), "candidateErrorRateUpper", candidateRate.upper(), "baselineErrorRateLower",
                baselineRate.lower(), "margin", limits.errorRateMargin()));
    }

    /**
     * The split: FAIL on evidence of a mismatch; PASS once each version was routed enough requests for a
     * mismatch to show and none did (a split is never proven right, only not found wrong).
     */
    private static Verdict split(Counts baseline, Counts candidate, Limits limits, double threshold) {
        long[] counts = {baseline.requests(), candidate.requests()};
        double[] weights = {1 - limits.candidateShare(), limits.candidateShare()};
        double bayesFactor = Math.exp(SampleRatioTest.logBayesFactor(counts, weights));
        Outcome outcome = bayesFactor >= threshold ? Outcome.FAIL
                : Math.min(counts[0], counts[1]) >= SPLIT_PASS_REQUESTS ? Outcome.PASS : Outcome.NEED_MORE_DATA;
        return new Verdict("split", outcome, bayesFactor, threshold, evidence("baselineRequests", counts[0],
                "candidateRequests", counts[1], "candidateShare", limits.candidateShare()));
    }

    /** The e-value of the side the outcome stands on (the worse side while undecided). */
    private static double strongest(Outcome outcome, double eAgainst, double eFor) {
        return outcome == Outcome.PASS ? eFor : eAgainst;
    }

    private static Map<String, Object> evidence(Object... pairs) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            evidence.put((String) pairs[i], pairs[i + 1]);
        }
        return evidence;
    }
}
