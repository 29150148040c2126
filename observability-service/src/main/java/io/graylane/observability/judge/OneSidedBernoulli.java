package io.graylane.observability.judge;

import org.hipparchus.special.Beta;

/**
 * One-sided sequential tests on a Bernoulli probability {@code p} from {@code x} successes in {@code n} trials:
 * a Beta(a, b) prior truncated to one side of {@code p0}, its Bayes factor against {@code p = p0}. Under any
 * {@code p} on the other side (the null's), the factor is a nonnegative supermartingale, so it reaches 1/α with
 * probability at most α however often it is looked at (Ville's inequality; the mixture approach of Robbins,
 * as used for count data by Lindon, Sanden and Shirikian, KDD 2022).
 * {@code ∫ p^x (1-p)^(n-x) Beta(p; a, b) dp} over {@code (p0, 1]} is
 * {@code B(a+x, b+n-x)/B(a, b) · (1 - I_p0(a+x, b+n-x))}: Hipparchus' log beta and regularized incomplete beta.
 */
final class OneSidedBernoulli {

    private OneSidedBernoulli() {
    }

    /** log Bayes factor of {@code p > p0} against {@code p = p0}. */
    static double logAbove(long n, long x, double p0, double a, double b) {
        double posterior = 1 - Beta.regularizedBeta(p0, a + x, b + n - x);
        double prior = 1 - Beta.regularizedBeta(p0, a, b);
        return mixture(n, x, a, b) + Math.log(posterior) - Math.log(prior) - logLikelihood(n, x, p0);
    }

    /** log Bayes factor of {@code p < p0} against {@code p = p0}. */
    static double logBelow(long n, long x, double p0, double a, double b) {
        double posterior = Beta.regularizedBeta(p0, a + x, b + n - x);
        double prior = Beta.regularizedBeta(p0, a, b);
        return mixture(n, x, a, b) + Math.log(posterior) - Math.log(prior) - logLikelihood(n, x, p0);
    }

    /** log of B(a+x, b+n-x) / B(a, b): the Beta-binomial marginal likelihood, less the binomial coefficient. */
    private static double mixture(long n, long x, double a, double b) {
        return Beta.logBeta(a + x, b + n - x) - Beta.logBeta(a, b);
    }

    private static double logLikelihood(long n, long x, double p) {
        return (x == 0 ? 0 : x * Math.log(p)) + (n - x == 0 ? 0 : (n - x) * Math.log(1 - p));
    }
}
