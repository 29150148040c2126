package io.graylane.release.api;

import static io.graylane.release.Fixtures.create;
import static io.graylane.release.Fixtures.freshNamespace;
import static io.graylane.release.Fixtures.releases;
import static io.graylane.release.Fixtures.tutorialCanary;
import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graylane.infra.IssuerResource;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Races between requests: the database, not a check in code, decides who wins. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class ConcurrencyTest {

    private static final int RACERS = 8;

    private final String namespace = freshNamespace();

    @Inject
    DataSource dataSource;

    @Test
    void onlyOneOfManySimultaneousReleasesOfAServiceIsAccepted() throws Exception {
        List<Integer> statuses = race(i -> create(namespace, tutorialCanary("canary-" + i, "reviews"))
                .extract().statusCode());

        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(RACERS - 1);
        assertThat(given().get(releases(namespace)).then().extract().<List<?>>path("items")).hasSize(1);
    }

    @Test
    void theDatabaseItselfRefusesASecondReleaseInProgress() {
        create(namespace, tutorialCanary("first", "reviews")).statusCode(201);

        assertThatThrownBy(() -> insertReleaseBehindTheApisBack("second", "reviews"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("releases_one_in_progress_per_service");
    }

    @Test
    void simultaneousChangesWithTheSameIfMatchLetExactlyOneWin() throws Exception {
        create(namespace, tutorialCanary("canary", "reviews")).statusCode(201);

        List<Integer> statuses = race(i -> given().contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body("{\"weights\": {\"v1\": " + (90 - i) + ", \"v2\": " + (10 + i) + "}}")
                .put(releases(namespace) + "/canary/traffic").then().extract().statusCode());

        assertThat(statuses).filteredOn(status -> status == 202).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 412).hasSize(RACERS - 1);
        assertThat(given().get(releases(namespace) + "/canary").then().extract().<Integer>path("generation"))
                .isEqualTo(2);
    }

    @Test
    void simultaneousChangesWithoutIfMatchAreAllAppliedOneAfterTheOther() throws Exception {
        create(namespace, tutorialCanary("canary", "reviews")).statusCode(201);

        List<Integer> statuses = race(i -> given().contentType(ContentType.JSON)
                .body("{\"weights\": {\"v1\": " + (90 - i) + ", \"v2\": " + (10 + i) + "}}")
                .put(releases(namespace) + "/canary/traffic").then().extract().statusCode());

        assertThat(statuses).as("statuses %s", statuses).allMatch(status -> status == 202);
        long applied = statuses.stream().filter(status -> status == 202).count();
        assertThat(given().get(releases(namespace) + "/canary").then().extract().<Integer>path("generation"))
                .isEqualTo(1 + (int) applied);
        assertThat(given().get(releases(namespace) + "/canary/history").then().extract().<List<?>>path("items"))
                .hasSize(1 + (int) applied);
    }

    private void insertReleaseBehindTheApisBack(String name, String service) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO releases (namespace, name, service, strategy, baseline, candidate, traffic, phase,
                            intent, generation, observed_generation, conditions, created_at, updated_at, version)
                        VALUES (?, ?, ?, 'CANARY', '{}', '{}', '{}', 'Pending', 'SPLIT', 1, 0, '[]', now(), now(), 0)
                        """)) {
            insert.setString(1, namespace);
            insert.setString(2, name);
            insert.setString(3, service);
            insert.executeUpdate();
        }
    }

    private interface Racer {
        int run(int index) throws Exception;
    }

    private static List<Integer> race(Racer racer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int index = i;
                Callable<Integer> call = () -> {
                    start.await();
                    return racer.run(index);
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
