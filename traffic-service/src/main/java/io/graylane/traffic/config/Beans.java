package io.graylane.traffic.config;

import io.graylane.rest.ApiResources;
import io.graylane.traffic.api.RoutingResource;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** The plain objects traffic-service injects. */
public class Beans {

    @Produces
    @Singleton
    ApiResources apiResources() {
        return new ApiResources(List.of(RoutingResource.class));
    }
}
