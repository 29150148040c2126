package io.graylane.observability.judge;

import java.util.List;

/**
 * Is the candidate slower than the baseline? From the two versions' duration histograms (cumulative bucket
 * counts, Istio's buckets): at a duration bound {@code b}, call a request slow when it took longer. If the
 * candidate's durations are distributed as the baseline's, each slow request comes from the candidate with the
 * probability ρ that a request is routed to it, whatever {@code b}: the error-share test of
 * {@link ErrorShareTest} (Lindon, Sanden and Shirikian, KDD 2022) applied to slow requests instead of errors.
 *
 * <p>Several bounds, fixed before the data (e.g. the Istio bounds around the baseline's median from an earlier
 * window): the Bayes factors "slower at b" are martingales of the same request stream under equal
 * distributions, so their mean is one too, and FAIL is declared when the mean reaches 1/α. PASS ("no slower by
 * the margin at any bound") rejects a union of nulls, one per bound, so it needs every bound's factor to
 * reach 1/α (an intersection-union test, valid at α without correction).
 */
public final class LatencyShareTest {

    private LatencyShareTest() {
    }

    /** The evidence: per tested bound, slow requests in all and the candidate's, and the two factors. */
    public record Evidence(List<Double> bounds, long[] slow, long[] candidateSlow, double eSlower, double eNoSlower,
            Outcome outcome) {
    }

    /**
     * @param upperBounds the histograms' bucket bounds in ms, ascending, the last +Inf
     * @param baseline cumulative counts of the baseline per bound
     * @param candidate cumulative counts of the candidate per bound
     * @param tested the bounds at which to compare, each one of {@code upperBounds}, fixed before the data
     * @param margin how many times the baseline's share of slow requests the candidate may have and still pass
     */
    public static Evidence judge(double[] upperBounds, double[] baseline, double[] candidate, List<Double> tested,
            double rho, double margin, double alpha) {
        if (tested.isEmpty()) {
            throw new IllegalArgumentException("at least one bound to compare at");
        }
        long[] slow = new long[tested.size()];
        long[] candidateSlow = new long[tested.size()];
        double meanSlower = 0;
        double minNoSlower = Double.POSITIVE_INFINITY;
        for (int t = 0; t < tested.size(); t++) {
            int at = java.util.Arrays.binarySearch(upperBounds, tested.get(t));
            if (at < 0) {
                throw new IllegalArgumentException("no bucket bound " + tested.get(t));
            }
            long baselineSlow = Math.round(baseline[baseline.length - 1] - baseline[at]);
            candidateSlow[t] = Math.round(candidate[candidate.length - 1] - candidate[at]);
            slow[t] = baselineSlow + candidateSlow[t];
            ErrorShareTest.Evidence evidence = ErrorShareTest.judge(slow[t], candidateSlow[t], rho, margin, alpha);
            meanSlower += evidence.eWorse() / tested.size();
            minNoSlower = Math.min(minNoSlower, evidence.eNoWorse());
        }
        Outcome outcome = meanSlower >= 1 / alpha ? Outcome.FAIL : minNoSlower >= 1 / alpha ? Outcome.PASS
                : Outcome.NEED_MORE_DATA;
        return new Evidence(List.copyOf(tested), slow, candidateSlow, meanSlower, minNoSlower, outcome);
    }
}
