package io.graylane.traffic.domain;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.graylane.traffic.kube.Reads;
import java.util.List;
import java.util.Optional;

/** What a pass reads of the release's namespace, once. */
record Snapshot(List<Deployment> deployments, List<VirtualService> virtualServices,
        List<DestinationRule> destinationRules, List<HorizontalPodAutoscaler> autoscalers) {

    static Snapshot read(Reads reads, String namespace) {
        return new Snapshot(reads.deployments(namespace), reads.virtualServices(namespace),
                reads.destinationRules(namespace), reads.autoscalers(namespace));
    }

    Optional<Deployment> deployment(String name) {
        return deployments.stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst();
    }

    Optional<HorizontalPodAutoscaler> autoscaler(String name) {
        return autoscalers.stream().filter(h -> h.getMetadata().getName().equals(name)).findFirst();
    }

    /** The autoscaler that scales the Deployment, if one does. */
    Optional<HorizontalPodAutoscaler> autoscalerOf(Deployment deployment) {
        return autoscalers.stream().filter(h -> CandidateWorkload.scales(h, deployment)).findFirst();
    }
}
