package io.graylane.events.traffic;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.graylane.events.release.HttpMatch;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The routing of a release as written to the cluster.
 *
 * @param weights version to percent of the requests that match no block
 * @param matches blocks whose requests go to {@code matchVersion}
 * @param mirror the version receiving a copy of live traffic, if any
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AppliedRoutes(
        Map<String, Integer> weights,
        List<HttpMatch> matches,
        String matchVersion,
        Mirror mirror) {

    /** A copy of {@code percent} of live traffic goes to {@code version}. */
    public record Mirror(String version, BigDecimal percent) {
    }
}
