package io.graylane.release.api;

import static io.graylane.release.Fixtures.create;
import static io.graylane.release.Fixtures.freshNamespace;
import static io.graylane.release.Fixtures.releases;
import static io.graylane.release.Fixtures.tutorialCanary;
import static io.graylane.infra.Api.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import io.graylane.infra.IssuerResource;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule answers 400 with a problem document naming the field; none answers 500. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class ValidationTest {

    private static final String BASELINE = "{\"version\": \"v1\"}";
    private static final String CANDIDATE = "{\"version\": \"v2\", \"image\": \"kubesphere/examples-bookinfo-reviews-v2:1.13.0\", \"replicas\": 1}";
    private static final String WEIGHTS = "{\"weights\": {\"v1\": 70, \"v2\": 30}}";

    private final String namespace = freshNamespace();

    static Stream<Arguments> invalidReleases() {
        return Stream.of(
                invalid("name not a DNS label", body("\"Canary\"", "CANARY", BASELINE, CANDIDATE, WEIGHTS), "name", "DNS-1123"),
                invalid("name longer than 63", body("\"" + "a".repeat(64) + "\"", "CANARY", BASELINE, CANDIDATE, WEIGHTS), "name", "at most 63"),
                invalid("name missing", body("null", "CANARY", BASELINE, CANDIDATE, WEIGHTS), "name", "required"),
                invalid("service not a DNS label", release("\"CANARY\"", "reviews_v2", BASELINE, CANDIDATE, WEIGHTS), "service", "DNS-1123"),
                invalid("unknown strategy", release("\"canary\"", "reviews", BASELINE, CANDIDATE, WEIGHTS), "strategy", "CANARY, BLUE_GREEN, MIRROR"),
                invalid("strategy missing", release("null", "reviews", BASELINE, CANDIDATE, WEIGHTS), "strategy", "required"),
                invalid("strategy as a number", release("0", "reviews", BASELINE, CANDIDATE, WEIGHTS), "strategy", "CANARY"),
                invalid("baseline version not a label", canary("{\"version\": \"V1\"}", CANDIDATE, WEIGHTS), "baseline.version", "DNS-1123"),
                invalid("baseline version a number", canary("{\"version\": 1}", CANDIDATE, WEIGHTS), "baseline.version", "must be a string"),
                invalid("baseline missing", canary("null", CANDIDATE, WEIGHTS), "baseline", "required"),
                invalid("candidate version equals baseline", canary(BASELINE, "{\"version\": \"v1\", \"image\": \"reviews:2\"}", WEIGHTS), "candidate.version", "must differ"),
                invalid("image not an OCI reference", canary(BASELINE, "{\"version\": \"v2\", \"image\": \"Kubesphere/Reviews:1.0\"}", WEIGHTS), "candidate.image", "OCI image reference"),
                invalid("image with a bad tag", canary(BASELINE, "{\"version\": \"v2\", \"image\": \"reviews:-1\"}", WEIGHTS), "candidate.image", "OCI image reference"),
                invalid("image missing", canary(BASELINE, "{\"version\": \"v2\"}", WEIGHTS), "candidate.image", "required"),
                invalid("replicas zero", canary(BASELINE, "{\"version\": \"v2\", \"image\": \"reviews:2\", \"replicas\": 0}", WEIGHTS), "candidate.replicas", "between 1 and 100"),
                invalid("replicas over 100", canary(BASELINE, "{\"version\": \"v2\", \"image\": \"reviews:2\", \"replicas\": 101}", WEIGHTS), "candidate.replicas", "between 1 and 100"),
                invalid("replicas not an integer", canary(BASELINE, "{\"version\": \"v2\", \"image\": \"reviews:2\", \"replicas\": 1.5}", WEIGHTS), "candidate.replicas", "must be an integer"),
                invalid("weights not summing to 100", canary(BASELINE, CANDIDATE, "{\"weights\": {\"v1\": 70, \"v2\": 20}}"), "traffic.weights", "sum to 100, they sum to 90"),
                invalid("weights naming another version", canary(BASELINE, CANDIDATE, "{\"weights\": {\"v1\": 70, \"v2\": 20, \"v3\": 10}}"), "traffic.weights.v3", "not a version of this release"),
                invalid("weights missing the candidate", canary(BASELINE, CANDIDATE, "{\"weights\": {\"v1\": 100}}"), "traffic.weights", "must name exactly"),
                invalid("negative weight", canary(BASELINE, CANDIDATE, "{\"weights\": {\"v1\": 110, \"v2\": -10}}"), "traffic.weights.v2", "from 0 to 100"),
                invalid("fractional weight", canary(BASELINE, CANDIDATE, "{\"weights\": {\"v1\": 69.5, \"v2\": 30.5}}"), "traffic.weights.v1", "must be an integer"),
                invalid("weight as a string", canary(BASELINE, CANDIDATE, "{\"weights\": {\"v1\": \"70\", \"v2\": 30}}"), "traffic.weights.v1", "must be an integer"),
                invalid("weight null", canary(BASELINE, CANDIDATE, "{\"weights\": {\"v1\": null, \"v2\": 100}}"), "traffic.weights.v1", "from 0 to 100"),
                invalid("traffic missing", canary(BASELINE, CANDIDATE, "null"), "traffic", "required"),
                invalid("canary without weights or matches", canary(BASELINE, CANDIDATE, "{}"), "traffic", "needs 'weights', 'matches' or both"),
                invalid("empty matches", canary(BASELINE, CANDIDATE, "{\"matches\": []}"), "traffic.matches", "must not be empty"),
                invalid("empty match block", canary(BASELINE, CANDIDATE, "{\"matches\": [{}]}"), "traffic.matches[0]", "at least one of"),
                invalid("string match without operator", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"headers\": {\"end-user\": {}}}]}"), "traffic.matches[0].headers.end-user", "exactly one of 'exact', 'prefix', 'regex', it has 0"),
                invalid("string match with two operators", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"uri\": {\"exact\": \"/a\", \"prefix\": \"/\"}}]}"), "traffic.matches[0].uri", "it has 2"),
                invalid("string match with an empty value", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"method\": {\"exact\": \"\"}}]}"), "traffic.matches[0].method", "must not be empty"),
                invalid("regex that does not compile", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"uri\": {\"regex\": \"/api/(v1\"}}]}"), "traffic.matches[0].uri.regex", "not a valid RE2"),
                invalid("regex with lookahead (not RE2)", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"headers\": {\"user-agent\": {\"regex\": \"(?=.*Linux)\"}}}]}"), "traffic.matches[0].headers.user-agent.regex", "not a valid RE2"),
                invalid("uppercase header name", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"headers\": {\"End-User\": {\"exact\": \"jason\"}}}]}"), "traffic.matches[0].headers.End-User", "lowercase"),
                invalid("query parameter match without operator", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"queryParams\": {\"beta\": {}}}]}"), "traffic.matches[0].queryParams.beta", "exactly one of"),
                invalid("unknown client OS", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"clientOs\": [\"Linux\", \"Solaris\"]}]}"), "traffic.matches[0].clientOs[1]", "'Solaris' is not one of Windows, macOS, Linux, Android, iOS"),
                invalid("empty client OS list", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"clientOs\": []}]}"), "traffic.matches[0].clientOs", "one or more of"),
                invalid("cookie without value", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"cookie\": {\"name\": \"beta\"}}]}"), "traffic.matches[0].cookie.value", "required"),
                invalid("cookie with a semicolon", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"cookie\": {\"name\": \"beta\", \"value\": \"a;b\"}}]}"), "traffic.matches[0].cookie.value", "semicolons"),
                invalid("cookie and a cookie header in one block", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"cookie\": {\"name\": \"beta\", \"value\": \"1\"}, \"headers\": {\"cookie\": {\"exact\": \"x\"}}}]}"), "traffic.matches[0].headers.cookie", "conflicts with 'cookie'"),
                invalid("mirrorPercent on a canary", canary(BASELINE, CANDIDATE, "{\"weights\": {\"v1\": 70, \"v2\": 30}, \"mirrorPercent\": 10}"), "traffic.mirrorPercent", "does not apply to CANARY"),
                invalid("active on a canary", canary(BASELINE, CANDIDATE, "{\"weights\": {\"v1\": 70, \"v2\": 30}, \"active\": \"v2\"}"), "traffic.active", "does not apply to CANARY"),
                invalid("weights on a blue-green", release("\"BLUE_GREEN\"", "reviews", BASELINE, CANDIDATE, WEIGHTS), "traffic.weights", "does not apply to BLUE_GREEN"),
                invalid("blue-green without active", release("\"BLUE_GREEN\"", "reviews", BASELINE, CANDIDATE, "{}"), "traffic.active", "is required for BLUE_GREEN"),
                invalid("blue-green active naming another version", release("\"BLUE_GREEN\"", "reviews", BASELINE, CANDIDATE, "{\"active\": \"v3\"}"), "traffic.active", "not a version of this release"),
                invalid("matches on a mirror", release("\"MIRROR\"", "reviews", BASELINE, CANDIDATE, "{\"mirrorPercent\": 10, \"matches\": [{\"uri\": {\"prefix\": \"/\"}}]}"), "traffic.matches", "does not apply to MIRROR"),
                invalid("mirror without mirrorPercent", release("\"MIRROR\"", "reviews", BASELINE, CANDIDATE, "{}"), "traffic.mirrorPercent", "is required for MIRROR"),
                invalid("mirrorPercent zero", release("\"MIRROR\"", "reviews", BASELINE, CANDIDATE, "{\"mirrorPercent\": 0}"), "traffic.mirrorPercent", "greater than 0 and at most 100"),
                invalid("mirrorPercent over 100", release("\"MIRROR\"", "reviews", BASELINE, CANDIDATE, "{\"mirrorPercent\": 100.5}"), "traffic.mirrorPercent", "greater than 0 and at most 100"),
                invalid("mirrorPercent too small to mirror anything", release("\"MIRROR\"", "reviews", BASELINE, CANDIDATE, "{\"mirrorPercent\": 1e-400}"), "traffic.mirrorPercent", "at least 0.0001"),
                invalid("mirrorPercent as a string", release("\"MIRROR\"", "reviews", BASELINE, CANDIDATE, "{\"mirrorPercent\": \"10\"}"), "traffic.mirrorPercent", "must be a number"),
                invalid("unknown top-level field", tutorialCanary("canary", "reviews").replace("\"name\"", "\"labels\": {}, \"name\""), "labels", "unknown field 'labels'"),
                invalid("unknown traffic field", canary(BASELINE, CANDIDATE, "{\"weight\": {\"v1\": 70, \"v2\": 30}}"), "traffic.weight", "unknown field 'weight'"),
                invalid("malformed JSON", "{\"name\": \"canary\",", "body", "malformed JSON"),
                invalid("duplicate key", canary(BASELINE, CANDIDATE, "{\"weights\": {\"v1\": 70, \"v1\": 30}}"), "body", "Duplicate field 'v1'"),
                invalid("trailing content", tutorialCanary("canary", "reviews") + " {}", "body", "malformed JSON"),
                invalid("an array instead of an object", "[]", "body", "must be a JSON object"),
                invalid("a bare string", "\"canary\"", "body", "must be a JSON object"),
                invalid("empty body", "", "body", "required"),
                invalid("mirrorPercent with an exponent of a billion", release("\"MIRROR\"", "reviews", BASELINE, CANDIDATE, "{\"mirrorPercent\": 1e999999999}"), "traffic.mirrorPercent", "at most 100, got 1E+999999999"),
                invalid("NUL in a match value", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"headers\": {\"end-user\": {\"exact\": \"ja\\u0000son\"}}}]}"), "traffic.matches[0].headers.end-user", "control characters"),
                invalid("NUL in a query parameter name", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"queryParams\": {\"a\\u0000b\": {\"exact\": \"1\"}}}]}"), "traffic.matches[0].queryParams.a\\\\u0000b", "control characters"),
                invalid("null header match", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"headers\": {\"end-user\": null}}]}"), "traffic.matches[0].headers.end-user", "not null"),
                invalid("17 match blocks", canary(BASELINE, CANDIDATE, "{\"matches\": [" + String.join(", ", java.util.Collections.nCopies(17, "{\"uri\": {\"prefix\": \"/\"}}")) + "]}"), "traffic.matches", "at most 16 match blocks, got 17"),
                invalid("a match value of 2 KiB", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"headers\": {\"end-user\": {\"exact\": \"" + "j".repeat(2048) + "\"}}}]}"), "traffic.matches[0].headers.end-user.exact", "over the limit of 1024 characters"),
                invalid("a header name of 2 KiB", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"headers\": {\"" + "h".repeat(2048) + "\": {\"exact\": \"x\"}}}]}"), "traffic.matches[0].headers", "a field name of 2048 characters, over the limit of 1024 characters"),
                invalid("null query parameter match", canary(BASELINE, CANDIDATE, "{\"matches\": [{\"queryParams\": {\"beta\": null}}]}"), "traffic.matches[0].queryParams.beta", "not null"),
                invalid("rollout without steps", rollout(WEIGHTS, "{}"), "rollout.steps", "is required"),
                invalid("rollout step not ascending", rollout("null", "{\"steps\": [10, 50, 25]}"), "rollout.steps[2]", "greater than the step before (50)"),
                invalid("rollout step of 100", rollout("null", "{\"steps\": [10, 100]}"), "rollout.steps[1]", "from 1 to 99"),
                invalid("rollout step null", rollout("null", "{\"steps\": [null]}"), "rollout.steps[0]", "from 1 to 99"),
                invalid("rollout step fractional", rollout("null", "{\"steps\": [10.5]}"), "rollout.steps[0]", "must be an integer"),
                invalid("rollout duration without unit", rollout("null", "{\"steps\": [10], \"minStepDuration\": \"30\"}"), "rollout.minStepDuration", "30s, 5m, 1h"),
                invalid("rollout duration too short", rollout("null", "{\"steps\": [10], \"minStepDuration\": \"1s\"}"), "rollout.minStepDuration", "from 5s to 24h"),
                invalid("rollout max shorter than min", rollout("null", "{\"steps\": [10], \"minStepDuration\": \"5m\", \"maxStepDuration\": \"1m\"}"), "rollout.maxStepDuration", "at least minStepDuration (5m)"),
                invalid("rollout alpha of 1", rollout("null", "{\"steps\": [10], \"analysis\": {\"alpha\": 1}}"), "rollout.analysis.alpha", "from 0.0001 to 0.2"),
                invalid("rollout success rate of 100", rollout("null", "{\"steps\": [10], \"analysis\": {\"successRateMin\": 100}}"), "rollout.analysis.successRateMin", "below 100"),
                invalid("rollout p99 limit negative", rollout("null", "{\"steps\": [10], \"analysis\": {\"latencyP99MaxMs\": -1}}"), "rollout.analysis.latencyP99MaxMs", "above 0"),
                invalid("rollout unknown promotion", rollout("null", "{\"steps\": [10], \"promotion\": \"LATER\"}"), "rollout.promotion", "AUTO, MANUAL"),
                invalid("rollout webhook of an unknown type", rollout("null", "{\"steps\": [10], \"webhooks\": [{\"type\": \"pre-promotion\", \"url\": \"http://a\"}]}"), "rollout.webhooks[0].type", "confirm-rollout"),
                invalid("rollout webhook without a URL", rollout("null", "{\"steps\": [10], \"webhooks\": [{\"type\": \"rollback\"}]}"), "rollout.webhooks[0].url", "absolute http or https URL"),
                invalid("rollout webhook to a file", rollout("null", "{\"steps\": [10], \"webhooks\": [{\"type\": \"event\", \"url\": \"file:///etc/passwd\"}]}"), "rollout.webhooks[0].url", "absolute http or https URL"),
                invalid("rollout traffic not the first step", rollout(WEIGHTS, "{\"steps\": [10, 50]}"), "traffic.weights", "must equal the rollout's first step ({\"v1\": 90, \"v2\": 10})"),
                invalid("rollout with content matches", rollout("{\"matches\": [{\"uri\": {\"prefix\": \"/\"}}]}", "{\"steps\": [10]}"), "traffic.matches", "does not apply with a rollout"),
                invalid("rollout on a blue-green", release("\"BLUE_GREEN\"", "reviews", BASELINE, CANDIDATE, "{\"active\": \"v1\"}").replace("}\n", ", \"rollout\": {\"steps\": [10]}}\n"), "rollout", "applies to CANARY releases only"),
                invalid("rollout unknown field", rollout("null", "{\"steps\": [10], \"interval\": \"1m\"}"), "rollout.interval", "unknown field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidReleases")
    void refusesAnInvalidRelease(String rule, String body, String field, String message) {
        expectInvalid(create(namespace, body), field, message);
        given().get(releases(namespace)).then().body("items.size()", equalTo(0));
    }

    @Test
    void refusesANamespaceThatIsNotADnsLabel() {
        expectInvalid(create("Team_A", tutorialCanary("canary", "reviews")), "namespace", "DNS-1123");
    }

    @Test
    void refusesPathsAndFiltersThatCannotNameARelease() {
        given().get("/api/v1/namespaces/%00/releases/x").then().log().ifValidationFails().statusCode(400)
                .body("errors[0].field", equalTo("namespace"));
        given().urlEncodingEnabled(false).post(releases(namespace) + "/%FF/rollback").then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        given().get(releases(namespace) + "/" + "x".repeat(64) + "/history").then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
        given().queryParam("service", "Reviews").get(releases(namespace)).then().statusCode(400)
                .body("errors[0].field", equalTo("service"));
    }

    @Test
    void refusesABodyOver64KiBWith413AndStillAnswers() {
        String large = tutorialCanary("canary", "reviews").replace("\"name\"", "\"x\": \"" + "a".repeat(70_000)
                + "\", \"name\"");
        create(namespace, large).statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://graylane.io/problems/body-too-large"))
                .body("detail", containsString("65536 bytes"));
        given().contentType(ContentType.JSON).body(new java.io.ByteArrayInputStream(large.getBytes())).post(
                releases(namespace)).then().statusCode(413);
        create(namespace, tutorialCanary("canary", "reviews")).statusCode(201);
    }

    @Test
    void appliesTheSameRulesWhenTheTrafficChanges() {
        create(namespace, tutorialCanary("canary", "reviews")).statusCode(201);

        expectInvalid(putTraffic("{\"weights\": {\"v1\": 50, \"v2\": 40}}"), "traffic.weights", "sum to 100");
        expectInvalid(putTraffic("{\"active\": \"v2\"}"), "traffic.active", "does not apply to CANARY");
        expectInvalid(putTraffic("{\"matches\": [{\"uri\": {\"regex\": \"[\"}}]}"), "traffic.matches[0].uri.regex", "RE2");
        expectInvalid(putTraffic("{\"weights\": {\"v1\": 50, \"v2\": 50}, \"x\": 1}"), "x", "unknown field");
        expectInvalid(putTraffic(""), "body", "required");
        given().get(releases(namespace) + "/canary").then().body("generation", equalTo(1));
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        create(namespace, body("\"Bad\"", "CANARY", "{\"version\": \"V1\"}",
                "{\"version\": \"v2\", \"image\": \"UPPER\", \"replicas\": 0}", WEIGHTS)).statusCode(400)
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("baseline.version"))
                .body("errors.field", hasItem("candidate.image"))
                .body("errors.field", hasItem("candidate.replicas"))
                .body("detail", containsString("4 fields are invalid"));
    }

    @Test
    void answersProblemsForWhatTheFrameworkRefuses() {
        given().contentType(ContentType.TEXT).body("name=canary").post(releases(namespace)).then()
                .statusCode(415).contentType("application/problem+json")
                .body("type", equalTo("https://graylane.io/problems/unsupported-media-type"));
        given().delete(releases(namespace)).then()
                .statusCode(405).contentType("application/problem+json").header("Allow", equalTo("GET, POST"));
        given().get(releases(namespace) + "/canary/takeover").then()
                .statusCode(405).header("Allow", equalTo("POST"));
        given().get("/api/v1/nothing-here").then()
                .statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://graylane.io/problems/not-found"));
        given().queryParam("phase", "Done").get(releases(namespace)).then()
                .statusCode(400).body("errors[0].field", equalTo("phase"))
                .body("errors[0].message", containsString("Pending, Progressing"));
    }

    private ValidatableResponse putTraffic(String body) {
        return given().contentType(ContentType.JSON).body(body).put(releases(namespace) + "/canary/traffic").then();
    }

    private static void expectInvalid(ValidatableResponse response, String field, String message) {
        response.log().ifValidationFails().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://graylane.io/problems/invalid-request"))
                .body("title", not(emptyOrNullString()))
                .body("status", equalTo(400))
                .body("detail", not(emptyOrNullString()))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(message));
    }

    private static Arguments invalid(String rule, String body, String field, String message) {
        return Arguments.of(rule, body, field, message);
    }

    private static String rollout(String traffic, String rollout) {
        return canary(BASELINE, CANDIDATE, traffic).replace("}\n", ", \"rollout\": " + rollout + "}\n");
    }

    private static String canary(String baseline, String candidate, String traffic) {
        return release("\"CANARY\"", "reviews", baseline, candidate, traffic);
    }

    private static String release(String strategy, String service, String baseline, String candidate,
            String traffic) {
        return body("\"canary\"", strategy.startsWith("\"") || strategy.equals("null") || strategy.equals("0")
                ? strategy : "\"" + strategy + "\"", baseline, candidate, traffic).replace("\"reviews\"",
                "\"" + service + "\"");
    }

    private static String body(String name, String strategy, String baseline, String candidate, String traffic) {
        String quotedStrategy = strategy.startsWith("\"") || strategy.equals("null") || strategy.equals("0")
                ? strategy : "\"" + strategy + "\"";
        return """
                {"name": %s, "strategy": %s, "service": "reviews", "baseline": %s, "candidate": %s, "traffic": %s}
                """.formatted(name, quotedStrategy, baseline, candidate, traffic);
    }
}
