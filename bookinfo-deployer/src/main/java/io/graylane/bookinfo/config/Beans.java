package io.graylane.bookinfo.config;

import io.graylane.bookinfo.api.BookinfoResource;
import io.graylane.bookinfo.api.TrafficResource;
import io.graylane.rest.ApiResources;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** The plain objects bookinfo-deployer injects. */
public class Beans {

    @Produces
    @Singleton
    ApiResources apiResources() {
        return new ApiResources(List.of(BookinfoResource.class, TrafficResource.class));
    }
}
