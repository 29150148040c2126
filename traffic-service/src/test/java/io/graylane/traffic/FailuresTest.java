package io.graylane.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.graylane.infra.IssuerResource;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.graylane.events.EventTypes;
import io.graylane.events.Topics;
import io.graylane.events.release.DesiredRelease;
import io.graylane.infra.KafkaResource;
import io.graylane.infra.SharedKafka;
import io.graylane.infra.TopicReader;
import io.graylane.kubetesting.StandInCluster;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What the Kubernetes API refuses, what never becomes ready, and events that cannot be acted on. */
@QuarkusTest
@WithTestResource(IssuerResource.class)
@TestProfile(FailuresTest.ShortTimeouts.class)
@WithTestResource(StandInCluster.class)
@WithTestResource(KafkaResource.class)
class FailuresTest extends SeededNamespaceTest {

    @Test
    void aMissingPermissionIsRetriedSlowlyAndTheReleaseResumesOnceItIsGranted() {
        String path = "/apis/apps/v1/namespaces/" + namespace + "/deployments";
        standIn.expect().post().withPath(path).andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage("deployments.apps is forbidden: User \"system:serviceaccount:graylane-system:"
                        + "traffic-service\" cannot create resource \"deployments\" in API group \"apps\" in the"
                        + " namespace \"" + namespace + "\"").build()).always();

        releases.publish(Releases.canary(namespace, "canary", 70));

        JsonNode failed = reports.await(EventTypes.TRAFFIC_FAILED, 1);
        assertThat(failed.path("reason").asText()).isEqualTo("Forbidden");
        assertThat(failed.path("retryable").asBoolean()).isTrue();
        assertThat(failed.path("message").asText()).startsWith("missing permission to create deployments.apps"
                + " reviews-v2 in namespace " + namespace).contains("cannot create resource");

