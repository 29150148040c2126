package io.graylane.rest.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource class reached without a bearer token, by the mesh's conventions: span ingest (Envoy sends spans
 * without credentials) and the simulated sidecars' stats (scraped as Istio's are). Every other resource
 * needs a token; each use says why.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OpenEndpoint {

    /** Why this resource is open. */
    String value();
}
