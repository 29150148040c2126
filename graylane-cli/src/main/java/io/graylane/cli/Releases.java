package io.graylane.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** release-service's API as the CLI uses it, and how its answers are shown. */
final class Releases {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
    /** The phases a release ends in. */
    static final List<String> ENDED = List.of("Completed", "RolledBack");

    private final Http http;
    private final Services services;
    private final String namespace;

    Releases(Http http, Services services, String namespace) {
        this.http = http;
        this.services = services;
        this.namespace = namespace;
    }

    /** Creates the release a file describes, in YAML or JSON (YAML reads both). */
    JsonNode create(Path file) {
        JsonNode body;
        try {
            body = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new Failure("cannot read " + file + ": " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new Failure(file + " does not hold a release (a YAML or JSON object)");
        }
        return http.post(services.releases(namespace), body, 201);
    }

    JsonNode list() {
        return http.get(services.releases(namespace));
    }

    JsonNode get(String name) {
        return http.get(release(name));
    }

    /** pause, resume, approve, abort, offline, rollback: a POST answered 202. */
    JsonNode act(String name, String action) {
        return http.post(URI.create(release(name) + "/" + action), null, 202);
    }

    JsonNode takeOver(String name, String version) {
        return http.post(URI.create(release(name) + "/takeover"), Map.of("version", version), 202);
    }

    JsonNode history(String name) {
        return http.get(URI.create(release(name) + "/history"));
    }

    JsonNode decisions(String name) {
        return http.get(URI.create(release(name) + "/decisions"));
    }

    /**
     * The versions of the release in its current step (or the last five minutes), from observability-service;
     * empty when it cannot answer (the release view goes on without them).
     */
    JsonNode versions(JsonNode release) {
        String since = release.path("rolloutStatus").path("stepStartedAt").asText(null);
        long seconds = since == null ? 300 : Math.max(10, Duration.between(OffsetDateTime.parse(since).toInstant(),
                Instant.now()).toSeconds());
        try {
            Http.Answer answer = http.send("GET", services.observability("/api/v1/namespaces/" + namespace
                    + "/releases/" + release.path("name").asText() + "/comparison?window=" + seconds + "s"), null);
            return answer.status() == 200 ? answer.body().path("analysis") : null;
        } catch (Failure unreachable) {
            return null;
        }
    }

    private URI release(String name) {
        return URI.create(services.releases(namespace) + "/" + name);
    }

    /** The answer as the API gave it, in JSON or YAML. */
    static String render(JsonNode answer, String format) {
        try {
            return switch (format) {
                case "json" -> Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer);
                case "yaml" -> YAML.writeValueAsString(answer);
                default -> throw new Failure("-o takes json or yaml, not '" + format + "'");
            };
        } catch (JsonProcessingException e) {
            throw new Failure("cannot write the answer as " + format + ": " + e.getMessage());
        }
    }

