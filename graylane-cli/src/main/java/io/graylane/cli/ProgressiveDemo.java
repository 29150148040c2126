package io.graylane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code ./graylane demo --progressive}: automated canaries on the running suite. reviews v2 goes to 10, 25 and
 * 50% and is promoted on the judge's evidence; then v3, which answers 10% of its requests with 500, is rolled back
 * by it. Every decision is printed as it is taken, with the verdicts and counts it stood on.
 */
final class ProgressiveDemo {

    static final String PROMOTED = "progressive-v2";
    static final String ROLLED_BACK = "progressive-v3";
    /**
     * The simulated reviews v2 and v3 call ratings and v1 does not, which makes them about twice as slow as v1 in
     * Bookinfo; the judge would rightly roll v2 back for it. Here they do 30% of their own work, which leaves them
     * no slower than v1, so the first release shows a healthy candidate.
     */
    static final Map<String, Double> LATENCY_FACTORS = Map.of("v2", 0.3, "v3", 0.3);
    static final Map<String, Double> ERROR_RATES = Map.of("v1", 0.005, "v2", 0.005, "v3", 0.10);

    private final Http http;
    private final Services services;
    private final Console console;
    private final Bookinfo bookinfo;
    private final String namespace;
    private final boolean pause;
    private final double rps;
    private final Duration timeout;
    private final Integer seed;

    ProgressiveDemo(Http http, Services services, Console console, String namespace, boolean pause, double rps,
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
        Demo.requireReady(http, services);
        for (String name : new String[] {PROMOTED, ROLLED_BACK}) {
            if (http.send("GET", URI.create(services.releases(namespace) + "/" + name), null).status() == 200) {
                throw new Failure("namespace " + namespace + " already holds the release " + name + " from an"
                        + " earlier run; play it in another namespace (./graylane demo --progressive -n demo-2)");
            }
        }
        Thread stopTraffic = new Thread(() -> http.send("DELETE", services.bookinfoTraffic(namespace), null));
        Runtime.getRuntime().addShutdownHook(stopTraffic);
        title("Bookinfo and its traffic", "Bookinfo with v1 of every service; " + (int) rps + " requests a second,"
                + " reviews answering 500 to 0.5% of them (v3: 10%).");
        bookinfo.deploy(namespace, Map.of("allVersions", false), timeout);
        Map<String, Object> traffic = new LinkedHashMap<>();
        traffic.put("requestsPerSecond", rps);
        traffic.put("errorRates", ERROR_RATES);
        traffic.put("latencyFactors", LATENCY_FACTORS);
        if (seed != null) {
            traffic.put("seed", seed);
        }
        bookinfo.startTraffic(namespace, traffic);
        console.say("  (simulated v2 and v3 do 30% of their own work: as fast as v1 despite their call to ratings)");
        waitForEnter();

        title("reviews v2, promoted step by step", """
                A rollout: 10%, 25% then 50% of the traffic to v2, each step at least 20 s and judged by
                observability-service's canary judge on Istio's metrics in Prometheus (split, errors, latency:
                sequential tests that may be looked at every few seconds and still fail a healthy candidate with
                probability at most 1%). When every check passes, the step advances; after the last one v2 takes
                over and v1 goes offline.""");
        create(PROMOTED, "v1", "v2");
        JsonNode promoted = follow(PROMOTED);
        check("Completed".equals(promoted.path("phase").asText()) && "v2".equals(promoted.path("governor").asText()),
                "v2 promoted: the release Completed, v2 takes all traffic",
                "it ended " + promoted.path("phase").asText() + ": " + promoted.path("rolloutStatus").path("reason"));
        waitForEnter();

        title("reviews v3, which answers 10% errors", """
                The same rollout for v3. Its first step sends it 10% of the traffic; the judge compares its errors
                with v2's as they come and rolls it back as soon as the evidence is strong enough.""");
        create(ROLLED_BACK, "v2", "v3");
        JsonNode rolledBack = follow(ROLLED_BACK);
        JsonNode decisions = http.get(URI.create(services.releases(namespace) + "/" + ROLLED_BACK + "/decisions"));
        JsonNode last = decisions.path("items").get(decisions.path("items").size() - 1);
        check("RolledBack".equals(rolledBack.path("phase").asText()) && "rollback".equals(last.path("action").asText())
                && "judge".equals(last.path("actor").asText()) && last.path("reason").asText().contains("errors"),
                "v3 rolled back by the judge on its errors, all traffic back to v2",
                "it ended " + rolledBack.path("phase").asText() + "; last decision " + last);
        Runtime.getRuntime().removeShutdownHook(stopTraffic);
        http.send("DELETE", services.bookinfoTraffic(namespace), null);
        console.say("\nThe automated canary is done: v2 promoted on evidence, v3 rolled back on evidence.");
    }

