package io.graylane.observability.judge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.hipparchus.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

/**
 * Three canary judges on the same generated traffic (issue 11's bench): 20 requests a second, the candidate
 * routed the step's weight through steps [10, 25, 50] %, baseline errors 0.5%, durations log-normal around
 * 10 ms (σ = 0.6).
 * <ul>
 * <li>Graylane: {@link CanaryJudge} every 10 s on the counts since the step began (a release's α = 0.01, split
 * over its checks and steps as the service does; relative checks and the split; no absolute gates; the default
 * error margin of 2 points, and 3 points), a step at least 30 s and at most 10 min (then paused), any FAIL rolls
 * back.</li>
 * <li>Flagger's documented rule: every 1-minute interval, the candidate's success rate >= 99% and p99 <= 500 ms;
 * a passing interval advances a step; rollback after 5 failed checks.</li>
 * <li>Kayenta-style: every 1-minute interval, a Mann-Whitney U test (Hipparchus) of the interval's candidate
 * against baseline samples, one-sided at 0.01, for durations and for error outcomes (0/1); any failure rolls
 * back, else a step advances.</li>
 * </ul>
 * Not part of {@code ./mvnw verify}; the command and results are in docs/benchmarks.md.
 */
class CanaryJudgeBenchmark {

    private static final int[] STEPS = {10, 25, 50};
    private static final int RATE = 20;
    private static final double BASELINE_ERRORS = 0.005;
    private static final double[] ISTIO = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000,
        60000, 300000, 600000, 1800000, 3600000, Double.POSITIVE_INFINITY};
    private static final int LIMIT_SECONDS = 3_600;

    /** How a run ended and when, in seconds. */
    private record Result(String end, int seconds) {
    }

    /** The candidate's behaviour. */
    private record Candidate(String name, double errors, double slower) {
    }

    @Test
    void threeJudges() {
        List<Candidate> candidates = List.of(new Candidate("healthy", BASELINE_ERRORS, 1),
                new Candidate("5% errors", 0.05, 1), new Candidate("2x latency", BASELINE_ERRORS, 2));
        System.out.println("| judge | candidate | runs | rolled back | promoted | paused | seconds to end, p50 / p90 |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (String judge : List.of("Graylane", "Graylane, errorRateMargin 3", "Flagger", "Kayenta-style")) {
            for (Candidate candidate : candidates) {
                int runs = candidate.name().equals("healthy") ? 1_000 : 200;
                List<Result> results = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    SplittableRandom random = new SplittableRandom(run * 31L + candidate.name().hashCode());
                    results.add(switch (judge) {
                        case "Graylane" -> graylane(random, candidate, CanaryJudge.DEFAULT_ERROR_RATE_MARGIN);
                        case "Graylane, errorRateMargin 3" -> graylane(random, candidate, 0.03);
                        case "Flagger" -> flagger(random, candidate);
                        default -> kayenta(random, candidate);
                    });
                }
                print(judge, candidate, results);
            }
        }
    }

    private static void print(String judge, Candidate candidate, List<Result> results) {
        long rolledBack = results.stream().filter(r -> r.end().equals("rolled back")).count();
        long promoted = results.stream().filter(r -> r.end().equals("promoted")).count();
        long paused = results.stream().filter(r -> r.end().equals("paused")).count();
        String expected = candidate.name().equals("healthy") ? "promoted" : "rolled back";
        int[] seconds = results.stream().filter(r -> r.end().equals(expected)).mapToInt(Result::seconds).sorted()
                .toArray();
        System.out.printf("| %s | %s | %d | %d (%.1f%%) | %d | %d | %s (%s) |%n", judge, candidate.name(),
                results.size(), rolledBack, 100.0 * rolledBack / results.size(), promoted, paused,
                seconds.length == 0 ? "-" : seconds[seconds.length / 2] + " / "
                        + seconds[(int) Math.ceil(seconds.length * 0.9) - 1], expected);
    }

    /** One second of traffic at the weight: each request's version, error and duration into {@code sink}. */
    private static void second(SplittableRandom random, Candidate candidate, int weight, Sink sink) {
        for (int i = 0; i < RATE; i++) {
            boolean toCandidate = random.nextInt(100) < weight;
            boolean error = random.nextDouble() < (toCandidate ? candidate.errors() : BASELINE_ERRORS);
            double millis = 10 * Math.exp(0.6 * gaussian(random)) * (toCandidate ? candidate.slower() : 1);
            sink.request(toCandidate, error, millis);
        }
    }

    private interface Sink {
        void request(boolean toCandidate, boolean error, double millis);
    }

    private static Result graylane(SplittableRandom random, Candidate candidate, double errorRateMargin) {
        int now = 0;
        for (int weight : STEPS) {
            long[] requests = new long[2];
            long[] errors = new long[2];
            double[][] buckets = new double[2][ISTIO.length];
            CanaryJudge.Limits limits = new CanaryJudge.Limits(CanaryJudge.checkAlpha(0.01, STEPS.length, 0), weight / 100.0,
                    errorRateMargin, null, null, ISTIO,
                    List.of(10.0, 25.0));
            for (int elapsed = 1; ; elapsed++) {
                now++;
                second(random, candidate, weight, (toCandidate, error, millis) -> {
                    int v = toCandidate ? 1 : 0;
                    requests[v]++;
                    errors[v] += error ? 1 : 0;
                    for (int i = 0; i < ISTIO.length; i++) {
                        if (millis <= ISTIO[i]) {
                            buckets[v][i]++;
                        }
                    }
                });
                if (elapsed % 10 != 0) {
                    continue;
                }
                List<CanaryJudge.Verdict> verdicts = CanaryJudge.judge(
                        new CanaryJudge.Counts(requests[0], errors[0], buckets[0]),
                        new CanaryJudge.Counts(requests[1], errors[1], buckets[1]), limits);
                if (verdicts.stream().anyMatch(v -> v.outcome() == Outcome.FAIL)) {
                    return new Result("rolled back", now);
                }
                boolean passed = verdicts.stream().allMatch(v -> v.outcome() == Outcome.PASS);
                if (passed && elapsed >= 30) {
                    break;
                }
                if (elapsed >= 600) {
                    return new Result("paused", now);
                }
            }
        }
        return new Result("promoted", now);
    }

    private static Result flagger(SplittableRandom random, Candidate candidate) {
        int now = 0;
        int failed = 0;
        int step = 0;
        while (now < LIMIT_SECONDS) {
            long[] requests = new long[1];
            long[] errors = new long[1];
            List<Double> durations = new ArrayList<>();
            for (int s = 0; s < 60; s++) {
                now++;
                second(random, candidate, STEPS[step], (toCandidate, error, millis) -> {
                    if (toCandidate) {
                        requests[0]++;
                        errors[0] += error ? 1 : 0;
                        durations.add(millis);
                    }
                });
            }
            double successRate = requests[0] == 0 ? 1 : 1 - (double) errors[0] / requests[0];
            double p99 = durations.isEmpty() ? 0 : durations.stream().sorted().skip((long) Math.ceil(
                    durations.size() * 0.99) - 1).findFirst().orElse(0.0);
            if (successRate >= 0.99 && p99 <= 500) {
                if (++step == STEPS.length) {
                    return new Result("promoted", now);
                }
            } else if (++failed >= 5) {
                return new Result("rolled back", now);
            }
        }
        return new Result("paused", now);
    }

    private static Result kayenta(SplittableRandom random, Candidate candidate) {
        MannWhitneyUTest test = new MannWhitneyUTest();
        int now = 0;
        for (int weight : STEPS) {
            List<double[]> baseline = new ArrayList<>();
            List<double[]> canary = new ArrayList<>();
            for (int s = 0; s < 60; s++) {
                now++;
                second(random, candidate, weight, (toCandidate, error, millis) ->
                        (toCandidate ? canary : baseline).add(new double[] {millis, error ? 1 : 0}));
            }
            if (worse(test, column(canary, 0), column(baseline, 0))
                    || worse(test, column(canary, 1), column(baseline, 1))) {
                return new Result("rolled back", now);
            }
        }
        return new Result("promoted", now);
    }

    /** One-sided at 0.01: the canary's values tend to be higher (Mann-Whitney's two-sided p halved). */
    private static boolean worse(MannWhitneyUTest test, double[] canary, double[] baseline) {
        if (canary.length == 0 || baseline.length == 0 || Arrays.stream(canary).distinct().count() == 1
                && Arrays.stream(baseline).distinct().count() == 1
                && canary[0] == baseline[0]) {
            return false;
        }
        // Hipparchus' U is the larger of the two; the direction is read from the means.
        boolean higher = Arrays.stream(canary).average().orElse(0) > Arrays.stream(baseline).average().orElse(0);
        return higher && test.mannWhitneyUTest(canary, baseline) / 2 < 0.01;
    }

    private static double[] column(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(row -> row[column]).toArray();
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
