package io.graylane.bookinfo.api;

import io.graylane.bookinfo.InvalidRequest;
import io.graylane.events.release.Names;
import io.graylane.events.release.Violation;
import java.util.List;

/** The namespace of a request path: a DNS-1123 label, as Kubernetes requires. */
final class NamespaceParam {

    private NamespaceParam() {
    }

    static String valid(String namespace) {
        if (!Names.isDnsLabel(namespace)) {
            throw new InvalidRequest(List.of(new Violation("namespace", "'" + namespace
                    + "' is not a Kubernetes namespace name: " + Names.DNS_LABEL_RULE)));
        }
        return namespace;
    }
}
