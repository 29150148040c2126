package io.graylane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * KubeSphere's canary tutorial played on the running suite, step by step, each step checked: Bookinfo,
 * the canary release of reviews v2 with 30% of the traffic, traffic, the observed split, topology, metrics
 * and a trace, take-over, job offline and the final state.
 */
final class Demo {

    static final String RELEASE = "canary-release";
    static final String CANDIDATE_IMAGE = "kubesphere/examples-bookinfo-reviews-v2:1.13.0";
    /** observability-service keeps its metrics in ten-second windows. */
    static final long WINDOW_MILLIS = 10_000;

    private final Http http;
    private final Services services;
    private final Console console;
    private final Bookinfo bookinfo;
    private final String namespace;
    private final boolean pause;
    private final double rps;
    private final Duration timeout;
    private final Integer seed;
    private int step;
    private Instant trafficSince;

    Demo(Http http, Services services, Console console, String namespace, boolean pause, double rps,
            Duration timeout, Integer seed) {
        this.http = http;
        this.services = services;
        this.console = console;
        this.bookinfo = new Bookinfo(http, services, console);
        this.namespace = namespace;
        this.pause = pause;
        this.rps = rps;
        this.timeout = timeout;
        this.seed = seed;
    }

    void play() {
        preflight();
        Thread stopTraffic = new Thread(() -> http.send("DELETE", services.bookinfoTraffic(namespace), null));
        Runtime.getRuntime().addShutdownHook(stopTraffic);
        step("Deploy Bookinfo", """
                Istio's sample: productpage calls details and reviews; reviews v2 and v3 call ratings. The
                tutorial starts from version v1 of every service, so the page shows reviews without stars, and a
                VirtualService sends every request for reviews to v1.""", this::deployBookinfo);
        step("Create the canary release", """
                Release reviews v2 from image %s next to v1 and send it 30%% of the traffic.
                traffic-service creates the reviews-v2 Deployment, adds subset v2 to the DestinationRule, waits
                for it to be available, then writes the 70/30 split into the VirtualService.""".formatted(CANDIDATE_IMAGE),
                this::createCanary);
        step("Send traffic", """
                The tutorial's curl loop against the product page. The page shows which reviews version answered:
                v1 no stars, v2 black stars.""", this::sendTraffic);
        step("Observed split against the weights", """
                observability-service counts the requests each version received (Istio's metrics in Prometheus,
                or the mesh's spans) and tests them against the weights applied: Pearson's chi-square at 1%.""", this::split);
        step("Topology", "Who called whom, per version, with request rates and errors (Kiali's graph).",
                this::topology);
        step("Per-version metrics", "The tutorial's Success rate, Traffic and Duration, for v1 and v2.",
                this::metrics);
        step("One trace", "A request's spans through the mesh, with the version and pod of each.", this::trace);
        step("Take over", "v2 looks fine: send it all the traffic.", this::takeOver);
        step("Job offline", """
                Take down the old version: the reviews-v1 Deployment and subset go, every route to v1 now goes
                to v2, and the release is Completed.""", this::offline);
        Runtime.getRuntime().removeShutdownHook(stopTraffic);
        console.say("\nThe tutorial is done: every step reached the state it should.");
    }

    private void preflight() {
        requireReady(http, services);
        Http.Answer existing = http.send("GET", URI.create(services.releases(namespace) + "/" + RELEASE), null);
        if (existing.status() == 200) {
            throw new Failure("namespace " + namespace + " already holds the release " + RELEASE + " (phase "
                    + existing.body().path("phase").asText() + ") from an earlier run. Play the demo in another "
                    + "namespace (./graylane demo -n demo-project-2) or start over (./graylane down --purge && "
                    + "./graylane up).");
        }
    }

    /** Every service answers ready, or a failure naming the first that does not. */
    static void requireReady(Http http, Services services) {
        Map<String, URI> health = new LinkedHashMap<>();
        health.put("release-service", services.release());
        health.put("traffic-service", services.traffic());
        health.put("observability-service", services.observability());
        health.put("bookinfo-deployer", services.bookinfo());
        health.forEach((name, url) -> {
            Http.Answer answer = http.send("GET", URI.create(url + "/q/health/ready"), null);
            if (answer.status() != 200) {
                throw new Failure(name + " at " + url + " is not ready (" + answer.status() + "); see ./graylane "
                        + "status and ./graylane logs " + name);
            }
        });
    }

