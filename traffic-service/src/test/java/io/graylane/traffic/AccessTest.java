package io.graylane.traffic;

import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.graylane.infra.AccessMatrix;
import io.graylane.infra.IssuerResource;
import io.graylane.infra.KafkaResource;
import io.graylane.kubetesting.StandInCluster;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Who may call traffic-service: its one API (the routing of a service) needs the viewer role. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(StandInCluster.class)
@WithTestResource(KafkaResource.class)
class AccessTest {

    @Test
    void everyEndpointOfTheOpenApiDocumentRefusesWhoMayNotCallIt() {
        assertThat(AccessMatrix.check(AccessMatrix.operations(operation -> false))).isGreaterThanOrEqualTo(7);
    }

    @Test
    void namesInThePathThatKubernetesWouldRefuseAreAnswered400NotPassedOn() {
        // Found by FuzzTest: these went to the Kubernetes API and came back as 503.
        given().urlEncodingEnabled(false).get("/api/v1/namespaces/%2F/services/%2F/routing").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("namespace", "service"));
        given().urlEncodingEnabled(false).get("/api/v1/namespaces/%20/services/reviews/routing").then()
                .statusCode(400).body("errors[0].field", equalTo("namespace"));
    }
}
