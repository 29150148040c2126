package io.graylane.traffic;

import io.graylane.kubetesting.ApiCallRecorder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.events.release.DesiredRelease;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What the Kubernetes API refuses, what never becomes ready, and events that cannot be read. */
@QuarkusTest
@TestProfile(FailuresTest.ShortCandidateTimeout.class)
@WithKubernetesTestServer(crud = true, setup = ApiCallRecorder.class)
@WithTestResource(KafkaResource.class)
class FailuresTest extends SeededNamespaceTest {

    @Test
    void aForbiddenWriteFailsTheGenerationWithTheApiServersMessage() {
        refuseNextCandidateCreation(403, "deployments.apps is forbidden: User \"system:serviceaccount:graylane:"
                + "traffic-service\" cannot create resource \"deployments\"");

        releases.publish(Releases.canary(namespace, "canary", 70));

        JsonNode failed = reports.await(EventTypes.TRAFFIC_FAILED, 1);
        assertThat(failed.path("reason").asText()).isEqualTo("Forbidden");
        assertThat(failed.path("retryable").asBoolean()).isFalse();
        assertThat(failed.path("message").asText()).contains("cannot create resource");
    }

    @Test
    void anInvalidObjectFailsTheGeneration() {
        refuseNextCandidateCreation(422, "Deployment.apps \"reviews-v2\" is invalid: spec.template.spec.containers[0]"
                + ".image: Required value");

        releases.publish(Releases.canary(namespace, "canary", 70));

        JsonNode failed = reports.await(EventTypes.TRAFFIC_FAILED, 1);
        assertThat(failed.path("reason").asText()).isEqualTo("Invalid");
        assertThat(failed.path("message").asText()).contains("is invalid");
    }

    @Test
    void retriesWhenTheApiServerFailsForAMoment() {
        refuseNextCandidateCreation(503, "etcdserver: leader changed");

        releases.publish(Releases.canary(namespace, "canary", 70));

        JsonNode unavailable = reports.await(EventTypes.TRAFFIC_PROGRESSING, 1);
        assertThat(unavailable.path("reason").asText()).isIn("KubernetesUnavailable", "WaitingForCandidate");
        makeCandidateAvailable();
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
    }

    @Test
    void readsAgainAndRetriesWhenSomeoneElseWroteTheVirtualServiceFirst() {
        server.expect().put().withPath("/apis/networking.istio.io/v1/namespaces/" + namespace
                + "/virtualservices/reviews").andReturn(409, new StatusBuilder().withCode(409)
                .withReason("Conflict").withMessage("the object has been modified; please apply your changes to"
                        + " the latest version and try again").build()).once();

        releases.publish(Releases.canary(namespace, "canary", 70));
        makeCandidateAvailable();

        JsonNode applied = reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        assertThat(applied.at("/routes/weights/v2").asInt()).isEqualTo(30);
        assertThat(reports.all(EventTypes.TRAFFIC_FAILED, 1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aCandidateThatNeverBecomesReadyFailsAfterTheTimeoutAndRecoversWhenItDoes() {
        releases.publish(Releases.canary(namespace, "canary", 70));

        JsonNode failed = reports.await(EventTypes.TRAFFIC_FAILED, 1);
        assertThat(failed.path("reason").asText()).isEqualTo("CandidateNotReady");
        assertThat(failed.path("retryable").asBoolean()).isTrue();

        Bookinfo.makeAvailable(client, namespace, "reviews-v2");
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
    }

    @Test
    void setsAsideWhatItCannotReadAndGoesOn() {
        String key = Topics.recordKey(namespace, "reviews");
        releases.sendRaw(key, "{not json");
        releases.sendRaw(key, """
                {"specversion":"1.0","id":"x-%s","source":"/x","type":"io.graylane.release.created.v1",
                 "data":{"namespace":"%s","name":"Bad Name","generation":1}}""".formatted(namespace, namespace));
        DesiredRelease release = releases.publish(Releases.canary(namespace, "canary", 70));
        makeCandidateAvailable();
        reports.await(EventTypes.TRAFFIC_APPLIED, release.generation());

        try (TopicReader dead = new TopicReader(SharedKafka.broker().bootstrapServers(), Topics.RELEASES_DEAD_LETTER)) {
            var records = dead.await(r -> key.equals(r.key()), 2, Duration.ofSeconds(20));
            assertThat(records).extracting(ConsumerRecord::value).first().isEqualTo("{not json");
            assertThat(reason(records.get(1))).contains("invalid desired release").contains("name");
        }
    }

    private void refuseNextCandidateCreation(int code, String message) {
        server.expect().post().withPath("/apis/apps/v1/namespaces/" + namespace + "/deployments")
                .andReturn(code, new StatusBuilder().withCode(code).withMessage(message).build()).once();
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }

    /** Candidates may take 3 seconds to become ready. */
    public static class ShortCandidateTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("graylane.reconcile.candidate-timeout", "3s");
        }
    }
}
