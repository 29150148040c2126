package io.graylane.observability.releases;

import io.graylane.events.analysis.SplitCheck;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.hipparchus.special.Gamma;

/**
 * Pearson's chi-square goodness-of-fit test of observed requests per version against the expected shares.
 * Verdict at the 1% level, and only once every version expected to receive requests is expected at least
 * five (the usual condition for the chi-square approximation). A version expected to receive nothing that
 * receives requests is a mismatch outright. The upper tail comes from Hipparchus (Pearson,
 * "On the criterion that a given system of deviations ...", Philosophical Magazine 50, 1900).
 */
public final class SplitTest {

    static final double SIGNIFICANCE = 0.01;
    static final double MIN_EXPECTED = 5;

    private SplitTest() {
    }

    public static SplitCheck check(Map<String, Double> expectedShares, Map<String, Long> observed) {
        long total = observed.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Double> expected = new LinkedHashMap<>(expectedShares);
        for (Map.Entry<String, Long> seen : observed.entrySet()) {
            if (expected.getOrDefault(seen.getKey(), 0.0) == 0.0 && seen.getValue() > 0) {
                return new SplitCheck(expected, observed, null, 0.0, SplitCheck.Verdict.DOES_NOT_MATCH,
                        seen.getValue() + " requests reached " + seen.getKey() + ", which should receive none");
            }
        }
        double chiSquare = 0;
        int categories = 0;
        for (Map.Entry<String, Double> share : expected.entrySet()) {
            if (share.getValue() <= 0) {
                continue;
            }
            double expectedCount = share.getValue() * total;
            if (expectedCount < MIN_EXPECTED) {
                return new SplitCheck(expected, observed, null, null, SplitCheck.Verdict.NOT_ENOUGH_REQUESTS,
                        total + " requests so far; " + share.getKey() + " is expected to have at least "
                                + (int) MIN_EXPECTED + " before the split can be judged");
            }
            double deviation = observed.getOrDefault(share.getKey(), 0L) - expectedCount;
            chiSquare += deviation * deviation / expectedCount;
            categories++;
        }
        if (categories < 2) {
            return new SplitCheck(expected, observed, 0.0, 1.0, SplitCheck.Verdict.MATCHES,
                    total + " requests, all to the one version that should receive them");
        }
        double pValue = upperTail(chiSquare, categories - 1);
        SplitCheck.Verdict verdict = pValue < SIGNIFICANCE ? SplitCheck.Verdict.DOES_NOT_MATCH
                : SplitCheck.Verdict.MATCHES;
        return new SplitCheck(expected, observed, round(chiSquare), round(pValue), verdict,
                String.format(Locale.ROOT, "%d requests; chi-square %.3f with %d degree(s) of freedom, p = %.4f (%s at"
                        + " the 1%% level)", total, chiSquare, categories - 1, pValue,
                        verdict == SplitCheck.Verdict.MATCHES ? "consistent with the weights" : "not the weights"));
    }

    /**
     * P(X >= x) for X chi-square distributed with {@code degrees} degrees of freedom: Q(k/2, x/2), the regularized
     * upper incomplete gamma function, which Hipparchus computes by a continued fraction for large x, so a tail
     * far below 1e-16 is not rounded to 0 as 1 - CDF would be.
     */
    static double upperTail(double x, int degrees) {
        return Gamma.regularizedGammaQ(degrees / 2.0, x / 2.0);
    }

    private static double round(double value) {
        return Math.round(value * 1_000_000.0) / 1_000_000.0;
    }
}
