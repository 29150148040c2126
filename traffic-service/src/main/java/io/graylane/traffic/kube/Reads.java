package io.graylane.traffic.kube;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Optional;

/** What a pass reads of the cluster, from the API server or from the watches' cache. */
public interface Reads {

    /** The Deployment labelled {@code app=<service>, version=<version>} (Bookinfo's convention). */
    Optional<Deployment> baseline(String namespace, String service, String version);

    Optional<Deployment> deployment(String namespace, String name);

    Optional<VirtualService> virtualService(String namespace, String name);

    Optional<DestinationRule> destinationRule(String namespace, String name);
}
