package io.graylane.bookinfo.traffic;

import io.graylane.bookinfo.config.DeployerConfig.Mode;
import io.graylane.events.release.Names;
import io.graylane.events.release.Violation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of a request to start traffic; every field may be absent.
 *
 * @param requestsPerSecond how often the product page is requested (default 2: the tutorial's loop every 0.5 s)
 * @param durationSeconds how long the run lasts; absent: until it is stopped
 * @param productpageUrl real runs: the product page to request instead of the configured one
 * @param errorRates simulated runs: per reviews version, the share of its requests it answers with 500
 * @param seed simulated runs: makes the run's draws repeatable
 * @param latencyFactors simulated runs: per reviews version, how many times as long its own work takes (2: a
 *     latency regression that doubles it)
 * @param traceSampling simulated runs: the percentage of requests whose spans are reported (default 100), as
 *     Istio's {@code meshConfig.defaultConfig.tracing.sampling} (1 by default on a real mesh); Istio's metrics
 *     count every request whatever it is
 */
public record TrafficRequest(Double requestsPerSecond, Integer durationSeconds, String productpageUrl,
        Map<String, Double> errorRates, Map<String, Double> latencyFactors, Long seed, Double traceSampling) {

    static final double MAX_RATE = 200;
    static final int MAX_SECONDS = 86_400;

    /** The fields at fault for a run in {@code mode}; empty when it can start. */
    public List<Violation> violations(Mode mode) {
        List<Violation> errors = new ArrayList<>();
        if (requestsPerSecond != null && !(requestsPerSecond > 0 && requestsPerSecond <= MAX_RATE)) {
            errors.add(new Violation("requestsPerSecond", "must be more than 0 and at most " + (int) MAX_RATE
                    + ", not " + requestsPerSecond));
        }
        if (durationSeconds != null && (durationSeconds < 1 || durationSeconds > MAX_SECONDS)) {
            errors.add(new Violation("durationSeconds", "must be from 1 to " + MAX_SECONDS + " (a day), not "
                    + durationSeconds + "; leave it out to run until stopped"));
        }
        if (productpageUrl != null) {
            if (mode == Mode.simulated) {
                errors.add(new Violation("productpageUrl", "this deployer simulates traffic "
                        + "(graylane.traffic.mode=simulated): no request is made, so there is no URL to give"));
            } else if (!isHttpUrl(productpageUrl)) {
                errors.add(new Violation("productpageUrl", "'" + productpageUrl + "' is not an http(s) URL, "
                        + "e.g. http://192.168.49.2:31653/productpage (the ingress gateway's)"));
            }
        }
        if (traceSampling != null) {
            if (mode == Mode.real) {
                errors.add(new Violation("traceSampling", "real traffic is sampled by the mesh's own setting "
                        + "(meshConfig.defaultConfig.tracing.sampling), not by the run"));
            } else if (!(traceSampling > 0 && traceSampling <= 100)) {
                errors.add(new Violation("traceSampling", "must be a percentage more than 0 and at most 100, not "
                        + traceSampling));
            }
        }
        perVersion(errors, mode, "latencyFactors", latencyFactors, 0.1, 100, "a factor",
                "real traffic cannot be told to be slow; inject a delay with a VirtualService's fault instead, or "
                        + "run the deployer in simulated mode");
        perVersion(errors, mode, "errorRates", errorRates, 0, 1, "a share",
                "real traffic cannot be told to fail; inject faults with a VirtualService instead, or run the "
                        + "deployer in simulated mode");
        return errors;
    }

    /** A map of reviews version to a number in [min, max], for simulated runs only. */
    private static void perVersion(List<Violation> errors, Mode mode, String field, Map<String, Double> values,
            double min, double max, String what, String notReal) {
        if (values == null) {
            return;
        }
        if (mode == Mode.real) {
            errors.add(new Violation(field, notReal));
        }
        values.forEach((version, value) -> {
            if (!Names.isDnsLabel(version)) {
                errors.add(new Violation(field + "." + version, "'" + version + "' is not a version label"));
            } else if (value == null || !(value >= min && value <= max)) {
                errors.add(new Violation(field + "." + version, "must be " + what + " from " + format(min) + " to "
                        + format(max) + ", not " + value));
            }
        });
    }

    private static String format(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }

    double sampling() {
        return traceSampling == null ? 100 : traceSampling;
    }

    double rate() {
        return requestsPerSecond == null ? 2 : requestsPerSecond;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
