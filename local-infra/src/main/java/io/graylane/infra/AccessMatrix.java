package io.graylane.infra;

import static org.hamcrest.Matchers.containsString;

import io.graylane.events.access.Role;
import io.graylane.issuer.IssuerKeys;
import io.graylane.issuer.Tokens;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The 401/403 matrix of a running service, generated from its OpenAPI document so that no endpoint is
 * forgotten: every operation called by seven callers (no token, an expired token, a token of another issuer,
 * a viewer of {@code team-a}, an operator of {@code team-b}, an operator of {@code team-a}, an admin), in
 * namespace {@code team-a}. Who is refused gets 401 or 403 as a problem document; who is let through gets
 * neither, and never a 5xx.
 */
public final class AccessMatrix {

    public static final String NAMESPACE = "team-a";

    /** One operation of the OpenAPI document, its path parameters filled in. */
    public record Operation(String method, String template, String path) {
        boolean underNamespace() {
            return template.contains("{namespace}");
        }

        boolean reads() {
            return method.equals("get") || method.equals("head");
        }
    }

    private enum Caller { NO_TOKEN, EXPIRED, OTHER_ISSUER, VIEWER, OPERATOR_OF_OTHER, OPERATOR, ADMIN }

    private AccessMatrix() {
    }

    /**
     * The operations of the service's {@code /q/openapi}, except the open ones: those {@code open} accepts as
     * {@code "METHOD /path/{template}"}.
     */
    public static List<Operation> operations(Predicate<String> open) {
        JsonPath openapi = RestAssured.given().accept("application/json").get("/q/openapi?format=json").then()
                .statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((template, methods) -> {
            for (String method : methods.keySet()) {
                if (List.of("get", "post", "put", "delete", "patch").contains(method)
                        && !open.test(method.toUpperCase() + " " + template)) {
                    operations.add(new Operation(method, template, template.replace("{namespace}", NAMESPACE)
                            .replaceAll("\\{[^}]+}", "x")));
                }
            }
        });
        return operations;
    }

    /** Calls every operation as every caller and checks each answer; returns the number of calls made. */
    public static int check(List<Operation> operations) {
        if (operations.isEmpty()) {
            throw new AssertionError("the OpenAPI document lists no operation to check");
        }
        int calls = 0;
        for (Operation operation : operations) {
            for (Caller caller : Caller.values()) {
                Response answer = call(operation, caller);
                String at = caller + " " + operation.method().toUpperCase() + " " + operation.path() + ": ";
                int status = answer.statusCode();
                Integer expected = refusal(operation, caller);
                if (expected != null) {
                    if (status != expected) {
                        throw new AssertionError(at + "expected " + expected + ", got " + status + " "
                                + answer.asString());
                    }
                    answer.then().contentType(containsString("application/problem+json"));
                } else if (status == 401 || status == 403 || status >= 500) {
                    throw new AssertionError(at + "expected to be let through, got " + status + " "
                            + answer.asString());
                }
                calls++;
            }
        }
        return calls;
    }

    private static Integer refusal(Operation operation, Caller caller) {
        return switch (caller) {
            case NO_TOKEN, EXPIRED, OTHER_ISSUER -> 401;
            case VIEWER -> operation.underNamespace() && !operation.reads() ? 403 : null;
            case OPERATOR_OF_OTHER -> operation.underNamespace() ? 403 : null;
            case OPERATOR, ADMIN -> null;
        };
    }

    private static Response call(Operation operation, Caller caller) {
        RequestSpecification request = RestAssured.given().contentType("application/json").body("{}");
        String token = token(caller);
        if (token != null) {
            request.auth().oauth2(token);
        }
        return request.request(operation.method().toUpperCase(), operation.path());
    }

    private static String token(Caller caller) {
        Tokens tokens = SharedIssuer.tokens();
        return switch (caller) {
            case NO_TOKEN -> null;
            case EXPIRED -> tokens.mint("expired", Role.ADMIN, List.of(), Duration.ofMinutes(-10));
            case OTHER_ISSUER -> new Tokens(IssuerKeys.in(Directories.temporary("graylane-other-issuer-")),
                    "https://issuer.example.org").mint("impostor", Role.ADMIN, List.of(), Duration.ofMinutes(10));
            case VIEWER -> SharedIssuer.token("viewer", Role.VIEWER, NAMESPACE);
            case OPERATOR_OF_OTHER -> SharedIssuer.token("other", Role.OPERATOR, "team-b");
            case OPERATOR -> SharedIssuer.token("operator", Role.OPERATOR, NAMESPACE);
            case ADMIN -> SharedIssuer.admin();
        };
    }
}
