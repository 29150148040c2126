package io.graylane.observability.judge;

/**
 * The release's own limits on the candidate, judged with evidence rather than point estimates: its success
 * rate at least {@code successRateMin}, its p99 at most {@code latencyP99MaxMs}. Each is a one-sided
 * sequential test on a Bernoulli probability ({@link OneSidedBernoulli}), with a Beta prior centred on the
 * limit: PASS when the evidence says the candidate is inside the limit, FAIL when it says it is outside.
 *
 * <p>A p99 at most L is "at most 1% of requests slower than L". Durations come in buckets, so the count of
 * slower requests is taken conservatively for each side: for FAIL only the buckets wholly above L count as
 * slower, for PASS every bucket reaching above L does. With L on a bucket bound (Istio's 500 ms, 1 s, ...) the
 * two agree.
 */
public final class AbsoluteGates {

    /** The priors' concentration around the limit. */
    public static final double CONCENTRATION = 20;

    private AbsoluteGates() {
    }

    /** The evidence of one gate. */
    public record Evidence(long requests, long counted, double limit, double eInside, double eOutside,
            Outcome outcome) {
    }

    /** Successes among requests against {@code minimum} (a share, e.g. 0.99). */
    public static Evidence successRate(long requests, long successes, double minimum, double alpha) {
        return judge(requests, successes, minimum, true, alpha);
    }

    /**
     * The candidate's p99 against {@code limitMillis}, from cumulative bucket counts ({@code upperBounds} in ms,
     * ascending, the last +Inf; {@code cumulative[i]} requests took at most {@code upperBounds[i]}).
     */
    public static Evidence p99(double[] upperBounds, double[] cumulative, double limitMillis, double alpha) {
        long requests = Math.round(cumulative[cumulative.length - 1]);
        long surelyWithin = 0;
        for (int i = 0; i < upperBounds.length; i++) {
            if (upperBounds[i] <= limitMillis) {
                surelyWithin = Math.round(cumulative[i]);
            }
        }
        long possiblyWithin = Math.round(cumulative[firstBucketReaching(upperBounds, limitMillis)]);
        long slowerSurely = requests - possiblyWithin;
        long slowerPossibly = requests - surelyWithin;
        Evidence outside = judge(requests, slowerSurely, 0.01, false, alpha);
        Evidence inside = judge(requests, slowerPossibly, 0.01, false, alpha);
        Outcome outcome = outside.outcome() == Outcome.FAIL ? Outcome.FAIL
                : inside.outcome() == Outcome.PASS ? Outcome.PASS : Outcome.NEED_MORE_DATA;
        return new Evidence(requests, slowerPossibly, limitMillis, inside.eInside(), outside.eOutside(), outcome);
    }

    /** The index of the first bucket whose upper bound is at least {@code millis}. */
    private static int firstBucketReaching(double[] upperBounds, double millis) {
        for (int i = 0; i < upperBounds.length; i++) {
            if (upperBounds[i] >= millis) {
                return i;
            }
        }
        return upperBounds.length - 1;
    }

    /**
     * {@code x} of {@code n} against the limit {@code p0}: inside is {@code p > p0} when {@code atLeast} (a
     * success rate's minimum), {@code p < p0} otherwise (a share of slow requests' maximum).
     */
    private static Evidence judge(long n, long x, double p0, boolean atLeast, double alpha) {
        double a = CONCENTRATION * p0;
        double b = CONCENTRATION * (1 - p0);
        double above = Math.exp(OneSidedBernoulli.logAbove(n, x, p0, a, b));
        double below = Math.exp(OneSidedBernoulli.logBelow(n, x, p0, a, b));
        double inside = atLeast ? above : below;
        double outside = atLeast ? below : above;
        Outcome outcome = outside >= 1 / alpha ? Outcome.FAIL : inside >= 1 / alpha ? Outcome.PASS
                : Outcome.NEED_MORE_DATA;
        return new Evidence(n, x, p0, inside, outside, outcome);
    }
}