    private void create(String name, String baseline, String candidate) {
        Map<String, Object> release = new LinkedHashMap<>();
        release.put("name", name);
        release.put("strategy", "CANARY");
        release.put("service", "reviews");
        release.put("baseline", Map.of("version", baseline));
        release.put("candidate", Map.of("version", candidate, "image", "kubesphere/examples-bookinfo-reviews-"
                + candidate + ":1.13.0", "replicas", 1));
        release.put("rollout", Map.of("steps", java.util.List.of(10, 25, 50), "minStepDuration", "20s",
                "maxStepDuration", "5m", "promotion", "AUTO"));
        http.post(services.releases(namespace), release, 201);
        console.say("  created " + name + ": " + baseline + " -> " + candidate + ", steps [10, 25, 50]");
    }

    /** Prints each decision as it is taken, until the release ends; its last state. */
    private JsonNode follow(String name) {
        URI release = URI.create(services.releases(namespace) + "/" + name);
        long deadline = System.nanoTime() + timeout.toNanos();
        int shown = 0;
        String shownState = "";
        while (true) {
            JsonNode decisions = http.get(URI.create(release + "/decisions")).path("items");
            for (; shown < decisions.size(); shown++) {
                JsonNode decision = decisions.get(shown);
                console.say("  " + Releases.decision(decision));
                if (!decision.path("verdicts").isEmpty()) {
                    decision.path("verdicts").forEach(check -> console.say("        " + Releases.check(check)));
                }
            }
            JsonNode state = http.get(release);
            if (Releases.ENDED.contains(state.path("phase").asText())
                    && state.path("observedGeneration").asLong() == state.path("generation").asLong()) {
                return state;
            }
            if (System.nanoTime() > deadline) {
                throw new Failure(name + " did not end within " + timeout.toSeconds() + " s: "
                        + state.path("phase").asText() + ", rollout " + state.path("rolloutStatus").path("state")
                        + ": " + state.path("rolloutStatus").path("reason").asText());
            }
            JsonNode verdict = state.path("rolloutStatus").path("verdict");
            String now = "  step " + state.path("rolloutStatus").path("step").asInt() + " " + Releases.traffic(state)
                    + "  judge: " + verdict.path("outcome").asText("waiting") + "  " + verdictLine(verdict);
            if (!now.equals(shownState)) {
                console.progress(now);
                shownState = now;
            }
            Bookinfo.sleep(Duration.ofSeconds(2));
        }
    }

    private static String verdictLine(JsonNode verdict) {
        StringBuilder line = new StringBuilder();
        verdict.path("checks").forEach(check -> line.append(check.path("check").asText()).append(' ')
                .append(check.path("outcome").asText()).append("  "));
        return line.toString().strip();
    }

    private void title(String title, String explanation) {
        console.say("\n== " + title + " ==");
        console.say(explanation.strip());
    }

    private void check(boolean holds, String what, String otherwise) {
        if (!holds) {
            throw new Failure("expected " + what + "; " + otherwise);
        }
        console.say("  OK  " + what);
    }

    private void waitForEnter() {
        if (pause) {
            Demo.waitForEnter(console);
        }
    }
}
