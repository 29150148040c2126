/**
 * The canary judge's statistics: anytime-valid sequential tests that may be looked at after every request while
 * the probability of a false alarm stays below α (Ville's inequality for a nonnegative supermartingale).
 * Pure: no framework, no clock; counts in, evidence out. Distributions from Hipparchus.
 *
 * <ul>
 * <li>{@link io.graylane.observability.judge.SampleRatioTest}: does the observed split of requests match the
 * weights? The Dirichlet-multinomial Bayes factor of Lindon and Malek, "Anytime-Valid Inference for Multinomial
 * Count Data", NeurIPS 2022 (arXiv 2011.03567).</li>
 * <li>{@link io.graylane.observability.judge.ErrorShareTest}: are the candidate's errors more (or, for a pass,
 * not more by a margin) than its share of the traffic? The count-data test of Lindon, Sanden and Shirikian,
 * "Rapid Regression Detection in Software Deployments through Sequential Testing", KDD 2022 (arXiv
 * 2205.14762): under equal error rates, each error comes from the candidate with the probability that a
 * request is routed to it; a one-sided mixture over that probability (a truncated Beta prior) gives the
 * Bayes factor.</li>
 * <li>{@link io.graylane.observability.judge.AbsoluteGates}: the release's own limits (success rate, p99) judged
 * with the same one-sided mixtures ({@link io.graylane.observability.judge.OneSidedBernoulli}), not point
 * estimates.</li>
 * <li>{@link io.graylane.observability.judge.LatencyShareTest}: is the candidate slower? The error-share test
 * applied to requests slower than fixed bucket bounds.</li>
 * </ul>
 *
 * <p>{@link io.graylane.observability.judge.CanaryJudge} runs them all on a step's counts. Not here yet
 * (issue 11): running it on the metrics source for every release under analysis, and the verdict events.
 *
 * <p>The error-share test passes on error events only, so at low error rates a healthy candidate would need
 * hundreds of errors to pass; {@link io.graylane.observability.judge.CanaryJudge} passes errors on requests
 * instead, with two {@link io.graylane.observability.judge.ConfidenceSequence}s. The absolute gates still need
 * thousands of requests at rates near their limit (to show 99.5% is above 99%).
 */
package io.graylane.observability.judge;