    private void deployBookinfo() {
        JsonNode status = bookinfo.deploy(namespace, Map.of("allVersions", false), timeout);
        Set<String> workloads = names(status.path("workloads"));
        check(workloads.containsAll(Set.of("productpage-v1", "details-v1", "ratings-v1", "reviews-v1")),
                "Bookinfo's v1 workloads are all there", "missing workloads: " + workloads);
        JsonNode routing = http.get(services.routing(namespace, "reviews"));
        showRouting(routing);
        check(served(routing).equals(Set.of("v1")), "every request for reviews goes to v1",
                "reviews routes to " + served(routing));
    }

    private void createCanary() {
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("name", RELEASE);
        release.put("strategy", "CANARY");
        release.put("service", "reviews");
        release.put("baseline", Map.of("version", "v1"));
        release.put("candidate", Map.of("version", "v2", "image", CANDIDATE_IMAGE, "replicas", 1));
        // The tutorial's "job offline" takes the old version down; reviews-v1 was deployed by bookinfo-deployer,
        // not by the release, so without this Graylane would only scale it to zero.
        release.put("removeBaseline", true);
        release.put("traffic", Map.of("weights", Map.of("v1", 70, "v2", 30)));
        http.post(services.releases(namespace), release, 201);
        console.say("POST " + services.releases(namespace) + " -> 201, phase Pending");
        awaitPhase("Active");
        JsonNode routing = http.get(services.routing(namespace, "reviews"));
        showRouting(routing);
        check(weights(routing.path("routes").path(0)).equals(Map.of("v1", 70, "v2", 30)),
                "the VirtualService's route to reviews sends 70% to v1 and 30% to v2",
                "first route: " + routing.path("routes").path(0));
        JsonNode status = http.get(services.bookinfo(namespace));
        bookinfo.printStatus(status);
        check(names(status.path("workloads")).contains("reviews-v2"), "reviews-v2 runs next to reviews-v1",
                "no reviews-v2 Deployment");
    }

    private void sendTraffic() {
        trafficSince = Instant.now();
        Map<String, Object> traffic = new LinkedHashMap<>();
        traffic.put("requestsPerSecond", rps);
        if (seed != null) {
            traffic.put("seed", seed);
        }
        bookinfo.startTraffic(namespace, traffic);
        JsonNode run = bookinfo.watchTraffic(namespace, Duration.ofSeconds(20), "  ");
        long requests = run.path("tally").path("requests").asLong();
        JsonNode versions = run.path("tally").path("versions");
        check(versions.path("v1").path("requests").asLong() > 0 && versions.path("v2").path("requests").asLong() > 0,
                requests + " requests, answered by v1 and by v2", "versions seen: " + versions);
    }

    private void split() {
        JsonNode split = judgeSplit(trafficSince, Instant.now());
        if ("DOES_NOT_MATCH".equals(split.path("verdict").asText())) {
            // At the 1% level, a right split is judged wrong once in a hundred windows: look at fresh traffic.
            console.say("  A split this far from the weights happens by chance about once in 100 windows. Judging "
                    + "the next 20 s on their own: a chance deviation does not repeat, a wrong split does.");
            long from = ceil(System.currentTimeMillis());
            watchWindows(from, 2);
            split = judgeSplit(Instant.ofEpochMilli(from), Instant.ofEpochMilli(from + 2 * WINDOW_MILLIS));
        }
        check("MATCHES".equals(split.path("verdict").asText()), "the observed split MATCHES the 70/30 weights",
                "the verdict is " + split.path("verdict").asText() + ". " + noSpansHint());
    }

    private JsonNode judgeSplit(Instant from, Instant to) {
        JsonNode analysis = comparison(from, to).path("analysis");
        showVersions(analysis.path("versions"));
        JsonNode split = analysis.path("split");
        console.say("  expected shares " + split.path("expected") + ", observed requests " + split.path("observed"));
        console.say("  " + split.path("detail").asText());
        return split;
    }

