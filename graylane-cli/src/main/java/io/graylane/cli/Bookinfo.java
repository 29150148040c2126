package io.graylane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** {@code ./graylane bookinfo deploy|status|undeploy|traffic -n NAMESPACE}: bookinfo-deployer's API. */
final class Bookinfo {

    /** As long as a watch lasts when only the run's end (or Ctrl-C) stops it. */
    private static final Duration UNTIL_IT_ENDS = Duration.ofDays(365);

    private final Http http;
    private final Services services;
    private final Console console;

    Bookinfo(Http http, Services services, Console console) {
        this.http = http;
        this.services = services;
        this.console = console;
    }

    /** Deploys, then waits until every workload is ready, showing which are. */
    JsonNode deploy(String namespace, Map<String, Object> body, Duration timeout) {
        JsonNode deployed = http.post(services.bookinfo(namespace), body, 200);
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JsonNode change : deployed.path("changes")) {
            counts.merge(change.path("action").asText(), 1, Integer::sum);
        }
        console.say("Bookinfo in " + namespace + ": " + (counts.isEmpty() ? "already as asked, nothing changed"
                : counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                        .reduce((a, b) -> a + ", " + b).orElseThrow() + " object(s)"));
        JsonNode status = waitFor(() -> http.get(services.bookinfo(namespace)),
                now -> now.path("ready").asBoolean(), timeout, Bookinfo::readiness,
                "Bookinfo's workloads were not all ready");
        printStatus(status);
        return status;
    }

    void printStatus(JsonNode status) {
        console.say(String.format("namespace %s  generation %d  sidecar injection %s  %s",
                status.path("namespace").asText(), status.path("generation").asLong(),
                status.path("sidecarInjection").asBoolean() ? "on" : "OFF",
                status.path("ready").asBoolean() ? "READY" : "NOT READY"));
        console.say(String.format("  %-16s %-7s %-5s %-8s %-54s %s", "WORKLOAD", "VERSION", "READY", "MADE BY",
                "IMAGE", ""));
        for (JsonNode workload : status.path("workloads")) {
            console.say(String.format("  %-16s %-7s %d/%-3d %-8s %s", workload.path("name").asText(),
                    workload.path("version").asText(), workload.path("ready").asInt(),
                    workload.path("desired").asInt(), madeBy(workload.path("managedBy").asText()),
                    workload.path("image").asText()));
        }
        List<String> routing = new ArrayList<>();
        status.path("routing").forEach(object -> routing.add(object.asText()));
        console.say("  Istio: " + (routing.isEmpty() ? "none" : String.join(", ", routing)));
    }

    void undeploy(String namespace) {
        JsonNode removed = http.delete(services.bookinfo(namespace));
        console.say("Bookinfo removed from " + namespace + ": " + removed.path("changes").size()
                + " object(s) deleted; the namespace stays");
    }

    /** What a traffic run is asked for; every field may be null. */
    record TrafficOptions(Double rps, Integer durationSeconds, String url, Map<String, Double> errorRates,
            Map<String, Double> latencyFactors, Integer seed, boolean detach) {
    }

    /** Starts traffic and shows its live tally until it ends (Ctrl-C stops it), or leaves it running. */
    void traffic(String namespace, TrafficOptions options) {
        Map<String, Object> body = new LinkedHashMap<>();
        putIfGiven(body, "requestsPerSecond", options.rps());
        putIfGiven(body, "durationSeconds", options.durationSeconds());
        putIfGiven(body, "productpageUrl", options.url());
        putIfGiven(body, "seed", options.seed());
        putIfGiven(body, "errorRates", options.errorRates());
        putIfGiven(body, "latencyFactors", options.latencyFactors());
        JsonNode run = startTraffic(namespace, body);
        if (options.detach()) {
            console.say("running in the background; ./graylane bookinfo traffic -n " + namespace
                    + " --stop ends it");
            return;
        }
        Thread stopper = new Thread(() -> {
            console.endProgress();
            http.send("DELETE", services.bookinfoTraffic(namespace), null);
        });
        Runtime.getRuntime().addShutdownHook(stopper);
        run = watchTraffic(namespace, UNTIL_IT_ENDS, "");
        Runtime.getRuntime().removeShutdownHook(stopper);
        console.say("done; " + tally(run));
    }

    void stopTraffic(String namespace) {
        console.say("stopped; " + tally(http.delete(services.bookinfoTraffic(namespace))));
    }

    /**
     * Shows the live tally every second, {@code indent} before it, until the run ends or {@code atMost} has
     * passed (at least one look); the run's last state.
     */
    JsonNode watchTraffic(String namespace, Duration atMost, String indent) {
        long end = System.nanoTime() + Math.max(0, atMost.toNanos());
        JsonNode run;
        do {
            sleep(Duration.ofSeconds(1));
            run = http.get(services.bookinfoTraffic(namespace));
            console.progress(indent + tally(run));
        } while (System.nanoTime() < end && run.path("running").asBoolean());
        console.endProgress();
        return run;
    }

    /** Starts a run and says what kind: real requests or a simulation. */
    JsonNode startTraffic(String namespace, Map<String, Object> body) {
        JsonNode run = http.post(services.bookinfoTraffic(namespace), body, 201);
        boolean simulated = "simulated".equals(run.path("mode").asText());
        console.say((simulated ? "SIMULATED traffic (no pod runs on the local stand-in): " : "traffic: ")
                + run.path("requestsPerSecond").asDouble() + " requests/s "
                + (simulated ? "routed as the VirtualService says, spans to " : "to ") + run.path("target").asText()
                + (run.path("endsAt").isNull() ? "" : ", until " + run.path("endsAt").asText()));
        if (run.hasNonNull("note")) {
            console.say("  " + run.path("note").asText());
        }
        return run;
    }

    /** The tally as one line: requests, then per reviews version its share and its last ten seconds. */
    static String tally(JsonNode run) {
        JsonNode tally = run.path("tally");
        StringBuilder line = new StringBuilder().append(tally.path("requests").asLong()).append(" requests");
        tally.path("versions").fields().forEachRemaining(version -> line.append(String.format("  reviews %s %s %.0f%%"
                + " (last 10 s: %d)", version.getKey(), stars(version.getKey()),
                100 * version.getValue().path("share").asDouble(),
                version.getValue().path("lastTenSeconds").asLong())));
        tally.path("mirrored").fields().forEachRemaining(mirror -> line.append("  mirrored to ")
                .append(mirror.getKey()).append(": ").append(mirror.getValue().asLong()));
        if (tally.path("failures").asLong() > 0) {
            line.append("  failures ").append(tally.path("failures").asLong()).append(" (last: ")
                    .append(tally.path("lastFailure").asText()).append(')');
        }
        if (tally.hasNonNull("lastSendFailure")) {
            line.append("  SPANS NOT SENT: ").append(tally.path("lastSendFailure").asText());
        }
        return line.toString();
    }

    /** Who made a workload, short: the deployer, a release (traffic-service), or someone else. */
    private static String madeBy(String managedBy) {
        return switch (managedBy) {
            case "graylane-bookinfo-deployer" -> "deployer";
            case "graylane" -> "release";
            case "" -> "-";
            default -> managedBy;
        };
    }

    /**
     * What the page shows for a reviews version (Bookinfo's v1: no stars, v2: black, v3: red); the tally's
     * {@code none} counts pages where reviews failed.
     */
    static String stars(String version) {
        return switch (version) {
            case "v1" -> "(no stars)";
            case "v2" -> "(black stars)";
            case "v3" -> "(red stars)";
            case "none" -> "(no reviews on the page: they failed)";
            default -> "";
        };
    }

    private static String readiness(JsonNode status) {
        int ready = 0;
        List<String> waiting = new ArrayList<>();
        for (JsonNode workload : status.path("workloads")) {
            if (workload.path("ready").asInt() >= workload.path("desired").asInt()) {
                ready++;
            } else {
                waiting.add(workload.path("name").asText() + " " + workload.path("ready").asInt() + "/"
                        + workload.path("desired").asInt());
            }
        }
        return "ready " + ready + "/" + status.path("workloads").size()
                + (waiting.isEmpty() ? "" : "; waiting for " + String.join(", ", waiting));
    }

    /** Polls every second until {@code done}, showing {@code describe} of each state; fails after the timeout. */
    JsonNode waitFor(Supplier<JsonNode> poll, Predicate<JsonNode> done, Duration timeout,
            Function<JsonNode, String> describe, String failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode state = poll.get();
        while (!done.test(state)) {
            console.progress(describe.apply(state));
            if (System.nanoTime() > deadline) {
                console.endProgress();
                throw new Failure(failure + " after " + timeout.toSeconds() + " s: " + describe.apply(state));
            }
            sleep(Duration.ofSeconds(1));
            state = poll.get();
        }
        console.progress(describe.apply(state));
        console.endProgress();
        return state;
    }

    private static void putIfGiven(Map<String, Object> body, String field, Object value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }
}
