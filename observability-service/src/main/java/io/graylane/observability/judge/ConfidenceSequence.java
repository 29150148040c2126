package io.graylane.observability.judge;

import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.special.Beta;

/**
 * An anytime-valid confidence sequence for a Bernoulli probability: the probabilities {@code p} whose
 * Beta-binomial mixture martingale (a uniform Beta(1, 1) prior, Robbins' method of mixtures) has not reached
 * 1/α after {@code x} successes in {@code n} trials,
 * <pre>
 *   { p : B(1+x, 1+n-x) / B(1, 1) / (p^x (1-p)^(n-x)) &lt; 1/α } ,
 * </pre>
 * covers the true {@code p} at every {@code n} at once with probability at least 1 - α (Ville's inequality),
 * so it may be read after every request. The interval's ends are found with Hipparchus' Brent solver.
 */
public final class ConfidenceSequence {

    private static final BrentSolver SOLVER = new BrentSolver(1e-12);

    private ConfidenceSequence() {
    }

    /** The interval [lower, upper] after {@code x} successes in {@code n} trials. */
    public record Interval(double lower, double upper) {
    }

    public static Interval bernoulli(long n, long x, double alpha) {
        if (n == 0) {
            return new Interval(0, 1);
        }
        double logThreshold = Math.log(1 / alpha);
        double logMixture = Beta.logBeta(1.0 + x, 1.0 + n - x);
        // log BF(p) = logMixture - x log p - (n-x) log(1-p): smallest at p = x/n, rising to either end.
        java.util.function.DoubleUnaryOperator excess = p -> logMixture
                - (x == 0 ? 0 : x * Math.log(p)) - (n - x == 0 ? 0 : (n - x) * Math.log1p(-p)) - logThreshold;
        double center = (double) x / n;
        double lower = x == 0 || excess.applyAsDouble(1e-300) < 0 ? 0
                : SOLVER.solve(10_000, excess::applyAsDouble, 1e-300, center);
        double upper = x == n || excess.applyAsDouble(1 - 1e-16) < 0 ? 1
                : SOLVER.solve(10_000, excess::applyAsDouble, center, 1 - 1e-16);
        return new Interval(lower, upper);
    }
}
