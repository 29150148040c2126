package io.graylane.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** KubeSphere's canary tutorial, steps 2, 3, 6 and 7, through release-service and traffic-service. */
class TutorialTest {

    private final Suite suite = Suite.get();
    private final String namespace = "demo-" + UUID.randomUUID().toString().substring(0, 6);
    private final Cluster cluster = new Cluster(suite.kubernetes, namespace);
    private final Api api = new Api(suite, namespace);

    @Test
    void createsSplitsTakesOverAndTakesDownTheOldVersion() {
        cluster.seedTutorial();

        // Step 2: the canary release of reviews, v2 from a new image, 30% of the traffic.
        cluster.holdUnready("reviews-v2");
        api.create(Api.tutorialCanary("canary-release", true)).statusCode(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.deployment("reviews-v2") != null);
        Deployment candidate = cluster.deployment("reviews-v2");
        assertThat(candidate.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("kubesphere/examples-bookinfo-reviews-v2:1.13.0");
        assertThat(candidate.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("version", "v2");
        api.awaitPhase("canary-release", "Progressing");
        assertThat(cluster.weights().get(0)).as("no traffic before the candidate is ready").isEqualTo(
                Map.of("v1", 100));
        cluster.release("reviews-v2");
        api.awaitPhase("canary-release", "Active");
        assertThat(cluster.subsets()).contains("v1", "v2");
        assertThat(cluster.weights().get(0)).isEqualTo(Map.of("v1", 70, "v2", 30));
        api.routing(suite, "reviews").statusCode(200)
                .body("routes[0].destinations.weight", contains(70, 30))
                .body("release.name", equalTo("canary-release"))
                .body("inSync", equalTo(true));

        // Step 3, adjusted: half and half.
        api.traffic("canary-release", "{\"weights\": {\"v1\": 50, \"v2\": 50}}").statusCode(202);
        api.awaitPhase("canary-release", "Active");
        assertThat(cluster.weights().get(0)).isEqualTo(Map.of("v1", 50, "v2", 50));
        api.get("canary-release").body("generation", equalTo(2));

        // Step 6: v2 takes over all traffic.
        api.takeOver("canary-release", "v2").statusCode(202);
        api.awaitPhase("canary-release", "TakenOver");
        assertThat(cluster.weights().get(0)).isEqualTo(Map.of("v2", 100));

        // Step 7: the old version is taken down.
        api.action("canary-release", "offline").statusCode(202);
        api.awaitPhase("canary-release", "Completed");
        assertThat(cluster.deployment("reviews-v1")).isNull();
        assertThat(cluster.subsets()).doesNotContain("v1").contains("v2");
        assertThat(cluster.weights()).as("one route, the user's, to v2").containsExactly(Map.of("v2", 100));
        assertThat(cluster.virtualService().getSpec().getHttp().get(0).getName()).isNull();

        api.history("canary-release").statusCode(200)
                .body("items.action", hasItems("Created", "TrafficChanged", "TakeoverRequested", "OfflineRequested"))
                .body("items.newPhase", contains("Pending", "Progressing", "Active", "Pending", "Active", "Pending",
                        "TakenOver", "Pending", "Completed"))
                .body("items[-1].detail", equalTo("generation 4 applied: v2=100; re-pointed routes unnamed #0"));
    }
}