    private void topology() {
        JsonNode graph = http.get(services.observability("/api/v1/namespaces/" + namespace + "/graph?window="
                + secondsSince(trafficSince) + "s"));
        Map<String, String> nodes = new LinkedHashMap<>();
        for (JsonNode node : graph.path("elements").path("nodes")) {
            JsonNode data = node.path("data");
            nodes.put(data.path("id").asText(), data.path("app").asText() + (data.hasNonNull("version")
                    ? " " + data.path("version").asText() : ""));
        }
        Set<String> edges = new TreeSet<>();
        for (JsonNode edge : graph.path("elements").path("edges")) {
            JsonNode data = edge.path("data");
            String line = nodes.get(data.path("source").asText()) + " -> " + nodes.get(data.path("target").asText());
            edges.add(line);
            JsonNode http = data.path("traffic").path("rates");
            console.say(String.format("  %-34s %s req/s, %s%% errors", line, http.path("http").asText("?"),
                    http.path("httpPercentErr").asText("0")));
        }
        List<String> expected = List.of("productpage v1 -> details v1", "productpage v1 -> reviews v1",
                "productpage v1 -> reviews v2", "reviews v2 -> ratings v1");
        check(edges.containsAll(expected), "the graph has productpage -> details, productpage -> reviews v1 and "
                + "v2, reviews v2 -> ratings", "edges: " + edges + ". " + noSpansHint());
    }

    private void metrics() {
        JsonNode metrics = http.get(services.observability("/api/v1/namespaces/" + namespace
                + "/services/reviews/metrics?window=" + secondsSince(trafficSince) + "s"));
        Set<String> seen = new TreeSet<>();
        console.say("  from " + metrics.path("source").asText() + ": " + metrics.path("sourceNote").asText());
        for (JsonNode version : metrics.path("versions")) {
            JsonNode stats = version.path("stats");
            JsonNode latency = stats.path("latency");
            console.say(String.format("  reviews %-3s success %s  traffic %6.2f req/s  duration p50 %s, p95 %s, "
                    + "p99 %s  pods %s", version.path("version").asText(), percent(stats.path("successRate")),
                    stats.path("requestsPerSecond").asDouble(), millis(latency.path("p50")),
                    millis(latency.path("p95")), millis(latency.path("p99")), version.path("pods")));
            if (stats.path("requests").asLong() > 0) {
                seen.add(version.path("version").asText());
            }
        }
        check(seen.containsAll(Set.of("v1", "v2")), "metrics for v1 and v2",
                "versions with requests: " + seen + ". " + noSpansHint());
    }

    private void trace() {
        long end = System.currentTimeMillis() * 1000;
        JsonNode traces = http.get(services.observability("/api/traces?service=reviews." + namespace + "&limit=20"
                + "&start=" + trafficSince.toEpochMilli() * 1000 + "&end=" + end));
        JsonNode chosen = null;
        for (JsonNode trace : traces.path("data")) {
            if (chosen == null || trace.path("spans").size() > chosen.path("spans").size()) {
                chosen = trace;
            }
        }
        if (chosen == null) {
            throw failed("a trace through reviews", "none found. " + noSpansHint());
        }
        console.say("  trace " + chosen.path("traceID").asText() + " (" + services.observability("/api/traces/"
                + chosen.path("traceID").asText()) + ")");
        List<JsonNode> spans = new ArrayList<>();
        chosen.path("spans").forEach(spans::add);
        spans.sort((a, b) -> Long.compare(a.path("startTime").asLong(), b.path("startTime").asLong()));
        long start = spans.get(0).path("startTime").asLong();
        for (JsonNode span : spans) {
            Map<String, String> tags = new LinkedHashMap<>();
            span.path("tags").forEach(tag -> tags.put(tag.path("key").asText(), tag.path("value").asText()));
            String service = chosen.path("processes").path(span.path("processID").asText()).path("serviceName").asText();
            console.say(String.format("  +%6.1f ms %8.1f ms  %-26s %-6s %-5s %s", (span.path("startTime").asLong()
                    - start) / 1000.0, span.path("duration").asLong() / 1000.0, service,
                    tags.getOrDefault("span.kind", ""), tags.getOrDefault("http.status_code", ""),
                    tags.getOrDefault("node_id", "").replaceAll("^sidecar~[^~]*~", "pod ").replaceAll("~.*$", "")));
        }
        check(spans.size() >= 4, spans.size() + " spans, each with its pod", "only " + spans.size() + " spans");
    }

