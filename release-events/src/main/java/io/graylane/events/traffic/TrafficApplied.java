package io.graylane.events.traffic;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A generation is in effect in the cluster.
 *
 * @param objects every object written or deleted, with its resourceVersion
 * @param repointedRoutes routes (the user's included) that sent traffic to a removed version and now
 *                        send it to the version that replaced it
 * @param notes what a person should know of how it was applied, one sentence each: a baseline scaled to zero
 *              rather than deleted, a subset kept because a route Graylane does not own still uses it
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TrafficApplied(
        String namespace,
        String name,
        Long generation,
        AppliedRoutes routes,
        List<TouchedObject> objects,
        List<String> repointedRoutes,
        List<String> notes) {

    public TrafficApplied {
        ReleaseRef.require(namespace, name, generation);
    }
}
