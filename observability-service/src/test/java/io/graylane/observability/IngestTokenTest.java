package io.graylane.observability;

import io.graylane.infra.IssuerResource;
import io.graylane.infra.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With graylane.ingest.token set, a collector must present it to send spans. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(KafkaResource.class)
@TestProfile(IngestTokenTest.CollectorToken.class)
class IngestTokenTest {

    static final String TOKEN = UUID.randomUUID().toString();

    public static class CollectorToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("graylane.ingest.token", TOKEN);
        }
    }

    @Test
    void takesSpansOnlyFromACollectorPresentingTheToken() {
        Ingest.given().contentType(ContentType.JSON).body("[]").post("/api/v2/spans").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer").contentType("application/problem+json");
        Ingest.given().auth().oauth2("not-" + TOKEN).contentType(ContentType.JSON).body("[]").post("/v1/traces")
                .then().statusCode(401);
        Ingest.given().auth().oauth2(TOKEN).contentType(ContentType.JSON).body("[]").post("/api/v2/spans").then()
                .statusCode(202);
    }
}
