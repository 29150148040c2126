package io.graylane.bookinfo;

import io.graylane.infra.IssuerResource;
import io.graylane.kubetesting.ApiCallRecorder;
import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.graylane.infra.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The tutorial's curl loop against a product page: the tally reads the reviews version from the page. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithKubernetesTestServer(crud = true, setup = ApiCallRecorder.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(ProductpageStandIn.class)
class RealTrafficTest {

    @ConfigProperty(name = "graylane.traffic.productpage-url")
    String productpage;

    @Test
    void talliesTheVersionsThePageShows() {
        String path = "/api/v1/namespaces/real-traffic/bookinfo";
        given().post(path).then().statusCode(200);

        given().contentType(ContentType.JSON).body("{\"requestsPerSecond\": 20, \"durationSeconds\": 2}")
                .post(path + "/traffic").then().statusCode(201).body("mode", equalTo("real"))
                .body("target", containsString("/productpage"));
        await().atMost(Duration.ofSeconds(15)).until(() -> !given().get(path + "/traffic").then().extract()
                .jsonPath().getBoolean("running"));
        JsonPath tally = given().get(path + "/traffic").then().statusCode(200).extract().jsonPath();

        long served = Long.parseLong(given().get(productpage.replace("/productpage", "/served")).asString());
        long requests = tally.getLong("tally.requests");
        assertThat(requests).as("every page answered is counted").isEqualTo(served)
                .as("no more than 20/s for 2 s, one at once; a loaded machine may send fewer").isBetween(4L, 41L);
        String[] versions = {"v1", "v2", "v3"};
        for (int turn = 0; turn < versions.length; turn++) {
            assertThat(tally.getLong("tally.versions." + versions[turn] + ".requests")).as(versions[turn])
                    .isEqualTo((served - turn + 3) / 4);
        }
        assertThat(tally.getString("tally.lastFailure")).isEqualTo("productpage: 503");
        given().contentType(ContentType.JSON).body("{\"errorRates\": {\"v2\": 0.5}}").post(path + "/traffic")
                .then().statusCode(400).body("errors[0].field", equalTo("errorRates"));
    }
}
