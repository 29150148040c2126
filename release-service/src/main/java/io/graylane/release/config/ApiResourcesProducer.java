package io.graylane.release.config;

import io.graylane.release.api.ReleaseResource;
import io.graylane.rest.ApiResources;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** The resources of release-service's API, for the Allow header of a 405. */
public class ApiResourcesProducer {

    @Produces
    @Singleton
    ApiResources apiResources() {
        return new ApiResources(List.of(ReleaseResource.class));
    }
}
