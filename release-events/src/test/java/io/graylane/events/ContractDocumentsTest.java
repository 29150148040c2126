package io.graylane.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.graylane.events.analysis.AnalysisSnapshot;
import io.graylane.events.analysis.SplitCheck;
import io.graylane.events.analysis.VersionStats;
import io.graylane.events.bookinfo.BookinfoDeployed;
import io.graylane.events.bookinfo.BookinfoRemoved;
import io.graylane.events.bookinfo.BookinfoWorkload;
import io.graylane.events.bookinfo.ObjectChange;
import io.graylane.events.release.Baseline;
import io.graylane.events.release.Candidate;
import io.graylane.events.release.ClientOs;
import io.graylane.events.release.CookieMatch;
import io.graylane.events.release.DesiredRelease;
import io.graylane.events.release.HttpMatch;
import io.graylane.events.release.Intent;
import io.graylane.events.release.PhaseChanged;
import io.graylane.events.release.ReleasePhase;
import io.graylane.events.release.Strategy;
import io.graylane.events.release.StringMatch;
import io.graylane.events.release.TrafficPolicy;
import io.graylane.events.traffic.AppliedRoutes;
import io.graylane.events.traffic.DriftCorrected;
import io.graylane.events.traffic.TouchedObject;
import io.graylane.events.traffic.TrafficApplied;
import io.graylane.events.traffic.TrafficCondition;
import io.graylane.events.traffic.TrafficFailed;
import io.graylane.events.traffic.TrafficProgressing;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import io.graylane.events.analysis.AnalysisVerdict;
import io.graylane.events.analysis.CheckVerdict;
import io.graylane.events.release.Rollout;
import io.graylane.events.release.RolloutDecision;
import io.graylane.events.release.RolloutState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The AsyncAPI document and the JSON Schemas describe exactly the events the code produces. */
class ContractDocumentsTest {

    private static final String SCHEMA_BASE = "https://graylane.io/schemas/events/";

