package io.graylane.observability;

import io.graylane.observability.ingest.IngestListener;
import io.quarkus.arc.Arc;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests to span ingest, on its own port (no token: collectors send none). */
public final class Ingest {

    private Ingest() {
    }

    public static int port() {
        return Arc.container().instance(IngestListener.class).get().port();
    }

    public static RequestSpecification given() {
        return RestAssured.given().port(port());
    }

    /** The ingest root, e.g. for a Zipkin sender: {@code http://127.0.0.1:<port>/}. */
    public static String root() {
        return "http://127.0.0.1:" + port() + "/";
    }
}
