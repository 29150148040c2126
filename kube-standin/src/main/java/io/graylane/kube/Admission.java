package io.graylane.kube;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * What a real API server refuses of a Deployment write and the mock server's store would take: no selector,
 * a changed selector ({@code apps/v1} made it immutable), and a selector that does not select the pod
 * template. The messages are the API server's.
 */
final class Admission {

    private Admission() {
    }

    /** Why the write of {@code wanted} over {@code current} (null when created) is refused, if it is. */
    static Optional<String> refusal(JsonNode current, JsonNode wanted) {
        if (!"Deployment".equals(wanted.path("kind").asText())) {
            return Optional.empty();
        }
        String invalid = "Deployment.apps \"" + wanted.path("metadata").path("name").asText() + "\" is invalid: ";
        JsonNode selector = wanted.path("spec").path("selector");
        if (!selector.isObject()) {
            return Optional.of(invalid + "spec.selector: Required value");
        }
        if (current != null && !current.path("spec").path("selector").equals(selector)) {
            return Optional.of(invalid + "spec.selector: Invalid value: " + describe(selector)
                    + ": field is immutable");
        }
        JsonNode labels = wanted.path("spec").path("template").path("metadata").path("labels");
        if (!selects(selector, labels)) {
            return Optional.of(invalid + "spec.template.metadata.labels: Invalid value: " + map(labels)
                    + ": `selector` does not match template `labels`");
        }
        return Optional.empty();
    }

    /** Whether a label selector selects a set of labels: every matchLabels pair and every expression. */
    static boolean selects(JsonNode selector, JsonNode labels) {
        for (var entry : iterable(selector.path("matchLabels").fields())) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.path(expression.path("key").asText()).asText(null);
            Set<String> values = StreamSupport.stream(expression.path("values").spliterator(), false)
                    .map(JsonNode::asText).collect(Collectors.toSet());
            boolean holds = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    private static String describe(JsonNode selector) {
        return "v1.LabelSelector{MatchLabels:" + map(selector.path("matchLabels")) + "}";
    }

    private static String map(JsonNode labels) {
        TreeMap<String, String> sorted = new TreeMap<>();
        labels.fields().forEachRemaining(entry -> sorted.put(entry.getKey(), entry.getValue().asText()));
        return "map[string]string" + sorted.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue()
                + "\"").collect(Collectors.joining(", ", "{", "}"));
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
