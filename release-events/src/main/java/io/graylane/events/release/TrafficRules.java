package io.graylane.events.release;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Which traffic policy fits which strategy, and the rules of weights, blue-green and mirroring. */
final class TrafficRules {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    /** One request in a million: below this a mirror copies next to nothing. */
    private static final BigDecimal MIN_MIRROR_PERCENT = new BigDecimal("0.0001");

    private final MatchRules matchRules = new MatchRules();

    List<Violation> validate(Strategy strategy, String baseline, String candidate, TrafficPolicy traffic) {
        List<Violation> found = new ArrayList<>();
        if (traffic == null) {
            found.add(new Violation("traffic", "is required; " + formFor(strategy)));
            return found;
        }
        switch (strategy) {
            case CANARY -> canary(found, baseline, candidate, traffic);
            case BLUE_GREEN -> blueGreen(found, baseline, candidate, traffic);
            case MIRROR -> mirror(found, traffic);
        }
        return found;
    }

    private void canary(List<Violation> found, String baseline, String candidate, TrafficPolicy traffic) {
        notFor(found, Strategy.CANARY, "active", traffic.active());
        notFor(found, Strategy.CANARY, "mirrorPercent", traffic.mirrorPercent());
        if (traffic.weights() == null && traffic.matches() == null) {
            found.add(new Violation("traffic", "a CANARY release needs 'weights', 'matches' or both"));
        }
        if (traffic.weights() != null) {
            weights(found, baseline, candidate, traffic.weights());
        }
        if (traffic.matches() != null) {
            matchRules.validate(found, traffic.matches());
        }
    }

    private static void blueGreen(List<Violation> found, String baseline, String candidate, TrafficPolicy traffic) {
        notFor(found, Strategy.BLUE_GREEN, "weights", traffic.weights());
        notFor(found, Strategy.BLUE_GREEN, "matches", traffic.matches());
        notFor(found, Strategy.BLUE_GREEN, "mirrorPercent", traffic.mirrorPercent());
        if (traffic.active() == null) {
            found.add(new Violation("traffic.active", "is required for BLUE_GREEN: '" + baseline + "' or '"
                    + candidate + "'"));
        } else if (!traffic.active().equals(baseline) && !traffic.active().equals(candidate)) {
            found.add(new Violation("traffic.active", "'" + traffic.active() + "' is not a version of this release;"
                    + " use '" + baseline + "' or '" + candidate + "'"));
        }
    }

    private static void mirror(List<Violation> found, TrafficPolicy traffic) {
        notFor(found, Strategy.MIRROR, "weights", traffic.weights());
        notFor(found, Strategy.MIRROR, "matches", traffic.matches());
        notFor(found, Strategy.MIRROR, "active", traffic.active());
        BigDecimal percent = traffic.mirrorPercent();
        if (percent == null) {
            found.add(new Violation("traffic.mirrorPercent", "is required for MIRROR: a number in (0, 100]"));
        } else if (percent.signum() <= 0 || percent.compareTo(HUNDRED) > 0) {
            // toString, not toPlainString: 1e999999999 written out in full would be a billion characters.
            found.add(new Violation("traffic.mirrorPercent", "must be greater than 0 and at most 100, got "
                    + percent));
        } else if (percent.compareTo(MIN_MIRROR_PERCENT) < 0) {
            found.add(new Violation("traffic.mirrorPercent", "must be at least " + MIN_MIRROR_PERCENT.toPlainString()
                    + " (one request in a million), got " + percent));
        }
    }

    private static void weights(List<Violation> found, String baseline, String candidate,
            Map<String, Integer> weights) {
        int before = found.size();
        if (!weights.containsKey(baseline) || !weights.containsKey(candidate)) {
            found.add(new Violation("traffic.weights", "must name exactly the versions '" + baseline + "' and '"
                    + candidate + "', e.g. {\"" + baseline + "\": 70, \"" + candidate + "\": 30}"));
        }
        int sum = 0;
        for (Map.Entry<String, Integer> weight : weights.entrySet()) {
            String field = "traffic.weights." + weight.getKey();
            if (!weight.getKey().equals(baseline) && !weight.getKey().equals(candidate)) {
                found.add(new Violation(field, "'" + weight.getKey() + "' is not a version of this release ('"
                        + baseline + "', '" + candidate + "')"));
            } else if (weight.getValue() == null || weight.getValue() < 0 || weight.getValue() > 100) {
                found.add(new Violation(field, "must be an integer from 0 to 100, got " + weight.getValue()));
            } else {
                sum += weight.getValue();
            }
        }
        if (found.size() == before && sum != 100) {
            found.add(new Violation("traffic.weights", "must sum to 100, they sum to " + sum));
        }
    }

    private static void notFor(List<Violation> found, Strategy strategy, String field, Object value) {
        if (value != null) {
            found.add(new Violation("traffic." + field, "does not apply to " + strategy + "; " + formFor(strategy)));
        }
    }

    private static String formFor(Strategy strategy) {
        return switch (strategy) {
            case CANARY -> "CANARY takes 'weights' and/or 'matches'";
            case BLUE_GREEN -> "BLUE_GREEN takes 'active'";
            case MIRROR -> "MIRROR takes 'mirrorPercent'";
        };
    }
}
