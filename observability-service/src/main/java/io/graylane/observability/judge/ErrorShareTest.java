package io.graylane.observability.judge;

/**
 * Is the candidate's error rate higher than the baseline's? Lindon, Sanden and Shirikian (KDD 2022) test count
 * data by the arm each event falls in: if the candidate's requests fail as often as the baseline's, each error
 * comes from the candidate with the probability ρ that a request is routed to it (its weight), independently.
 * Writing {@code p} for that probability, the candidate is worse when {@code p > ρ}.
 *
 * <p>Two one-sided Bayes factors over the errors seen, {@code x} of them the candidate's out of {@code n}, each
 * with a Beta(kρ, k(1-ρ)) prior on {@code p} truncated to its side:
 * <ul>
 * <li>worse, {@code p > ρ} against {@code p = ρ}: FAIL at 1/α;</li>
 * <li>no worse by the margin, {@code p < ρₘ} against {@code p = ρₘ}, where ρₘ is the share of errors a candidate
 * failing {@code margin} times as often as the baseline would have: PASS at 1/α.</li>
 * </ul>
 * Each is a nonnegative supermartingale under its null ({@link OneSidedBernoulli}), so the chance it ever
 * reaches 1/α is at most α, looked at however often.
 */
public final class ErrorShareTest {

    /** The prior's concentration k around ρ. */
    public static final double CONCENTRATION = 10;

    private ErrorShareTest() {
    }

    /** The evidence on {@code candidateErrors} of {@code errors}, with the candidate routed a share {@code rho}. */
    public record Evidence(long errors, long candidateErrors, double rho, double marginShare, double eWorse,
            double eNoWorse, Outcome outcome) {
    }

    /**
     * @param margin how many times the baseline's error rate the candidate may have and still pass (e.g. 1.5)
     */
    public static Evidence judge(long errors, long candidateErrors, double rho, double margin, double alpha) {
        if (!(rho > 0 && rho < 1) || margin < 1 || candidateErrors < 0 || candidateErrors > errors) {
            throw new IllegalArgumentException("0 < rho < 1, margin >= 1, 0 <= candidate errors <= errors");
        }
        double marginShare = rho * margin / (rho * margin + 1 - rho);
        double worse = Math.exp(logWorse(errors, candidateErrors, rho));
        double noWorse = Math.exp(logNoWorse(errors, candidateErrors, rho, marginShare));
        Outcome outcome = worse >= 1 / alpha ? Outcome.FAIL : noWorse >= 1 / alpha ? Outcome.PASS
                : Outcome.NEED_MORE_DATA;
        return new Evidence(errors, candidateErrors, rho, marginShare, worse, noWorse, outcome);
    }

    /** log BF of {@code p > rho} (prior truncated there) against {@code p = rho}. */
    static double logWorse(long n, long x, double rho) {
        return OneSidedBernoulli.logAbove(n, x, rho, CONCENTRATION * rho, CONCENTRATION * (1 - rho));
    }

    /** log BF of {@code p < share} (prior truncated there) against {@code p = share}. */
    static double logNoWorse(long n, long x, double rho, double share) {
        return OneSidedBernoulli.logBelow(n, x, share, CONCENTRATION * rho, CONCENTRATION * (1 - rho));
    }
}
