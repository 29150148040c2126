package io.graylane.traffic.api;

import io.graylane.rest.ProblemKind;
import io.graylane.traffic.kube.KubeFailure;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The problems of traffic-service's API beyond those every Graylane API shares. */
public class TrafficProblems {

    /** Several VirtualServices or DestinationRules for one host (and gateway): Istio would use one of them. */
    static final ProblemKind AMBIGUOUS_ROUTING = new ProblemKind(409, "ambiguous-routing",
            "Istio routes this host from several objects");
    static final ProblemKind KUBERNETES_FORBIDDEN = new ProblemKind(403, "kubernetes-forbidden",
            "The Kubernetes API refused a request of traffic-service");
    static final ProblemKind KUBERNETES_UNAVAILABLE = new ProblemKind(503, "kubernetes-unavailable",
            "The Kubernetes API did not answer");

    @ServerExceptionMapper
    public Response kubeFailure(KubeFailure failure, UriInfo uri) {
        ProblemKind kind = failure.kind() == KubeFailure.Kind.FORBIDDEN ? KUBERNETES_FORBIDDEN : KUBERNETES_UNAVAILABLE;
        return kind.answer(failure.getMessage(), uri);
    }
}
