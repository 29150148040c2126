package io.graylane.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Automated canaries end to end, every service a process of its own: bookinfo-deployer's simulated traffic, a
 * real Prometheus scraping its sidecars, observability-service's judge on Prometheus' numbers publishing
 * verdicts, release-service's driver deciding on them, traffic-service moving the weights in the cluster.
 *
 * <p>Releases here take reviews from v2 to v3 (Bookinfo deployed with all its versions, v3 adopted): both call
 * ratings and do the same work, so a v3 without faults is as healthy as v2 (v1 calls nothing, which makes v2
 * about twice as slow as v1, as in Bookinfo). They use α = 0.05 and a 5-point error margin so that a step is
 * judged within a minute or two at 100 requests a second: at Istio's millisecond buckets few of Bookinfo's
 * requests are slow enough to tell two versions' latencies apart.
 */
class ProgressiveDeliveryTest {

    private static final Duration LONG = Duration.ofMinutes(4);

    private static ObservedMesh mesh;
    private final Suite suite = Suite.get();

    @BeforeAll
    static void startTheMesh() throws Exception {
        mesh = ObservedMesh.start(Suite.get(), "ProgressiveDeliveryTest",
                Map.of("GRAYLANE_ANALYSIS_JUDGE_INTERVAL", "2s", "GRAYLANE_ANALYSIS_SETTLE", "3s"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (mesh != null) {
            mesh.close();
        }
    }

    @Test
    void aHealthyCandidateGoesThroughEveryStepEvenAcrossRestartsAndEndsCompleted() throws Exception {
        Api api = start("\"errorRates\": {\"v2\": 0.005, \"v3\": 0.005}", "[20, 50]", "15s", "3m");
        awaitStep(api, 2);
        await().atMost(LONG).until(() -> steps(api).equals(List.of("start", "advance", "start")));
        JsonPath before = api.get("canary").extract().jsonPath();

        suite.releaseService.kill();
        mesh.observability.kill();
        mesh.startObservability();
        suite.startReleaseService();

        JsonPath after = api.get("canary").statusCode(200).extract().jsonPath();
        assertThat(after.getInt("rolloutStatus.step")).isEqualTo(2);
        assertThat(after.getLong("generation")).isEqualTo(before.getLong("generation"));
        assertThat(after.getString("rolloutStatus.stepStartedAt")).isEqualTo(before.getString(
                "rolloutStatus.stepStartedAt"));
        await().atMost(LONG).untilAsserted(() -> api.get("canary").body("phase", equalTo("Completed"))
                .body("rolloutStatus.state", equalTo("Done")));
        assertThat(steps(api)).containsExactly("start", "advance", "start", "promote", "offline", "complete");
        JsonPath promote = decision(api, "promote");
        assertThat(promote.getString("actor")).isEqualTo("judge");
        assertThat(promote.getList("verdicts.outcome")).containsOnly("PASS");
        assertThat(promote.getList("verdicts.check")).contains("split", "errors", "latency");
        assertThat(decision(api, "advance").getInt("weights.v3")).isEqualTo(20);
        mesh.stopTraffic(api.namespace);
    }

    @Test
    void aCandidateWithFivePercentErrorsIsRolledBackNamingTheErrorCheck() {
        Api api = start("\"errorRates\": {\"v2\": 0.005, \"v3\": 0.05}", "[20, 50]", "15s", "3m");
        await().atMost(LONG).untilAsserted(() -> api.get("canary").body("phase", equalTo("RolledBack"))
                .body("rolloutStatus.state", equalTo("Aborted")));
        JsonPath rollback = lastDecision(api);
        assertThat(rollback.getString("action")).isEqualTo("rollback");
        assertThat(rollback.getString("actor")).isEqualTo("judge");
        assertThat(rollback.getString("reason")).contains("errors");
        Map<String, Object> errors = rollback.getMap("verdicts.find { it.check == 'errors' }");
        assertThat(errors.get("outcome")).isEqualTo("FAIL");
        assertThat(((Number) errors.get("statistic")).doubleValue())
                .isGreaterThanOrEqualTo(((Number) errors.get("threshold")).doubleValue());
        assertThat(rollback.getInt("verdicts.find { it.check == 'errors' }.evidence.candidateErrors"))
                .isGreaterThan(0);
        assertThat(rollback.getList("verdicts.find { it.check == 'errors' }.failingTraces")).isNotEmpty();
        mesh.stopTraffic(api.namespace);
    }

    @Test
    void aCandidateTwiceAsSlowIsRolledBackOnLatency() {
        Api api = start("\"latencyFactors\": {\"v3\": 2}", "[20, 50]", "15s", "3m");
        await().atMost(LONG).untilAsserted(() -> api.get("canary").body("phase", equalTo("RolledBack")));
        JsonPath rollback = lastDecision(api);
        assertThat(rollback.getString("actor")).isEqualTo("judge");
        assertThat(rollback.getString("verdicts.find { it.check == 'latency' }.outcome")).isEqualTo("FAIL");
        mesh.stopTraffic(api.namespace);
    }

    @Test
    void atAFifthOfARequestASecondTheReleasePausesForLackOfDataNeverFails() {
        Api api = start("\"requestsPerSecond\": 0.2", "[20, 50]", "10s", "30s");
        await().atMost(LONG).untilAsserted(() -> api.get("canary").body("rolloutStatus.state", equalTo("Paused")));
        api.get("canary").body("phase", equalTo("Active"))
                .body("rolloutStatus.reason", containsString("NEED_MORE_DATA"));
        assertThat(actions(api)).containsExactly("start", "extend", "pause");
        mesh.stopTraffic(api.namespace);
    }

    private Api start(String traffic, String steps, String min, String max) {
        String namespace = "pd-" + UUID.randomUUID().toString().substring(0, 6);
        mesh.deployBookinfo(namespace, "{\"allVersions\": true}");
        String body = traffic.contains("requestsPerSecond") ? "{" + traffic + ", \"seed\": 11}"
                : "{\"requestsPerSecond\": 100, \"seed\": 11, " + traffic + "}";
        mesh.startTraffic(namespace, body);
        Api api = new Api(suite, namespace);
        api.create("""
                {"name": "canary", "strategy": "CANARY", "service": "reviews",
                 "baseline": {"version": "v2"},
                 "candidate": {"version": "v3", "image": "kubesphere/examples-bookinfo-reviews-v3:1.13.0", "adopt": true},
                 "rollout": {"steps": %s, "minStepDuration": "%s", "maxStepDuration": "%s",
                             "analysis": {"alpha": 0.05, "errorRateMargin": 5}}}
                """.formatted(steps, min, max)).statusCode(201);
        return api;
    }

    private static void awaitStep(Api api, int step) {
        await().atMost(LONG).untilAsserted(() -> api.get("canary").log().ifValidationFails()
                .body("rolloutStatus.step", equalTo(step)));
    }

    private static List<String> actions(Api api) {
        return api.decisions("canary").statusCode(200).extract().jsonPath().getList("items.action", String.class);
    }

    /** The decisions that moved the rollout, without the extensions of a step waiting for evidence. */
    private static List<String> steps(Api api) {
        return actions(api).stream().filter(action -> !action.equals("extend")).toList();
    }

    private static JsonPath decision(Api api, String action) {
        JsonPath decisions = api.decisions("canary").extract().jsonPath();
        return decisions.setRootPath("items.find { it.action == '" + action + "' }");
    }

    private static JsonPath lastDecision(Api api) {
        JsonPath decisions = api.decisions("canary").extract().jsonPath();
        int last = decisions.getList("items").size() - 1;
        return decisions.setRootPath("items[" + last + "]");
    }
}
