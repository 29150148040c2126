package io.graylane.traffic.domain;

import io.graylane.events.release.Intent;
import io.graylane.events.release.TrafficPolicy;
import io.graylane.events.traffic.AppliedRoutes;
import java.util.LinkedHashMap;
import java.util.Map;

/** The routing a target puts in place, as the applied report states it. */
public final class AppliedRoutesOf {

    private AppliedRoutesOf() {
    }

    public static AppliedRoutes of(Target target) {
        if (target.closing() || target.release().intent() == Intent.TAKEOVER) {
            return new AppliedRoutes(Map.of(target.release().governor(), 100), null, null, null);
        }
        TrafficPolicy traffic = target.release().traffic();
        return switch (target.strategy()) {
            case BLUE_GREEN -> new AppliedRoutes(Map.of(traffic.active(), 100), null, null, null);
            case MIRROR -> new AppliedRoutes(Map.of(target.baseline(), 100), null, null,
                    new AppliedRoutes.Mirror(target.candidate(), traffic.mirrorPercent()));
            case CANARY -> new AppliedRoutes(canaryWeights(target, traffic), traffic.matches(),
                    traffic.matches() == null ? null : target.candidate(), null);
        };
    }

    private static Map<String, Integer> canaryWeights(Target target, TrafficPolicy traffic) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        if (traffic.weights() == null) {
            weights.put(target.baseline(), 100);
        } else {
            weights.put(target.baseline(), traffic.weights().get(target.baseline()));
            weights.put(target.candidate(), traffic.weights().get(target.candidate()));
        }
        return weights;
    }
}
