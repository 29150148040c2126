package io.graylane.release.events;

import static io.graylane.infra.Api.given;
import static io.graylane.release.Fixtures.create;
import static io.graylane.release.Fixtures.freshNamespace;
import static io.graylane.release.Fixtures.releases;
import static io.graylane.release.Fixtures.tutorialCanary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.graylane.infra.IssuerResource;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.PostgresOutage;
import io.graylane.infra.PostgresResource;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.TopicReader;
import io.graylane.release.TrafficServiceStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A report that arrives while the database is down is a passing failure: it is tried again, never
 * dead-lettered, and the release reaches Active once the database is back.
 */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class DatabaseOutageTest {

    private final String namespace = freshNamespace();

    @Test
    void reportsWaitForTheDatabaseInsteadOfBeingDeadLettered() {
        create(namespace, tutorialCanary("canary", "reviews")).statusCode(201);
        try (TrafficServiceStandIn trafficService = new TrafficServiceStandIn()) {
            try (PostgresOutage outage = PostgresOutage.begin()) {
                trafficService.applied(namespace, "canary", "reviews", 1);
                try (TopicReader dead = new TopicReader(SharedKafka.broker().bootstrapServers(),
                        "graylane.traffic.dead-letter")) {
                    assertThat(dead.settle(r -> r.value().contains(namespace), Duration.ofSeconds(8)))
                            .as("nothing dead-lettered while the database is down").isEmpty();
                }
            }
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().get(releases(namespace) + "/canary")
                    .then().statusCode(200).body("phase", equalTo("Active")));
        }
        try (TopicReader dead = new TopicReader(SharedKafka.broker().bootstrapServers(),
                "graylane.traffic.dead-letter")) {
            assertThat(dead.settle(r -> r.value().contains(namespace), Duration.ofSeconds(2))).isEmpty();
        }
    }
}
