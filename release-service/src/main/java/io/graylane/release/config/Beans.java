package io.graylane.release.config;

import io.graylane.events.release.ReleaseValidator;
import io.graylane.release.domain.ReleaseLifecycle;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The plain objects release-service injects. */
public class Beans {

    @Produces
    @Singleton
    ReleaseValidator releaseValidator() {
        return new ReleaseValidator();
    }

    @Produces
    @Singleton
    ReleaseLifecycle releaseLifecycle(Clock clock) {
        return new ReleaseLifecycle(clock);
    }
}
