package io.graylane.infra;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** REST Assured's {@code given()} carrying an admin token of the test JVM's issuer: the calls of a test about
 * something other than who may call. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification given() {
        return RestAssured.given().auth().oauth2(SharedIssuer.admin());
    }
}
