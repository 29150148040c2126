package io.graylane.traffic.domain;

/** How Istio objects name a Kubernetes Service of a namespace. */
public final class Hosts {

    private Hosts() {
    }

    /**
     * Whether {@code host}, as written in an object of {@code namespace}, names the Service: its short name,
     * {@code <svc>.<ns>}, {@code <svc>.<ns>.svc} or {@code <svc>.<ns>.svc.cluster.local} (any cluster domain).
     */
    public static boolean names(String host, String service, String namespace) {
        if (host == null) {
            return false;
        }
        return host.equals(service) || host.equals(service + "." + namespace)
                || host.equals(service + "." + namespace + ".svc")
                || host.startsWith(service + "." + namespace + ".svc.");
    }

    /** The Service a host names in {@code namespace}, or null for another namespace's or an external host. */
    public static String serviceOf(String host, String namespace) {
        if (host == null || host.isEmpty() || host.contains("*")) {
            return null;
        }
        int dot = host.indexOf('.');
        String service = dot < 0 ? host : host.substring(0, dot);
        return names(host, service, namespace) ? service : null;
    }
}
