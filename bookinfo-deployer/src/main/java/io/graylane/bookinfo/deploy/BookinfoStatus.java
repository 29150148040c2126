package io.graylane.bookinfo.deploy;

import java.util.List;

/**
 * Bookinfo in a namespace as the cluster holds it now.
 *
 * @param generation counts the deploys and removals that changed something; 0 before the first
 * @param sidecarInjection whether the namespace is labelled {@code istio-injection=enabled}
 * @param ready whether every workload has as many ready replicas as it wants
 * @param workloads every Deployment of a Bookinfo service, whoever made it (candidates made by traffic-service too)
 * @param routing the Istio objects bookinfo-deployer made, as {@code Kind name}
 */
public record BookinfoStatus(String namespace, long generation, boolean sidecarInjection, boolean ready,
        List<Workload> workloads, List<String> routing) {

    /**
     * One Deployment.
     *
     * @param managedBy its {@code app.kubernetes.io/managed-by} label: {@code graylane-bookinfo-deployer},
     *     {@code graylane} (a release's candidate) or whatever else made it
     */
    public record Workload(String name, String service, String version, String image, int desired, int ready,
            String managedBy) {

        public boolean allReady() {
            return ready >= desired;
        }
    }
}
