package io.graylane.observability.api;

import io.graylane.observability.mesh.MeshSpan;
import io.graylane.rest.auth.Caller;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import zipkin2.Span;

/**
 * What of the traces a caller of the Zipkin and Jaeger read APIs may see: the spans of the namespaces it may
 * read, by Istio's conventions ({@code istio.namespace}, or the service name {@code <app>.<namespace>}). A span
 * of no known namespace is an admin's only; a trace none of whose spans it may see does not exist for it.
 *
 * @param caller the verified caller of the request
 */
record TraceVisibility(Caller caller) {

    boolean everything() {
        return caller.grants().admin();
    }

    /** The spans of {@code trace} the caller may see; empty if none. */
    Optional<List<Span>> trace(List<Span> trace) {
        List<Span> visible = everything() ? trace
                : trace.stream().filter(span -> caller.mayRead(MeshSpan.of(span).workload().namespace())).toList();
        return visible.isEmpty() ? Optional.empty() : Optional.of(visible);
    }

    List<List<Span>> traces(List<List<Span>> traces) {
        return traces.stream().map(this::trace).flatMap(Optional::stream).collect(Collectors.toList());
    }

    /** Whether the caller may see the service named {@code <app>.<namespace>} as the mesh names it. */
    boolean service(String name) {
        if (everything()) {
            return true;
        }
        int dot = name == null ? -1 : name.indexOf('.');
        return dot > 0 && caller.mayRead(name.substring(dot + 1));
    }

    Set<String> services(Set<String> names) {
        return names.stream().filter(this::service).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
