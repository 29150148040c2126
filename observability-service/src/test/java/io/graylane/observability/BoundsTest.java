package io.graylane.observability;

import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.graylane.infra.IssuerResource;
import io.graylane.infra.KafkaResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

/** The store is bounded; metrics stay right when raw spans go; too large a body is refused. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@TestProfile(BoundsTest.SmallStore.class)
@WithTestResource(KafkaResource.class)
class BoundsTest {

    @Test
    void evictsTheOldestTracesButKeepsCountingThem() {
        String namespace = "t-" + UUID.randomUUID().toString().substring(0, 8);
        BookinfoTraffic traffic = new BookinfoTraffic(1, namespace);
        List<Span> spans = traffic.requests(50, 0.5, 0.0, (System.currentTimeMillis() - 20_000) * 1000);
        for (int i = 0; i < spans.size(); i += 4) {
            Ingest.given().contentType(ContentType.JSON).body(SpanBytesEncoder.JSON_V2.encodeList(spans.subList(i, i + 4)))
                    .post("/api/v2/spans").then().statusCode(202);
        }

        given().get("/api/v2/trace/" + spans.get(0).traceId()).then().statusCode(404);
        given().get("/api/v2/trace/" + spans.get(spans.size() - 1).traceId()).then().statusCode(200);
        long counted = given().get("/api/v1/namespaces/" + namespace + "/services/reviews/metrics?window=5m")
                .then().statusCode(200).extract().<Integer>path("total.requests");
        assertThat(counted).isEqualTo(50);
    }

    @Test
    void refusesABodyLargerThanTheLimit() {
        Ingest.given().contentType(ContentType.JSON).body(new byte[70_000]).post("/api/v2/spans").then()
                .statusCode(413).contentType("application/problem+json");
    }

    /** Twenty spans at most, and 64 KiB bodies. */
    public static class SmallStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("graylane.store.max-spans", "20", "graylane.ingest.max-body-bytes", "65536");
        }
    }
}