    private void takeOver() {
        http.post(URI.create(services.releases(namespace) + "/" + RELEASE + "/takeover"), Map.of("version", "v2"),
                202);
        awaitPhase("TakenOver");
        Instant takenOver = Instant.now();
        JsonNode routing = http.get(services.routing(namespace, "reviews"));
        showRouting(routing);
        check(served(routing).equals(Set.of("v2")), "every request for reviews goes to v2",
                "reviews routes to " + served(routing));
        // Judge only whole ten-second windows that began after the change was applied.
        long from = ceil(takenOver.toEpochMilli() + 2_000);
        console.say("  collecting traffic after the take-over ...");
        JsonNode run = watchWindows(from, 1);
        JsonNode versions = run.path("tally").path("versions");
        check(versions.path("v1").path("lastTenSeconds").asLong() == 0, "no request reached v1 in the last 10 s",
                "v1 answered " + versions.path("v1").path("lastTenSeconds") + " requests in the last 10 s");
        long to = System.currentTimeMillis() / WINDOW_MILLIS * WINDOW_MILLIS;
        JsonNode split = comparison(Instant.ofEpochMilli(from), Instant.ofEpochMilli(to)).path("analysis")
                .path("split");
        console.say("  observed requests since the take-over " + split.path("observed") + ": "
                + split.path("detail").asText());
        check("MATCHES".equals(split.path("verdict").asText()) && split.path("observed").path("v1").asLong() == 0,
                "the observed split is 100% v2", "the verdict is " + split.path("verdict").asText() + ". "
                        + noSpansHint());
    }

    private void offline() {
        http.post(URI.create(services.releases(namespace) + "/" + RELEASE + "/offline"), null, 202);
        awaitPhase("Completed");
        console.say("stopped traffic; " + Bookinfo.tally(http.delete(services.bookinfoTraffic(namespace))));
        JsonNode status = http.get(services.bookinfo(namespace));
        bookinfo.printStatus(status);
        check(!names(status.path("workloads")).contains("reviews-v1")
                && names(status.path("workloads")).contains("reviews-v2"), "reviews-v1 is gone, reviews-v2 stays",
                "workloads: " + names(status.path("workloads")));
        JsonNode routing = http.get(services.routing(namespace, "reviews"));
        showRouting(routing);
        check(routing.path("routes").size() == 1 && destinations(routing).equals(Set.of("v2"))
                && routing.path("routes").path(0).path("name").isMissingNode()
                && !names(routing.path("subsets")).contains("v1"),
                "the VirtualService holds one route, to v2, and nothing of the release's; subset v1 is gone",
                "routing: " + routing);
        JsonNode history = http.get(URI.create(services.releases(namespace) + "/" + RELEASE + "/history"));
        console.say("  history of " + RELEASE + ":");
        for (JsonNode entry : history.path("items")) {
            console.say(String.format("    %s  gen %d  %-18s %-11s -> %-11s %s", entry.path("time").asText(),
                    entry.path("generation").asLong(), entry.path("action").asText(),
                    entry.path("previousPhase").asText("-"), entry.path("newPhase").asText("-"),
                    entry.path("detail").asText("")));
        }
        check(history.path("items").size() > 0, "release " + RELEASE + " is Completed, its history above", "");
    }

    /** Waits until the release is in {@code phase} with its newest generation applied. */
    private void awaitPhase(String phase) {
        URI release = URI.create(services.releases(namespace) + "/" + RELEASE);
        JsonNode state = bookinfo.waitFor(() -> http.get(release),
                now -> phase.equals(now.path("phase").asText())
                        && now.path("observedGeneration").asLong() == now.path("generation").asLong(),
                timeout, now -> "release " + RELEASE + ": phase " + now.path("phase").asText() + ", generation "
                        + now.path("generation").asLong() + ", applied " + now.path("observedGeneration").asLong()
                        + reason(now), "the release did not reach phase " + phase);
        ok("release " + RELEASE + " is " + state.path("phase").asText());
    }

    private static String reason(JsonNode release) {
        for (JsonNode condition : release.path("conditions")) {
            if ("False".equals(condition.path("status").asText()) && condition.hasNonNull("message")) {
                return " (" + condition.path("message").asText() + ")";
            }
        }
        return "";
    }

