package io.graylane.bookinfo.api;

import io.graylane.bookinfo.InvalidRequest;
import io.graylane.bookinfo.deploy.BookinfoProblem;
import io.graylane.bookinfo.deploy.KubeProblem;
import io.graylane.rest.ProblemKind;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The problems of bookinfo-deployer, on top of those every API shares (rest-support). */
public class DeployerProblems {

    static final ProblemKind NAMESPACE_NOT_FOUND = new ProblemKind(404, "namespace-not-found", "No such namespace");
    static final ProblemKind BOOKINFO_NOT_DEPLOYED = new ProblemKind(404, "bookinfo-not-deployed",
            "Bookinfo is not deployed here");
    static final ProblemKind NO_TRAFFIC_RUN = new ProblemKind(404, "no-traffic-run", "No traffic run");
    static final ProblemKind ISTIO_NOT_INSTALLED = new ProblemKind(409, "istio-not-installed",
            "Istio is not installed in the cluster");
    static final ProblemKind KUBERNETES_FORBIDDEN = new ProblemKind(403, "kubernetes-forbidden",
            "The Kubernetes API refused bookinfo-deployer");
    static final ProblemKind KUBERNETES_ERROR = new ProblemKind(502, "kubernetes-error",
            "The Kubernetes API failed the request");
    static final ProblemKind KUBERNETES_UNAVAILABLE = new ProblemKind(503, "kubernetes-unavailable",
            "The Kubernetes API cannot be reached");
    static final ProblemKind NOT_ANNOUNCED = new ProblemKind(503, "event-not-published",
            "Done, but the event was not published");

    @ServerExceptionMapper
    public Response invalid(InvalidRequest e, UriInfo uri) {
        return ProblemKind.INVALID_REQUEST.answer(e.getMessage(), uri, e.errors(), Map.of());
    }

    @ServerExceptionMapper
    public Response bookinfo(BookinfoProblem e, UriInfo uri) {
        ProblemKind kind = switch (e.kind()) {
            case NAMESPACE_NOT_FOUND -> NAMESPACE_NOT_FOUND;
            case BOOKINFO_NOT_DEPLOYED -> BOOKINFO_NOT_DEPLOYED;
            case ISTIO_NOT_INSTALLED -> ISTIO_NOT_INSTALLED;
            case NOT_ANNOUNCED -> NOT_ANNOUNCED;
        };
        Response answer = kind.answer(e.getMessage(), uri);
        return kind == NOT_ANNOUNCED ? Response.fromResponse(answer).header("Retry-After", "10").build() : answer;
    }

    @ServerExceptionMapper
    public Response kubernetes(KubeProblem e, UriInfo uri) {
        ProblemKind kind = switch (e.kind()) {
            case FORBIDDEN -> KUBERNETES_FORBIDDEN;
            case UNAVAILABLE -> KUBERNETES_UNAVAILABLE;
            case FAILED -> KUBERNETES_ERROR;
        };
        String hint = e.kind() == KubeProblem.Kind.FORBIDDEN
                ? "; bookinfo-deployer's account needs the rules in k8s/base/bookinfo-deployer-rbac.yaml" : "";
        return kind.answer(e.getMessage() + hint, uri, List.of(), Map.of());
    }
}
