package io.graylane.observability.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * Quantiles a metrics backend computed itself (Prometheus' {@code histogram_quantile}), for answers that need
 * one or two of them over many series, as Kiali's graph asks Prometheus for each edge's response time: far
 * fewer bytes than every bucket of every series. They cannot be merged with others.
 */
public final class KnownQuantiles implements DurationDistribution {

    private final Map<Double, Double> millis = new TreeMap<>();

    public KnownQuantiles(double q, double valueMillis) {
        millis.put(q, valueMillis);
    }

    private KnownQuantiles() {
    }

    @Override
    public Double quantileMillis(double q) {
        return millis.get(q);
    }

    @Override
    public double atMost(double millis) {
        return Double.NaN;
    }

    @Override
    public void add(DurationDistribution other) {
        if (!(other instanceof KnownQuantiles known) || !millis.isEmpty()) {
            throw new IllegalArgumentException("quantiles computed elsewhere cannot be merged");
        }
        millis.putAll(known.millis);
    }

    @Override
    public KnownQuantiles empty() {
        return new KnownQuantiles();
    }
}
