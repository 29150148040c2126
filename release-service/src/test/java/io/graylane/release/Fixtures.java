package io.graylane.release;

import static io.graylane.infra.Api.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;

/** Requests and bodies shared by the API tests; every test works in a namespace of its own. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String freshNamespace() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String releases(String namespace) {
        return "/api/v1/namespaces/" + namespace + "/releases";
    }

    /** The tutorial's canary-release of reviews: v2 from a new image, 70/30. */
    public static String tutorialCanary(String name, String service) {
        return """
                {
                  "name": "%s",
                  "strategy": "CANARY",
                  "service": "%s",
                  "baseline":  { "version": "v1" },
                  "candidate": { "version": "v2", "image": "kubesphere/examples-bookinfo-reviews-v2:1.13.0", "replicas": 1 },
                  "traffic":   { "weights": { "v1": 70, "v2": 30 } }
                }
                """.formatted(name, service);
    }

    public static ValidatableResponse create(String namespace, String body) {
        return given().contentType(ContentType.JSON).body(body).post(releases(namespace)).then();
    }

    public static ValidatableResponse action(String namespace, String name, String action) {
        return given().post(releases(namespace) + "/" + name + "/" + action).then();
    }
}
