package io.graylane.traffic.config;

import io.graylane.events.Producers;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Settings of traffic-service under {@code graylane.*}; application.properties points here. */
@ConfigMapping(prefix = "graylane")
public interface TrafficServiceConfig {

    /** How releases are applied. */
    Reconcile reconcile();

    /** How versions are told apart. */
    Versions versions();

    /** When another writer keeps changing what a release owns. */
    Contest contest();

    /** Events this service produces. */
    Events events();

    /** Settings of the reconciler. */
    interface Reconcile {

        /**
         * How long a version may take to be ready for the traffic a generation gives it before the generation
         * is reported failed (still retried).
         */
        @WithDefault("10m")
        Duration candidateTimeout();

        /** Threads applying releases; one release is only ever applied by one of them at a time. */
        @WithDefault("4")
        int workers();

        /** Longest wait between attempts while the Kubernetes API fails. */
        @WithDefault("30s")
        Duration maxBackoff();

        /** Wait between attempts while the API server refuses a permission (401, 403). */
        @WithDefault("60s")
        Duration forbiddenBackoff();

        /** A pass running longer than this makes traffic-service not live. */
        @WithDefault("5m")
        Duration stuckAfter();
    }

    /** Settings of how the versions of a service are found. */
    interface Versions {

        /**
         * Label keys naming the application, tried in order, each with the version label at the same position
         * of {@link #versionLabels()}: Bookinfo's {@code app}/{@code version}, then Kubernetes' recommended labels.
         */
        @WithDefault("app,app.kubernetes.io/name")
        List<String> appLabels();

        /** Label keys naming the version, paired by position with {@link #appLabels()}. */
        @WithDefault("version,app.kubernetes.io/version")
        List<String> versionLabels();
    }

    /** Settings of the contest detection. */
    interface Contest {

        /** Corrections of one object within {@link #window()} after which Graylane stops correcting it. */
        @WithDefault("5")
        int corrections();

        /** The window the corrections are counted in. */
        @WithDefault("10m")
        Duration window();
    }

    /** Settings of the events. */
    interface Events {

        /** The CloudEvents {@code source} of the reports this service produces; consumers accept only this default (events.Producers). */
        @WithDefault(Producers.TRAFFIC_SERVICE)
        String source();
    }
}