    /** Watches the traffic until {@code windows} whole ten-second windows from {@code from} are over. */
    private JsonNode watchWindows(long from, int windows) {
        return bookinfo.watchTraffic(namespace, Duration.ofMillis(from + windows * WINDOW_MILLIS + 1_000
                - System.currentTimeMillis()), "  ");
    }

    private JsonNode comparison(Instant from, Instant to) {
        long seconds = Math.max(1, Duration.between(from, to).toSeconds());
        return http.get(services.observability("/api/v1/namespaces/" + namespace + "/releases/" + RELEASE
                + "/comparison?window=" + seconds + "s&end=" + to.toEpochMilli()));
    }

    private void showVersions(JsonNode versions) {
        for (JsonNode version : versions) {
            console.say(String.format("  %-9s reviews %-3s %5d requests  success %s  p50 %s  p95 %s  p99 %s",
                    version.path("role").asText(), version.path("version").asText(), version.path("requests").asLong(),
                    percent(version.path("successRate")), millis(version.path("latencyP50Millis")),
                    millis(version.path("latencyP95Millis")), millis(version.path("latencyP99Millis"))));
        }
    }

    /** A share as a percentage, or "-" where there were no requests to take it from. */
    private static String percent(JsonNode share) {
        return share.isNumber() ? String.format("%5.1f%%", 100 * share.asDouble()) : "    -";
    }

    private static String millis(JsonNode value) {
        return value.isNumber() ? value.asText() + " ms" : "-";
    }

    private void showRouting(JsonNode routing) {
        for (JsonNode route : routing.path("routes")) {
            List<String> to = new ArrayList<>();
            for (JsonNode destination : route.path("destinations")) {
                to.add(destination.path("subset").asText() + (destination.has("weight")
                        ? " " + destination.path("weight").asInt() + "%" : ""));
            }
            console.say("  VirtualService reviews, route " + route.path("name").asText("(unnamed)")
                    + (route.has("match") ? " (with matches)" : "") + ": " + String.join(", ", to));
        }
    }

    /** The subsets any route sends traffic to. */
    private static Set<String> destinations(JsonNode routing) {
        Set<String> subsets = new TreeSet<>();
        for (JsonNode route : routing.path("routes")) {
            weights(route).keySet().forEach(subsets::add);
        }
        return subsets;
    }

    /** The subsets requests can reach: routes are tried in order, and one without matches takes every request. */
    private static Set<String> served(JsonNode routing) {
        Set<String> subsets = new TreeSet<>();
        for (JsonNode route : routing.path("routes")) {
            weights(route).keySet().forEach(subsets::add);
            if (!route.has("match")) {
                break;
            }
        }
        return subsets;
    }

    private static Map<String, Integer> weights(JsonNode route) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (JsonNode destination : route.path("destinations")) {
            weights.put(destination.path("subset").asText(), destination.path("weight").asInt(100));
        }
        return weights;
    }

    private static Set<String> names(JsonNode items) {
        Set<String> names = new TreeSet<>();
        items.forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    private String noSpansHint() {
        return "On a real cluster, is Istio's tracing sent to observability-service (README, 'Topology, metrics "
                + "and traces')?";
    }

    private void step(String title, String explanation, Runnable action) {
        step++;
        console.say("\n== Step " + step + ": " + title + " ==");
        console.say(explanation.strip());
        action.run();
        if (pause) {
            waitForEnter(console);
        }
    }

    /** Waits until the person at the terminal presses Enter. */
    static void waitForEnter(Console console) {
        console.say("[Enter to go on]");
        try {
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new Failure("cannot read the terminal: " + e.getMessage());
        }
    }

    private void check(boolean holds, String what, String otherwise) {
        if (!holds) {
            throw failed(what, otherwise);
        }
        ok(what);
    }

    private void ok(String what) {
        console.say("  OK  " + what);
    }

    private Failure failed(String what, String otherwise) {
        return new Failure("step " + step + " failed: expected " + what + "; " + otherwise);
    }

    private static long secondsSince(Instant instant) {
        return Math.max(1, Duration.between(instant, Instant.now()).toSeconds() + 1);
    }

    private static long ceil(long millis) {
        return (millis + WINDOW_MILLIS - 1) / WINDOW_MILLIS * WINDOW_MILLIS;
    }
}
