package io.graylane.bookinfo.traffic;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pods of the simulated mesh, as Prometheus' Kubernetes discovery would find them on a cluster: the ingress
 * gateway and one pod per Deployment labelled {@code app} and {@code version} with a ready replica, whether
 * it has served a request yet or not (a sidecar is scraped from its start, before any traffic reaches it).
 */
@ApplicationScoped
public class SimulatedPods {

    private final KubernetesClient client;

    SimulatedPods(KubernetesClient client) {
        this.client = client;
    }

    public List<IstioMetrics.Pod> running() {
        List<IstioMetrics.Pod> pods = new ArrayList<>();
        MeshWorkload gateway = MeshWorkload.INGRESS_GATEWAY;
        pods.add(new IstioMetrics.Pod(gateway.namespace(), gateway.pod()));
        for (Deployment deployment : client.apps().deployments().inAnyNamespace().list().getItems()) {
            Map<String, String> labels = deployment.getSpec() == null || deployment.getSpec().getTemplate() == null
                    || deployment.getSpec().getTemplate().getMetadata() == null ? null
                    : deployment.getSpec().getTemplate().getMetadata().getLabels();
            Integer ready = deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas();
            if (labels != null && labels.containsKey("app") && labels.containsKey("version") && ready != null
                    && ready > 0) {
                MeshWorkload pod = MeshWorkload.of(labels.get("app"), labels.get("version"),
                        deployment.getMetadata().getNamespace());
                pods.add(new IstioMetrics.Pod(pod.namespace(), pod.pod()));
            }
        }
        return pods;
    }
}
