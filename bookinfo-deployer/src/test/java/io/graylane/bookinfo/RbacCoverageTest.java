package io.graylane.bookinfo;

import io.graylane.kubetesting.RbacCoverage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * k8s/'s RBAC for bookinfo-deployer allows every Kubernetes API call this module's tests saw it make, and grants
 * nothing more. Runs after them (its own Surefire execution, see the pom), on the calls they recorded.
 */
class RbacCoverageTest {

    @Test
    void rbacIsExactlyWhatTheCodeCalls() {
        RbacCoverage.assertExact("bookinfo-deployer", Path.of("../k8s/base/bookinfo-deployer-rbac.yaml"),
                Path.of("../k8s/managed-namespace/bindings.yaml"));
    }
}
