package io.graylane.e2e;

import static io.graylane.infra.Api.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;

/** The release API of one namespace, as a user calls it. */
final class Api {

    final String namespace;
    private final String releases;
    private final String routing;

    Api(Suite suite, String namespace) {
        this.namespace = namespace;
        this.releases = suite.releaseService.url() + "/api/v1/namespaces/" + namespace + "/releases";
        this.routing = suite.trafficService.url() + "/api/v1/namespaces/" + namespace + "/services/";
    }

    ValidatableResponse create(String body) {
        return given().contentType(ContentType.JSON).body(body).post(releases).then();
    }

    ValidatableResponse get(String name) {
        return given().get(releases + "/" + name).then();
    }

    ValidatableResponse history(String name) {
        return given().get(releases + "/" + name + "/history").then();
    }

    ValidatableResponse decisions(String name) {
        return given().get(releases + "/" + name + "/decisions").then();
    }

    ValidatableResponse traffic(String name, String traffic) {
        return given().contentType(ContentType.JSON).body(traffic).put(releases + "/" + name + "/traffic").then();
    }

    ValidatableResponse takeOver(String name, String version) {
        return given().contentType(ContentType.JSON).body("{\"version\": \"" + version + "\"}")
                .post(releases + "/" + name + "/takeover").then();
    }

    ValidatableResponse action(String name, String action) {
        return given().post(releases + "/" + name + "/" + action).then();
    }

    /** traffic-service's view of a service's routing (it may have been restarted on another port). */
    ValidatableResponse routing(Suite suite, String service) {
        return given().get(suite.trafficService.url() + routing.substring(routing.indexOf("/api/")) + service
                + "/routing").then();
    }

    /** Waits until the release is in {@code phase} with its newest generation applied. */
    void awaitPhase(String name, String phase) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ValidatableResponse release = get(name).body("phase", equalTo(phase));
            if (List.of("Active", "TakenOver", "Completed", "RolledBack").contains(phase)) {
                int generation = release.extract().path("generation");
                release.body("observedGeneration", equalTo(generation));
            }
        });
    }

    static String tutorialCanary(String name) {
        return tutorialCanary(name, false);
    }

    /** With {@code removeBaseline}, offline deletes reviews-v1 (which the release did not create). */
    static String tutorialCanary(String name, boolean removeBaseline) {
        return """
                {"name": "%s", "strategy": "CANARY", "service": "reviews",
                 "baseline": {"version": "v1"},
                 "candidate": {"version": "v2", "image": "kubesphere/examples-bookinfo-reviews-v2:1.13.0", "replicas": 1},
                 "removeBaseline": %s,
                 "traffic": {"weights": {"v1": 70, "v2": 30}}}
                """.formatted(name, removeBaseline);
    }
}
