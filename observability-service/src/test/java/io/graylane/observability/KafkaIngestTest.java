package io.graylane.observability;

import static io.graylane.infra.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graylane.infra.IssuerResource;
import io.graylane.events.Topics;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.TopicReader;
import io.graylane.infra.TopicWriter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Spans from the zipkin topic, as Zipkin's Kafka collector takes them; unreadable records set aside. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@WithTestResource(KafkaResource.class)
class KafkaIngestTest {

    @Test
    void storesSpansFromTheTopicAndSetsAsideWhatItCannotRead() {
        String key = "k-" + UUID.randomUUID();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String spans = """
                [{"traceId":"%s","id":"48485a3953bb6124","kind":"SERVER","name":"get /kafka",
                  "timestamp":%d,"duration":1000,"localEndpoint":{"serviceName":"kafka-sent"}}]
                """.formatted(traceId, System.currentTimeMillis() * 1000);
        try (TopicWriter writer = new TopicWriter(SharedKafka.broker().bootstrapServers())) {
            writer.send(Topics.ZIPKIN_SPANS, key, "[{\"traceId\": \"xyz\"}]");
            writer.send(Topics.ZIPKIN_SPANS, key, spans);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/api/v2/trace/" + traceId).then().statusCode(200));
        try (TopicReader dead = new TopicReader(SharedKafka.broker().bootstrapServers(), "zipkin.dead-letter")) {
            var record = dead.await(r -> key.equals(r.key()), 1, Duration.ofSeconds(30)).get(0);
            assertThat(new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .contains("xyz");
        }
    }
}