        standIn.clearExpectations(); // the RoleBinding is added
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
    }

    @Test
    void anInvalidObjectFailsTheGeneration() {
        refuseNextCandidateCreation(422, "Deployment.apps \"reviews-v2\" is invalid: spec.template.spec.containers[0]"
                + ".image: Required value");

        releases.publish(Releases.canary(namespace, "canary", 70));

        JsonNode failed = reports.await(EventTypes.TRAFFIC_FAILED, 1);
        assertThat(failed.path("reason").asText()).isEqualTo("Invalid");
        assertThat(failed.path("retryable").asBoolean()).isFalse();
        assertThat(failed.path("message").asText()).contains("is invalid");
    }

    @Test
    void retriesWhenTheApiServerFailsForAMoment() {
        refuseNextCandidateCreation(503, "etcdserver: leader changed");

        releases.publish(Releases.canary(namespace, "canary", 70));

        JsonNode unavailable = reports.await(EventTypes.TRAFFIC_PROGRESSING, 1);
        assertThat(unavailable.path("reason").asText()).isIn("KubernetesUnavailable", "WaitingForCandidate");
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
    }

    @Test
    void readsAgainAndRetriesWhenSomeoneElseWroteTheVirtualServiceFirst() {
        standIn.expect().put().withPath("/apis/networking.istio.io/v1/namespaces/" + namespace
                + "/virtualservices/reviews").andReturn(409, new StatusBuilder().withCode(409)
                .withReason("Conflict").withMessage("the object has been modified; please apply your changes to"
                        + " the latest version and try again").build()).once();

        releases.publish(Releases.canary(namespace, "canary", 70));

        JsonNode applied = reports.await(EventTypes.TRAFFIC_APPLIED, 1);
        assertThat(applied.at("/routes/weights/v2").asInt()).isEqualTo(30);
        assertThat(reports.all(EventTypes.TRAFFIC_FAILED, 1, Duration.ofSeconds(1))).isEmpty();
    }

    @Test
    void aCandidateThatNeverBecomesReadyFailsAfterTheTimeoutAndRecoversWhenItDoes() {
        holdUnready(CANDIDATE);
        releases.publish(Releases.canary(namespace, "canary", 70));

        JsonNode failed = reports.await(EventTypes.TRAFFIC_FAILED, 1);
        assertThat(failed.path("reason").asText()).isEqualTo("CandidateNotReady");
        assertThat(failed.path("retryable").asBoolean()).isTrue();
        assertThat(goesTo(ANYONE)).isEqualTo(Map.of("v1", 1.0));

        release(CANDIDATE);
        reports.await(EventTypes.TRAFFIC_APPLIED, 1);
    }

    @Test
    void aCandidatePastItsProgressDeadlineFailsTheGeneration() {
        standIn.deployments().hold(namespace, CANDIDATE, true);
        releases.publish(Releases.canary(namespace, "canary", 70));

        JsonNode failed = reports.await(EventTypes.TRAFFIC_FAILED, 1);
        assertThat(failed.path("reason").asText()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(failed.path("message").asText()).contains("reviews-v2 exceeded its progress deadline");
        assertThat(goesTo(ANYONE)).isEqualTo(Map.of("v1", 1.0));
    }

    @Test
    void setsAsideWhatItCannotActOnAndGoesOn() {
        String key = Topics.recordKey(namespace, "reviews");
        releases.sendRaw(key, "{not json");
        releases.sendRaw(key, """
                {"specversion":"1.0","id":"x-%s","source":"/graylane/release-service","type":"io.graylane.release.created.v1",
                 "data":{"namespace":"%s","name":"Bad Name","generation":1}}""".formatted(namespace, namespace));
        releases.sendRaw(key, """
                {"specversion":"1.0","id":"g-%s","source":"/graylane/release-service","type":"io.graylane.release.takeover-requested.v1",
                 "data":{"namespace":"%s","name":"no-baseline","strategy":"CANARY","service":"reviews",
                         "candidate":{"version":"v2","image":"a/b:1"},"traffic":{"weights":{"v1":50,"v2":50}},
                         "intent":"TAKEOVER","governor":"v2","generation":2}}""".formatted(namespace, namespace));
        releases.sendRaw(key, """
                {"specversion":"1.0","id":"s-%s","source":"/graylane/release-service","type":"io.graylane.release.created.v1",
                 "data":{"namespace":"%s","name":"odd","strategy":"SHADOW","service":"reviews","generation":1}}"""
                .formatted(namespace, namespace));
        releases.sendRaw(key, """
                {"specversion":"1.0","id":"f-%s","source":"/someone/else","type":"io.graylane.release.created.v1",
                 "data":{"namespace":"%s","name":"foreign","strategy":"CANARY","service":"reviews",
                         "candidate":{"version":"v2","image":"a/b:1"},"traffic":{"weights":{"v1":50,"v2":50}},
                         "intent":"SPLIT","generation":1}}""".formatted(namespace, namespace));
        DesiredRelease release = releases.publish(Releases.canary(namespace, "canary", 70));
        reports.await(EventTypes.TRAFFIC_APPLIED, release.generation());

        try (TopicReader dead = new TopicReader(SharedKafka.broker().bootstrapServers(), Topics.RELEASES_DEAD_LETTER)) {
            var records = dead.await(r -> key.equals(r.key()), 5, Duration.ofSeconds(20));
            assertThat(records).extracting(ConsumerRecord::value).first().isEqualTo("{not json");
            assertThat(reason(records.get(1))).contains("invalid desired release").contains("name");
            assertThat(reason(records.get(2))).contains("baseline");
            assertThat(reason(records.get(3))).contains("SHADOW");
            assertThat(reason(records.get(4))).contains("source '/someone/else' does not produce graylane.releases");
        }
    }

    private void refuseNextCandidateCreation(int code, String message) {
        standIn.expect().post().withPath("/apis/apps/v1/namespaces/" + namespace + "/deployments")
                .andReturn(code, new StatusBuilder().withCode(code).withMessage(message).build()).once();
    }

    private static String reason(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    }

    /** Versions may take 3 seconds to become ready; a refused permission is asked again every second. */
    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("graylane.reconcile.candidate-timeout", "3s",
                    "graylane.reconcile.forbidden-backoff", "1s");
        }
    }
}
