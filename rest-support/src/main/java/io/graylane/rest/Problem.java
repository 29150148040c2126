package io.graylane.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.graylane.events.release.Violation;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem document: the body of every 4xx and 5xx answer.
 *
 * @param type a URI naming the kind of problem, documented in docs/problems.md
 * @param errors the fields at fault, for invalid requests
 * @param extensions further members, e.g. the release's current {@code phase}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<Violation> errors,
        @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @JsonAnyGetter
    Map<String, Object> members() {
        return extensions;
    }
}
