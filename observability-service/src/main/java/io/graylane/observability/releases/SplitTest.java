package io.graylane.observability.releases;

import io.graylane.events.analysis.SplitCheck;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Pearson's chi-square goodness-of-fit test of observed requests per version against the expected shares.
 * Verdict at the 1% level, and only once every version expected to receive requests is expected at least
 * five (the usual condition for the chi-square approximation). A version expected to receive nothing that
 * receives requests is a mismatch outright.
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

    /** P(X >= x) for X chi-square distributed with {@code degrees} degrees of freedom. */
    static double upperTail(double x, int degrees) {
        if (degrees == 1) {
            return erfc(Math.sqrt(x / 2));
        }
        return 1 - regularizedGammaP(degrees / 2.0, x / 2);
    }

    /** Complementary error function (Numerical Recipes' erfc, relative error below 1.2e-7). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + z / 2);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** The regularized lower incomplete gamma function P(a, x), by its series. */
    private static double regularizedGammaP(double a, double x) {
        if (x <= 0) {
            return 0;
        }
        double sum = 1 / a;
        double term = sum;
        for (int n = 1; n < 500 && Math.abs(term) > Math.abs(sum) * 1e-12; n++) {
            term *= x / (a + n);
            sum += term;
        }
        return Math.min(1, sum * Math.exp(-x + a * Math.log(x) - logGamma(a)));
    }

    private static double logGamma(double x) {
        double[] c = {76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155,
            0.1208650973866179e-2, -0.5395239384953e-5};
        double y = x;
        double tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
        double series = 1.000000000190015;
        for (double coefficient : c) {
            series += coefficient / ++y;
        }
        return -tmp + Math.log(2.5066282746310005 * series / x);
    }

    private static double round(double value) {
        return Math.round(value * 1_000_000.0) / 1_000_000.0;
    }
}
