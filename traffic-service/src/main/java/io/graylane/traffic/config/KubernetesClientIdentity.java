package io.graylane.traffic.config;

import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import jakarta.inject.Singleton;

/**
 * Names traffic-service's writes: the API server records them in {@code metadata.managedFields} under the
 * User-Agent's first part, so a change by another writer can be told from Graylane's own.
 */
@Singleton
public class KubernetesClientIdentity implements KubernetesConfigCustomizer {

    /** The field manager of traffic-service's writes. */
    public static final String FIELD_MANAGER = "graylane-traffic-service";

    @Override
    public void customize(Config config) {
        config.setUserAgent(FIELD_MANAGER + "/1");
    }
}
