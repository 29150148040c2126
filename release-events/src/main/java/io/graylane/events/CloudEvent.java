package io.graylane.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * A CloudEvents 1.0 event in structured JSON mode, as it travels in a Kafka record value.
 *
 * @param subject {@code {namespace}/{release name}}
 * @param data the payload; its record type is named by {@link EventTypes}
 * @param authtype who made the change, as the CloudEvents Auth Context extension says: {@code user} (a person
 *                 whose token the API verified) or {@code system} (a Graylane service); absent when not known
 * @param authid the person's subject (the token's {@code sub}) or the service's name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        String dataschema,
        JsonNode data,
        String authtype,
        String authid) {

    public static final String SPEC_VERSION = "1.0";
    /** Content type of a structured-mode event; also the Kafka {@code content-type} header. */
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public static final String AUTH_USER = "user";
    public static final String AUTH_SYSTEM = "system";

    /** This event as made by {@code authid}: a person ({@code user}) or a Graylane service ({@code system}). */
    public CloudEvent madeBy(String authtype, String authid) {
        return new CloudEvent(specversion, id, source, type, subject, time, datacontenttype, dataschema, data,
                authtype, authid);
    }

    /** The subject of every event about one release. */
    public static String subject(String namespace, String releaseName) {
        return namespace + "/" + releaseName;
    }
}