    private final EventCodec codec = new EventCodec();
    private final JsonNode asyncApi = readYaml("/asyncapi.yaml");
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));

    @Test
    void everyEventTypeIsAMessageOnTheChannelOfItsTopic() {
        assertThat(messageNames(Topics.RELEASES)).isEqualTo(EventTypes.ON_RELEASES);
        assertThat(messageNames(Topics.TRAFFIC)).isEqualTo(EventTypes.ON_TRAFFIC);
        assertThat(messageNames(Topics.ANALYSIS)).isEqualTo(EventTypes.ON_ANALYSIS);
        assertThat(messageNames(Topics.BOOKINFO)).isEqualTo(EventTypes.ON_BOOKINFO);
        assertThat(messageNames(Topics.ROLLOUTS)).isEqualTo(EventTypes.ON_ROLLOUTS);
        assertThat(channelAddresses()).contains(Topics.TRAFFIC_DEAD_LETTER);
    }

    @Test
    void whatTheCodeProducesValidatesAgainstTheDocumentedSchemas() {
        JsonSchema envelope = schemas.getSchema(asyncApi.at("/components/schemas/CloudEvent"));
        for (Map.Entry<String, Object> sample : samples().entrySet()) {
            CloudEvent event = codec.create("/test", sample.getKey(), "demo/canary", sample.getValue());
            JsonNode json = codec.read(codec.write(event)).data();
            assertThat(envelope.validate(tree(codec.write(event)))).as(sample.getKey() + " envelope").isEmpty();
            assertThat(dataSchemaOf(sample.getKey()).validate(json)).as(sample.getKey()).isEmpty();
        }
    }

    @Test
    void theSchemasRefuseWhatTheContractForbids() {
        ObjectNode release = (ObjectNode) tree(codec.write(codec.create("/t", EventTypes.RELEASE_CREATED, "d/c",
                samples().get(EventTypes.RELEASE_CREATED)))).get("data");
        JsonSchema schema = dataSchemaOf(EventTypes.RELEASE_CREATED);

        assertThat(errors(schema, release.deepCopy().put("generation", 0))).isNotEmpty();
        assertThat(errors(schema, release.deepCopy().put("service", "Reviews"))).isNotEmpty();
        ObjectNode stringWeight = release.deepCopy();
        ((ObjectNode) stringWeight.at("/traffic/weights")).put("v2", "30");
        assertThat(errors(schema, stringWeight)).isNotEmpty();
        ObjectNode twoOperators = release.deepCopy();
        ((ObjectNode) twoOperators.at("/traffic/matches/0/uri")).put("exact", "/reviews");
        assertThat(errors(schema, twoOperators)).isNotEmpty();
        assertThat(errors(dataSchemaOf(EventTypes.TRAFFIC_FAILED),
                tree("{\"namespace\":\"d\",\"name\":\"c\",\"generation\":1,\"retryable\":false}"))).isNotEmpty();
    }

    private static Set<ValidationMessage> errors(JsonSchema schema, JsonNode json) {
        return schema.validate(json);
    }

    private JsonSchema dataSchemaOf(String type) {
        for (JsonNode message : asyncApi.at("/components/messages")) {
            if (message.path("name").asText().equals(type)) {
                String file = message.at("/payload/allOf/1/properties/data/$ref").asText();
                return schemas.getSchema(SchemaLocation.of(SCHEMA_BASE + file.substring("schemas/".length())));
            }
        }
        throw new AssertionError("no message named " + type);
    }

    private Set<String> messageNames(String topic) {
        Set<String> names = new HashSet<>();
        asyncApi.path("channels").forEach(channel -> {
            if (channel.path("address").asText().equals(topic)) {
                channel.path("messages").forEach(ref -> names.add(asyncApi.at(ref.path("$ref").asText().substring(1))
                        .path("name").asText()));
            }
        });
        return names;
    }

    private Set<String> channelAddresses() {
        Set<String> addresses = new HashSet<>();
        asyncApi.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        return addresses;
    }

    private static Map<String, Object> samples() {
        HttpMatch match = new HttpMatch(Map.of("end-user", new StringMatch("jason", null, null)),
                new StringMatch(null, "/reviews", null), Map.of("beta", new StringMatch(null, null, "^(1|true)$")),
                new StringMatch("GET", null, null), new CookieMatch("canary", "yes"),
                List.of(ClientOs.Android, ClientOs.iOS));
        TrafficPolicy traffic = new TrafficPolicy(Map.of("v1", 70, "v2", 30), List.of(match), null, null);
        DesiredRelease desired = new DesiredRelease("demo", "canary", Strategy.CANARY, "reviews",
                new Baseline("v1"), new Candidate("v2", "kubesphere/examples-bookinfo-reviews-v2:1.13.0", 1, true), true, traffic,
                Intent.TAKEOVER, "v2", 2, new Rollout(List.of(10, 25, 50), "30s", "10m",
                        new Rollout.Analysis(0.01, 99.0, 500.0, 2.0), Rollout.Promotion.AUTO,
                        List.of(new Rollout.Webhook(Rollout.WebhookType.CONFIRM_PROMOTION, "http://gate.example/ok"))));
        Map<String, Object> samples = new HashMap<>();
        EventTypes.DESIRED_RELEASE.forEach(type -> samples.put(type, desired));
        samples.put(EventTypes.RELEASE_PHASE_CHANGED, new PhaseChanged("demo", "canary", "reviews",
                ReleasePhase.Pending, ReleasePhase.Active, 2, "TrafficApplied", "generation 2 applied", desired));
        samples.put(EventTypes.TRAFFIC_PROGRESSING, new TrafficProgressing("demo", "canary", 2L,
                "WaitingForCandidate", "0 of 1 ready"));
        samples.put(EventTypes.TRAFFIC_APPLIED, new TrafficApplied("demo", "canary", 2L,
                new AppliedRoutes(Map.of("v1", 100), List.of(match), "v2",
                        new AppliedRoutes.Mirror("v2", new BigDecimal("12.5"))),
                List.of(new TouchedObject("networking.istio.io/v1", "VirtualService", "reviews", "4711"),
                        new TouchedObject("apps/v1", "Deployment", "reviews-v1", null)),
                List.of("user-route-1"), List.of("Deployment reviews-v1 scaled to 0: Graylane did not create it")));
        samples.put(EventTypes.TRAFFIC_FAILED, new TrafficFailed("demo", "canary", 2L, "BaselineNotFound",
                "no Deployment labelled app=reviews,version=v1", false));
        samples.put(EventTypes.TRAFFIC_DRIFT_CORRECTED, new DriftCorrected("demo", "canary", 2L,
                List.of("route graylane-canary: weight v2 50 -> 30")));
        samples.put(EventTypes.TRAFFIC_CONDITION, new TrafficCondition("demo", "canary", 2L, "Contested", "True",
                "ChangedByAnotherWriter", "VirtualService reviews route http[0]: argocd-application-controller"));
        samples.put(EventTypes.ANALYSIS_SNAPSHOT, new AnalysisSnapshot("demo", "canary", "reviews", 2,
                Instant.parse("2026-11-30T10:00:00Z"), Instant.parse("2026-11-30T10:05:00Z"),
                List.of(new VersionStats("v1", "baseline", 700, 2.33, 0.99, 0.01, 3, 4.1, 9.8, 15.0),
                        new VersionStats("v2", "candidate", 300, 1.0, 1.0, 0.0, 0, null, null, null)),
                new SplitCheck(Map.of("v1", 0.7, "v2", 0.3), Map.of("v1", 700L, "v2", 300L), 0.0, 1.0,
                        SplitCheck.Verdict.MATCHES, "1000 requests; p = 1.0"), 2L,
                Instant.parse("2026-11-30T10:01:10Z"), "prometheus"));
        CheckVerdict errors = new CheckVerdict("errors", CheckVerdict.Outcome.FAIL, 412.5, 333.3,
                Map.of("baselineRequests", 1800, "baselineErrors", 9, "candidateRequests", 200, "candidateErrors", 20),
                List.of("3ba55609c3cde49649cd77d1f9dcd936"));
        CheckVerdict split = new CheckVerdict("split", CheckVerdict.Outcome.NEED_MORE_DATA, 1.2, 333.3, Map.of(),
                null);
        samples.put(EventTypes.ANALYSIS_VERDICT, new AnalysisVerdict("demo", "canary", "reviews", 2,
                Map.of("v1", 90, "v2", 10), Instant.parse("2026-11-30T10:00:00Z"),
                Instant.parse("2026-11-30T10:01:00Z"), "prometheus", CheckVerdict.Outcome.FAIL,
                List.of(split, errors)));
        samples.put(EventTypes.ROLLOUT_DECISION, new RolloutDecision("demo", "canary", "reviews",
                OffsetDateTime.parse("2026-11-30T10:01:00Z"), 3, 1, Map.of("v1", 90, "v2", 10), List.of(split, errors),
                "rollback", "judge", "the judge found the candidate worse: errors", RolloutState.Aborted));
        List<ObjectChange> changes = List.of(new ObjectChange(ObjectChange.Action.created, "Deployment", "reviews-v1"),
                new ObjectChange(ObjectChange.Action.updated, "Namespace", "demo"));
        samples.put(EventTypes.BOOKINFO_DEPLOYED, new BookinfoDeployed("demo", 3, List.of(new BookinfoWorkload(
                "reviews-v1", "reviews", "v1", "kubesphere/examples-bookinfo-reviews-v1:1.13.0")), changes));
        samples.put(EventTypes.BOOKINFO_REMOVED, new BookinfoRemoved("demo", 4, List.of(
                new ObjectChange(ObjectChange.Action.deleted, "Service", "reviews"))));
        return samples;
    }

    private static JsonNode readYaml(String resource) {
        try (InputStream in = ContractDocumentsTest.class.getResourceAsStream(resource)) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
