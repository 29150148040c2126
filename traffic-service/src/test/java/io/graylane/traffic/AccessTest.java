package io.graylane.traffic;

import static org.assertj.core.api.Assertions.assertThat;

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
}
