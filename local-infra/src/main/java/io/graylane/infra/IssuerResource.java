package io.graylane.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest}'s OIDC verification at the test JVM's token issuer:
 * {@code @WithTestResource(IssuerResource.class)}; tests sign their tokens with {@link SharedIssuer}.
 */
public class IssuerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.auth-server-url", SharedIssuer.issuer());
    }

    @Override
    public void stop() {
        // The issuer stops with the JVM: see SharedIssuer.
    }
}
