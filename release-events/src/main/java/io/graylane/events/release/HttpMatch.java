package io.graylane.events.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One match block: a request matches when every field that is set matches (AND). A request matching
 * any block of a release goes to the candidate.
 *
 * @param headers header name (lowercase) to the match its value must satisfy
 * @param queryParams query parameter name to the match its value must satisfy
 * @param clientOs the request's User-Agent names one of these operating systems
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HttpMatch(
        Map<String, StringMatch> headers,
        StringMatch uri,
        Map<String, StringMatch> queryParams,
        StringMatch method,
        CookieMatch cookie,
        List<ClientOs> clientOs) {
}
