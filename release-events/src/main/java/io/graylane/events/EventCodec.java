package io.graylane.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * Writes and reads Graylane CloudEvents. A tolerant reader: unknown attributes and fields are ignored,
 * so producers can add to a {@code .v1} type without breaking consumers.
 */
public final class EventCodec {

    private static final Set<String> REQUIRED = Set.of("specversion", "id", "source", "type");

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);

    /** A new event with a fresh id, the current time and {@code data} as its payload. */
    public CloudEvent create(String source, String type, String subject, Object data) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject,
                OffsetDateTime.now(ZoneOffset.UTC), CloudEvent.DATA_CONTENT_TYPE, null, mapper.valueToTree(data), null, null);
    }

    /** The event as structured-mode JSON. */
    public String write(CloudEvent event) {
        try {
            return mapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write event " + event.id(), e);
        }
    }

    /** Parses a structured-mode event and checks its required attributes. */
    public CloudEvent read(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty record value: expected a CloudEvent in structured JSON mode");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (!tree.isObject()) {
            throw new MalformedEventException("expected a JSON object, got " + tree.getNodeType());
        }
        for (String attribute : REQUIRED) {
            if (!tree.path(attribute).isTextual() || tree.path(attribute).asText().isBlank()) {
                throw new MalformedEventException("missing CloudEvents attribute '" + attribute + "'");
            }
        }
        if (!CloudEvent.SPEC_VERSION.equals(tree.get("specversion").asText())) {
            throw new MalformedEventException("unsupported specversion " + tree.get("specversion").asText());
        }
        try {
            return mapper.treeToValue(tree, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("bad CloudEvents attribute: " + e.getOriginalMessage(), e);
        }
    }

    /** The event's payload as the record its type names. */
    public <T> T data(CloudEvent event, Class<T> type) {
        if (event.data() == null || !event.data().isObject()) {
            throw new MalformedEventException(event.type() + " " + event.id() + " has no data object");
        }
        try {
            return mapper.treeToValue(event.data(), type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(event.type() + " " + event.id() + ": " + e.getOriginalMessage(), e);
        }
    }
}
