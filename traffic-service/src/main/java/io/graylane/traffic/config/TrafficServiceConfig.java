package io.graylane.traffic.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of traffic-service under {@code graylane.*}; application.properties points here. */
@ConfigMapping(prefix = "graylane")
public interface TrafficServiceConfig {

    /** How releases are applied. */
    Reconcile reconcile();

    /** Events this service produces. */
    Events events();

    /** Settings of the reconciler. */
    interface Reconcile {

        /** How long a candidate may stay without an available replica before the release is reported failed. */
        @WithDefault("10m")
        Duration candidateTimeout();

        /** Threads applying releases; one release is only ever applied by one of them at a time. */
        @WithDefault("4")
        int workers();

        /** Longest wait between attempts while the Kubernetes API fails. */
        @WithDefault("30s")
        Duration maxBackoff();
    }

    /** Settings of the events. */
    interface Events {

        /** The CloudEvents {@code source} of the reports this service produces. */
        @WithDefault("/graylane/traffic-service")
        String source();
    }
}
