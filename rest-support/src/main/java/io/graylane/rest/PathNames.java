package io.graylane.rest;

import io.graylane.events.release.Names;
import io.graylane.events.release.Violation;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The Kubernetes names in the APIs' paths ({@code /api/v1/namespaces/{namespace}/...}: the namespace, and a
 * service's or a release's name) are DNS-1123 labels, as Kubernetes requires; anything else is answered 400 naming
 * the field before a resource passes it on (to the Kubernetes API, a query, a topic).
 */
public class PathNames {

    private static final List<String> LABELS = List.of("namespace", "service", "name");

    @ServerRequestFilter(priority = Priorities.USER)
    public Response requireLabels(UriInfo uri) {
        if (!uri.getPath().startsWith("/api/v1/namespaces/")) {
            return null;
        }
        List<Violation> errors = new ArrayList<>();
        for (String parameter : LABELS) {
            String value = uri.getPathParameters().getFirst(parameter);
            if (value != null && !Names.isDnsLabel(value)) {
                errors.add(new Violation(parameter, "'" + (value.length() > 80 ? value.substring(0, 80) + "..." : value)
                        + "' is not a DNS-1123 label: " + Names.DNS_LABEL_RULE));
            }
        }
        return errors.isEmpty() ? null : ProblemKind.INVALID_REQUEST.answer(errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message() : errors.size() + " fields are invalid",
                uri, errors, Map.of());
    }
}
