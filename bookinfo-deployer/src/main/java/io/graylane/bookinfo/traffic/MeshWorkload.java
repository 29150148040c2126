package io.graylane.bookinfo.traffic;

/**
 * A pod as its sidecar reports itself in spans: Istio's canonical service and revision, its namespace, its
 * pod name and IP, and the kind of proxy ({@code sidecar}, or {@code router} for the ingress gateway).
 */
record MeshWorkload(String app, String version, String namespace, String pod, String ip, String proxy) {

    static final MeshWorkload INGRESS_GATEWAY = new MeshWorkload("istio-ingressgateway", "latest", "istio-system",
            "istio-ingressgateway-79788cd94-wgmsp", "10.244.0.14", "router");

    /** The one pod of the Deployment {@code <app>-<version>}, named and addressed by a hash of its names. */
    static MeshWorkload of(String app, String version, String namespace) {
        int hash = (namespace + "/" + app + "-" + version).hashCode() & 0x7fffffff;
        String template = Integer.toHexString(hash | 0x10000000).substring(0, 8) + "c" + (hash % 10);
        String suffix = Integer.toString(hash % 60_466_176 + 60_466_176, 36).substring(1, 6);
        return new MeshWorkload(app, version, namespace, app + "-" + version + "-" + template + "-" + suffix,
                "10.244." + (1 + hash % 200) + "." + (2 + hash / 200 % 250), "sidecar");
    }

    String serviceName() {
        return app + "." + namespace;
    }

    String nodeId() {
        return proxy + "~" + ip + "~" + pod + "." + namespace + "~" + namespace + ".svc.cluster.local";
    }
}
