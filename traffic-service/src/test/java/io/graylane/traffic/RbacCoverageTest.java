package io.graylane.traffic;

import io.graylane.kubetesting.RbacCoverage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * k8s/'s RBAC for traffic-service allows every Kubernetes API call this module's tests saw it make, and grants
 * nothing more. Runs after them (its own Surefire execution, see the pom), on the calls they recorded.
 */
class RbacCoverageTest {

    @Test
    void rbacIsExactlyWhatTheCodeCalls() {
        RbacCoverage.assertExact("traffic-service", Path.of("../k8s/base/traffic-service-rbac.yaml"),
                Path.of("../k8s/managed-namespace/bindings.yaml"));
    }
}
