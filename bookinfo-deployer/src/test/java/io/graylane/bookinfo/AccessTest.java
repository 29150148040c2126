package io.graylane.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import io.graylane.infra.AccessMatrix;
import io.graylane.kubetesting.ApiCallRecorder;
import io.graylane.infra.IssuerResource;
import io.graylane.infra.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import org.junit.jupiter.api.Test;

/**
 * Who may call bookinfo-deployer: deploy and traffic need the operator role, reading them the viewer role; the
 * simulated sidecars' stats are scraped without a token, as Istio's are.
 */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithKubernetesTestServer(crud = true, setup = ApiCallRecorder.class)
@WithTestResource(KafkaResource.class)
class AccessTest {

    @Test
    void everyEndpointButTheSidecarStatsRefusesWhoMayNotCallIt() {
        int calls = AccessMatrix.check(AccessMatrix.operations(operation -> operation.contains(" /stats")));
        assertThat(calls).as("deploy, status, undeploy and traffic x 7 callers").isGreaterThanOrEqualTo(6 * 7);
    }
}
