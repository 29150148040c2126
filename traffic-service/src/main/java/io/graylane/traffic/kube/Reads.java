package io.graylane.traffic.kube;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.List;

/** What a pass reads of a namespace, from the API server or from the watches' cache. */
public interface Reads {

    List<Deployment> deployments(String namespace);

    List<VirtualService> virtualServices(String namespace);

    List<DestinationRule> destinationRules(String namespace);

    List<HorizontalPodAutoscaler> autoscalers(String namespace);
}
