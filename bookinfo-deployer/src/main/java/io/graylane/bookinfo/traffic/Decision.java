package io.graylane.bookinfo.traffic;

/**
 * Where Envoy sends one request to a service, and what it does on the way.
 *
 * @param version the version that serves it; null when no workload does (then {@code status} says why)
 * @param subset the subset of the route's destination, as in the upstream cluster name; empty without one
 * @param status the status Envoy answers itself (fault abort, no route, no healthy upstream); 0 when the
 *     workload answers
 * @param flags Envoy's response flags: {@code -}, {@code FI} (fault abort), {@code DI} (fault delay),
 *     {@code NR} (no route), {@code UH} (no healthy upstream), {@code NC} (no such subset)
 * @param delayMicros a fault delay added before the request goes on
 * @param mirrorSubset the subset a copy goes to ({@code ""} without one); null when no copy is made
 * @param mirrorVersion the version that receives the copy; null when no copy is made
 */
public record Decision(String version, String subset, int status, String flags, long delayMicros,
        String mirrorSubset, String mirrorVersion) {

    static Decision refused(String subset, int status, String flags) {
        return new Decision(null, subset, status, flags, 0, null, null);
    }
}
