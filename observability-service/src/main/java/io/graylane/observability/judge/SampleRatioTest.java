package io.graylane.observability.judge;

import org.hipparchus.special.Gamma;

/**
 * Sample ratio mismatch, sequentially: do the requests each version received follow the weights? Lindon and
 * Malek (NeurIPS 2022) put a Dirichlet prior, centred on the weights, on the versions' true shares; the Bayes
 * factor of that mixture against the weights,
 * <pre>
 *   BF(x) = [Γ(Σα) / Γ(Σα + n)] · Π Γ(αᵢ + xᵢ) / Γ(αᵢ)  /  Π θᵢ^xᵢ ,   αᵢ = k·θᵢ,
 * </pre>
 * is a martingale under the weights whatever the order the requests came in, so it depends on the counts alone
 * and may be computed at any time from cumulative counts. A mismatch is declared when it reaches 1/α: the chance
 * that a right split ever does is at most α, however often one looks.
 */
public final class SampleRatioTest {

    /** The prior's concentration k: the Dirichlet is as sure of the weights as k requests would make it. */
    public static final double CONCENTRATION = 100;

    private SampleRatioTest() {
    }

    /**
     * The log Bayes factor for {@code counts} against the shares {@code weights} (summing to 1). A version
     * weighted 0 that received requests is a mismatch outright (+∞).
     */
    public static double logBayesFactor(long[] counts, double[] weights) {
        if (counts.length != weights.length) {
            throw new IllegalArgumentException("a count per weight");
        }
        double log = 0;
        double alphaSum = 0;
        long n = 0;
        for (int i = 0; i < counts.length; i++) {
            if (weights[i] <= 0) {
                if (counts[i] > 0) {
                    return Double.POSITIVE_INFINITY;
                }
                continue;
            }
            double alpha = CONCENTRATION * weights[i];
            log += Gamma.logGamma(alpha + counts[i]) - Gamma.logGamma(alpha) - counts[i] * Math.log(weights[i]);
            alphaSum += alpha;
            n += counts[i];
        }
        return log + Gamma.logGamma(alphaSum) - Gamma.logGamma(alphaSum + n);
    }

    /** FAIL when the Bayes factor reached 1/α, NEED_MORE_DATA otherwise (a split is never proven right). */
    public static Outcome judge(long[] counts, double[] weights, double alpha) {
        return logBayesFactor(counts, weights) >= Math.log(1 / alpha) ? Outcome.FAIL : Outcome.NEED_MORE_DATA;
    }
}
