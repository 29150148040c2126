package io.graylane.kubetesting;

import java.util.List;
import java.util.Optional;

/**
 * One request to the Kubernetes API as RBAC sees it: API group, resource (with its subresource, as
 * {@code deployments/status}), verb, and the namespace, or null for a cluster-wide request.
 */
public record ApiCall(String group, String resource, String verb, String namespace) {

    /** The call a request makes; empty for discovery ({@code /api}, {@code /apis/...}, {@code /version}). */
    public static Optional<ApiCall> of(String method, String pathAndQuery) {
        int question = pathAndQuery.indexOf('?');
        String path = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        boolean watch = question >= 0 && pathAndQuery.substring(question).contains("watch=true");
        List<String> parts = List.of(path.replaceAll("^/+|/+$", "").split("/"));
        String group;
        int at;
        if (parts.size() >= 3 && parts.get(0).equals("api")) {
            group = "";
            at = 2;
        } else if (parts.size() >= 4 && parts.get(0).equals("apis")) {
            group = parts.get(1);
            at = 3;
        } else {
            return Optional.empty();
        }
        List<String> rest = parts.subList(at, parts.size());
        String namespace = null;
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        } else if (rest.size() >= 2 && rest.get(0).equals("namespaces")) {
            // a Namespace itself: cluster-scoped
            rest = List.of("namespaces", rest.get(1));
        }
        String resource = rest.get(0) + (rest.size() >= 3 ? "/" + rest.get(2) : "");
        boolean named = rest.size() >= 2;
        String verb = switch (method) {
            case "GET" -> named ? "get" : watch ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return Optional.of(new ApiCall(group, resource, verb, namespace));
    }

    /** As one line: {@code verb group/resource [in namespace]}. */
    @Override
    public String toString() {
        return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource
                + (namespace == null ? " (cluster-wide)" : " in a namespace");
    }
}
