package io.graylane.release.events;

import io.graylane.events.traffic.AppliedRoutes;
import io.graylane.events.traffic.TrafficApplied;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** What an applied report says of the routing, in a few words for the history. */
final class AppliedSummary {

    private AppliedSummary() {
    }

    static String of(TrafficApplied report) {
        List<String> parts = new ArrayList<>();
        AppliedRoutes routes = report.routes();
        if (routes != null && routes.weights() != null) {
            parts.add(routes.weights().entrySet().stream()
                    .map(weight -> weight.getKey() + "=" + weight.getValue())
                    .sorted()
                    .collect(Collectors.joining(", ")));
        }
        if (routes != null && routes.matches() != null && !routes.matches().isEmpty()) {
            parts.add(routes.matches().size() + " match block(s) to " + routes.matchVersion());
        }
        if (routes != null && routes.mirror() != null) {
            parts.add("mirror " + routes.mirror().percent().toPlainString() + "% to " + routes.mirror().version());
        }
        if (report.repointedRoutes() != null && !report.repointedRoutes().isEmpty()) {
            parts.add("re-pointed routes " + String.join(", ", report.repointedRoutes()));
        }
        if (report.notes() != null) {
            parts.addAll(report.notes());
        }
        return parts.isEmpty() ? "" : ": " + String.join("; ", parts);
    }
}