    /** One line per release. */
    static List<String> table(JsonNode items) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-24s %-14s %-10s %-11s %-10s %-6s %s", "NAME", "SERVICE", "STRATEGY", "PHASE",
                "ROLLOUT", "STEP", "TRAFFIC"));
        for (JsonNode release : items.path("items")) {
            JsonNode rollout = release.path("rolloutStatus");
            lines.add(String.format("%-24s %-14s %-10s %-11s %-10s %-6s %s", release.path("name").asText(),
                    release.path("service").asText(), release.path("strategy").asText(),
                    release.path("phase").asText(), rollout.isMissingNode() || rollout.isNull() ? "-"
                            : rollout.path("state").asText(), rollout.isMissingNode() || rollout.isNull() ? "-"
                            : rollout.path("step").asInt() + "/" + rollout.path("steps").asInt(), traffic(release)));
        }
        return lines;
    }

    /** The release as {@code kubectl argo rollouts get rollout} shows one: state, step, versions, verdicts. */
    static List<String> view(JsonNode release, JsonNode versions, JsonNode decisions) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("Name:        %s (namespace %s)", release.path("name").asText(),
                release.path("namespace").asText()));
        lines.add(String.format("Service:     %s, %s: baseline %s, candidate %s", release.path("service").asText(),
                release.path("strategy").asText(), release.path("baseline").path("version").asText(),
                release.path("candidate").path("version").asText()));
        lines.add(String.format("Phase:       %s (generation %d, observed %d)%s", release.path("phase").asText(),
                release.path("generation").asLong(), release.path("observedGeneration").asLong(),
                release.path("governor").isTextual() ? ", all traffic to " + release.path("governor").asText() : ""));
        lines.add("Traffic:     " + traffic(release));
        JsonNode rollout = release.path("rolloutStatus");
        if (rollout.isObject()) {
            lines.add(String.format("Rollout:     %s, step %d of %d %s, %s", rollout.path("state").asText(),
                    rollout.path("step").asInt(), rollout.path("steps").asInt(), release.path("rollout")
                            .path("steps"), rollout.hasNonNull("stepStartedAt") ? "since "
                            + rollout.path("stepStartedAt").asText() : "being applied"));
            lines.add("Reason:      " + rollout.path("reason").asText("-"));
            if (rollout.hasNonNull("held")) {
                lines.add("Held by:     " + rollout.path("held").asText());
            }
        }
        if (versions != null && versions.path("versions").isArray()) {
            lines.add("Versions:    (" + versions.path("source").asText() + ", since " + versions.path("from").asText()
                    + ")");
            for (JsonNode version : versions.path("versions")) {
                lines.add(String.format("  %-9s %-4s %7d requests  success %s  p99 %s", version.path("role").asText(),
                        version.path("version").asText(), version.path("requests").asLong(),
                        percent(version.path("successRate")), millis(version.path("latencyP99Millis"))));
            }
        }
        JsonNode verdict = rollout.path("verdict");
        if (verdict.isObject()) {
            lines.add("Verdicts:    " + verdict.path("outcome").asText() + " (judged " + verdict.path("from").asText()
                    + " to " + verdict.path("to").asText() + ")");
            for (JsonNode check : verdict.path("checks")) {
                lines.add("  " + check(check));
            }
        }
        if (decisions != null && decisions.path("items").size() > 0) {
            lines.add("Decisions:");
            JsonNode items = decisions.path("items");
            for (int i = Math.max(0, items.size() - 5); i < items.size(); i++) {
                lines.add("  " + decision(items.get(i)));
            }
        }
        return lines;
    }

    /** One check: outcome, name, e-value against its threshold, and its counts. */
    static String check(JsonNode check) {
        StringBuilder evidence = new StringBuilder();
        check.path("evidence").fields().forEachRemaining(entry -> {
            if (entry.getKey().toLowerCase().contains("requests") || entry.getKey().toLowerCase().contains("errors")
                    || entry.getKey().equals("slow") || entry.getKey().equals("candidateSlow")
                    || entry.getKey().equals("bounds") || entry.getKey().contains("Rate")) {
                evidence.append(' ').append(entry.getKey()).append('=').append(entry.getValue());
            }
        });
        return String.format("%-15s %-11s e=%.4g (decides at %.4g)%s", check.path("outcome").asText(),
                check.path("check").asText(), check.path("statistic").asDouble(), check.path("threshold").asDouble(),
                evidence);
    }

    /** One decision: time, step, action, actor, reason. */
    static String decision(JsonNode decision) {
        String time = decision.path("time").asText();
        return String.format("%s  step %d %s  %-8s %-15s %s", time.length() >= 19 ? time.substring(11, 19) : time,
                decision.path("step").asInt(), decision.path("weights").isObject() ? decision.path("weights")
                        .toString().replace("\"", "") : "", decision.path("action").asText(),
                decision.path("actor").asText(), decision.path("reason").asText(""));
    }

    static String traffic(JsonNode release) {
        JsonNode traffic = release.path("traffic");
        if (traffic.path("weights").isObject()) {
            List<String> parts = new ArrayList<>();
            traffic.path("weights").fields().forEachRemaining(w -> parts.add(w.getKey() + " " + w.getValue().asInt()
                    + "%"));
            return String.join(" / ", parts) + (traffic.path("matches").isArray() ? " + content matches" : "");
        }
        if (traffic.hasNonNull("active")) {
            return "all to " + traffic.path("active").asText();
        }
        return traffic.hasNonNull("mirrorPercent") ? "mirror " + traffic.path("mirrorPercent").asText() + "%"
                : "content matches";
    }

    static String percent(JsonNode rate) {
        return rate.isNumber() ? String.format("%.1f%%", 100 * rate.asDouble()) : "-";
    }

    static String millis(JsonNode value) {
        return value.isNumber() ? String.format("%.1f ms", value.asDouble()) : "-";
    }
}
