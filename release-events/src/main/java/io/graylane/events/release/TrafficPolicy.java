package io.graylane.events.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * How traffic is shared; which fields apply depends on the {@link Strategy}.
 *
 * @param weights CANARY: version to percent, naming exactly baseline and candidate, summing to 100
 * @param matches CANARY: requests matching any block go to the candidate; the rest follow {@code weights},
 *                or go to the baseline when there are none
 * @param active BLUE_GREEN: the version receiving all traffic
 * @param mirrorPercent MIRROR: share of live traffic copied to the candidate, in (0, 100]
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrafficPolicy(
        Map<String, Integer> weights,
        List<HttpMatch> matches,
        String active,
        BigDecimal mirrorPercent) {
}
