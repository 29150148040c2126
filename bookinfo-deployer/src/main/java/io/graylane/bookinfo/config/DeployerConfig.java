package io.graylane.bookinfo.config;

import io.graylane.events.Producers;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;

/** Settings of bookinfo-deployer under {@code graylane.*}; application.properties points here. */
@ConfigMapping(prefix = "graylane")
public interface DeployerConfig {

    /** Events this service produces. */
    Events events();

    /** Traffic through Bookinfo. */
    Traffic traffic();

    /** Settings of the events. */
    interface Events {

        /** The CloudEvents {@code source} of the announcements; consumers accept only this default (events.Producers). */
        @WithDefault(Producers.BOOKINFO_DEPLOYER)
        String source();
    }

    /** Settings of the traffic runs. */
    interface Traffic {

        /**
         * {@code real}: requests go to the productpage URL, as the tutorial's curl loop does. {@code simulated}:
         * no request is made; the spans Istio's Envoy would report are computed from the routing in the
         * cluster and sent to observability-service. {@code ./graylane up} sets {@code simulated} on its local
         * Kubernetes stand-in, where no pod runs.
         */
        @WithDefault("real")
        Mode mode();

        /** Where observability-service takes Zipkin spans, for the simulation. */
        @WithDefault("http://localhost:8083")
        URI observabilityUrl();

        /** The productpage URL of real runs, unless a run names its own (the ingress gateway's, usually). */
        @WithDefault("http://localhost:8080/productpage")
        URI productpageUrl();
    }

    /** How a traffic run makes its requests. */
    enum Mode {
        real,
        simulated
    }
}
