package io.graylane.kubetesting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Validates objects against the openAPIV3Schema of Istio's own CRDs (test resource istio/crds.yaml). Stricter
 * than the API server: an object schema that lists its properties accepts no others, so a field the API
 * server would silently prune fails here. CEL rules (x-kubernetes-validations) are not evaluated.
 */
public final class IstioSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonSchema> BY_KIND = load();

    private IstioSchemas() {
    }

    public static void assertValid(HasMetadata object) {
        JsonSchema schema = BY_KIND.get(object.getKind());
        assertThat(schema).as("a CRD schema for " + object.getKind()).isNotNull();
        JsonNode json = JSON.valueToTree(object);
        ((ObjectNode) json).remove("status");
        assertThat(schema.validate(json)).as(object.getKind() + " " + object.getMetadata().getName() + ": " + json)
                .isEmpty();
    }

    private static Map<String, JsonSchema> load() {
        Map<String, JsonSchema> schemas = new HashMap<>();
        try (InputStream in = IstioSchemas.class.getResourceAsStream("/istio/crds.yaml")) {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            YAMLParser parser = new YAMLFactory().createParser(in);
            for (JsonNode crd : yaml.readValues(parser, JsonNode.class).readAll()) {
                JsonNode openApi = crd.at("/spec/versions/0/schema/openAPIV3Schema").deepCopy();
                closed((ObjectNode) openApi.path("properties").path("spec"));
                ((ObjectNode) openApi.path("properties")).remove("status");
                schemas.put(crd.at("/spec/names/kind").asText(),
                        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(openApi));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return schemas;
    }

    /** Object schemas that name their properties accept no others, as a structural schema prunes them. */
    private static void closed(ObjectNode schema) {
        if (schema.has("properties") && !schema.has("additionalProperties")
                && !schema.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            schema.put("additionalProperties", false);
        }
        schema.properties().forEach(entry -> {
            if (entry.getValue().isObject()) {
                closedAll(entry.getValue());
            }
        });
    }

    private static void closedAll(JsonNode node) {
        if (node.isObject()) {
            if (node.has("type") && "object".equals(node.path("type").asText())) {
                closed((ObjectNode) node);
                return;
            }
            node.forEach(IstioSchemas::closedAll);
        } else if (node.isArray()) {
            node.forEach(IstioSchemas::closedAll);
        }
    }
}
