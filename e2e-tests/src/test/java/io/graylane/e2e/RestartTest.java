package io.graylane.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** traffic-service rebuilds what it knows from the topic and the cluster after a restart or a crash. */
class RestartTest {

    private final Suite suite = Suite.get();
    private final String namespace = "restart-" + UUID.randomUUID().toString().substring(0, 6);
    private final Cluster cluster = new Cluster(suite.kubernetes, namespace);
    private final Api api = new Api(suite, namespace);

    @Test
    void completesAReleaseHalfAppliedBeforeACrash() throws Exception {
        cluster.seedTutorial();
        cluster.holdUnready("reviews-v2");
        api.create(Api.tutorialCanary("canary-release")).statusCode(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.deployment("reviews-v2") != null);
        api.awaitPhase("canary-release", "Progressing");

        suite.trafficService.kill();
        api.traffic("canary-release", "{\"weights\": {\"v1\": 40, \"v2\": 60}}").statusCode(202);
        cluster.release("reviews-v2");
        suite.startTrafficService();

        api.awaitPhase("canary-release", "Active");
        assertThat(cluster.weights().get(0)).isEqualTo(Map.of("v1", 40, "v2", 60));
        api.get("canary-release").body("observedGeneration", org.hamcrest.Matchers.equalTo(2));
    }
}
