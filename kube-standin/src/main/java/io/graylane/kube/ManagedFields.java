package io.graylane.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.zjsonpatch.JsonDiff;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * {@code metadata.managedFields} as a real API server keeps them for writes: one {@code Update} entry per field
 * manager, its {@code time} moved by every write of that manager that changes something, its
 * {@code fieldsV1} naming the fields it wrote (down to the first list; the server spells list items out, the
 * stand-in stops at the list). Enough to say who last changed an object, which is what Graylane reads.
 */
final class ManagedFields {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Fields the server itself sets; writing them changes nothing a manager owns. */
    private static final Set<String> SERVER_FIELDS = Set.of("/metadata/managedFields", "/metadata/resourceVersion",
            "/metadata/generation", "/metadata/uid", "/metadata/creationTimestamp", "/status");

    private ManagedFields() {
    }

    /** Sets {@code wanted}'s managedFields: {@code current}'s, with this write recorded under {@code manager}. */
    static void record(JsonNode current, ObjectNode wanted, String manager, Instant now) {
        ArrayNode entries = current != null && current.path("metadata").path("managedFields").isArray()
                ? (ArrayNode) current.path("metadata").path("managedFields").deepCopy() : JSON.arrayNode();
        ObjectNode written = fieldsWritten(current == null ? JSON.objectNode() : current, wanted);
        if (!written.isEmpty()) {
            takeOwnership(entries, manager, written);
            ObjectNode entry = entryOf(entries, manager);
            entry.put("manager", manager);
            entry.put("operation", "Update");
            entry.put("apiVersion", wanted.path("apiVersion").asText());
            entry.put("time", now.truncatedTo(ChronoUnit.SECONDS).toString());
            entry.put("fieldsType", "FieldsV1");
            ObjectNode fields = entry.has("fieldsV1") ? (ObjectNode) entry.get("fieldsV1") : entry.putObject("fieldsV1");
            merge(fields, written);
        }
        ObjectNode metadata = wanted.has("metadata") ? (ObjectNode) wanted.get("metadata") : wanted.putObject("metadata");
        metadata.set("managedFields", entries);
    }

    private static ObjectNode entryOf(ArrayNode entries, String manager) {
        for (JsonNode entry : entries) {
            if (manager.equals(entry.path("manager").asText()) && "Update".equals(entry.path("operation").asText())
                    && !entry.has("subresource")) {
                return (ObjectNode) entry;
            }
        }
        return entries.addObject();
    }

    /** The fields that differ, as FieldsV1: {@code {"f:spec": {"f:http": {}}}}. */
    private static ObjectNode fieldsWritten(JsonNode current, JsonNode wanted) {
        ObjectNode fields = JSON.objectNode();
        for (JsonNode operation : JsonDiff.asJson(current, wanted)) {
            String path = operation.path("path").asText();
            if (SERVER_FIELDS.stream().anyMatch(field -> path.equals(field) || path.startsWith(field + "/"))) {
                continue;
            }
            ObjectNode node = fields;
            for (String step : path.replaceAll("^/", "").split("/")) {
                if (step.chars().allMatch(Character::isDigit) || step.equals("-")) {
                    break;
                }
                String key = "f:" + step.replace("~1", "/").replace("~0", "~");
                node = node.has(key) ? (ObjectNode) node.get(key) : node.putObject(key);
            }
        }
        return fields;
    }

    /**
     * As the API server does on an Update: the fields written belong to {@code manager} alone from now on, so
     * they leave every other manager's entry (an entry left with no field goes).
     */
    private static void takeOwnership(ArrayNode entries, String manager, ObjectNode written) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            JsonNode entry = entries.get(i);
            if (manager.equals(entry.path("manager").asText()) || !(entry.get("fieldsV1") instanceof ObjectNode owned)) {
                continue;
            }
            remove(owned, written);
            if (owned.isEmpty()) {
                entries.remove(i);
            }
        }
    }

    /**
     * Removes from {@code owned} every field {@code written} names (a leaf there is a whole field). A field
     * owned as a whole (the stand-in's leaf for a subtree written at once) keeps its owner when only a part of it
     * is written: the stand-in cannot spell out the rest as the server does.
     */
    private static void remove(ObjectNode owned, ObjectNode written) {
        written.fields().forEachRemaining(field -> {
            JsonNode mine = owned.get(field.getKey());
            if (mine == null || (mine.isEmpty() && !field.getValue().isEmpty())) {
                return;
            }
            if (field.getValue().isEmpty() || !(mine instanceof ObjectNode mineObject)) {
                owned.remove(field.getKey());
            } else {
                remove(mineObject, (ObjectNode) field.getValue());
                if (mineObject.isEmpty()) {
                    owned.remove(field.getKey());
                }
            }
        });
    }

    private static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(entry -> {
            if (into.get(entry.getKey()) instanceof ObjectNode existing) {
                merge(existing, (ObjectNode) entry.getValue());
            } else {
                into.set(entry.getKey(), entry.getValue().deepCopy());
            }
        });
    }
}
