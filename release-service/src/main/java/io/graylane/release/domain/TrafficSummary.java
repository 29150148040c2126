package io.graylane.release.domain;

import io.graylane.events.release.TrafficPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A traffic policy in a few words, for the history. */
public final class TrafficSummary {

    private TrafficSummary() {
    }

    public static String of(TrafficPolicy traffic) {
        List<String> parts = new ArrayList<>();
        if (traffic.weights() != null) {
            parts.add("weights " + traffic.weights().entrySet().stream()
                    .map(weight -> weight.getKey() + "=" + weight.getValue())
                    .sorted()
                    .collect(Collectors.joining(", ")));
        }
        if (traffic.matches() != null) {
            parts.add(traffic.matches().size() + " match block" + (traffic.matches().size() == 1 ? "" : "s"));
        }
        if (traffic.active() != null) {
            parts.add("active " + traffic.active());
        }
        if (traffic.mirrorPercent() != null) {
            parts.add("mirror " + traffic.mirrorPercent().toPlainString() + "%");
        }
        return String.join("; ", parts);
    }
}
