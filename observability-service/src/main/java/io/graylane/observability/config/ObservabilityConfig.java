package io.graylane.observability.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of observability-service under {@code graylane.*}; application.properties points here. */
@ConfigMapping(prefix = "graylane")
public interface ObservabilityConfig {

    /** The raw spans kept for trace queries. */
    Store store();

    /** The aggregated metrics. */
    Metrics metrics();

    /** Admission of incoming spans. */
    Ingest ingest();

    /** Release analysis. */
    Analysis analysis();

    /** The versioned-app graph. */
    Graph graph();

    /** Settings of the span store. */
    interface Store {

        /** Spans kept at most; the oldest traces go first. */
        @WithDefault("1000000")
        long maxSpans();

        /** How long a trace is kept after it arrived. */
        @WithDefault("1h")
        Duration maxAge();
    }

    /** Settings of the metrics. */
    interface Metrics {

        /** The width of a time bucket: the finest step of a series. */
        @WithDefault("10s")
        Duration resolution();

        /** Buckets kept at most; with the default resolution, 24 hours. */
        @WithDefault("8640")
        int maxBuckets();

        /** How long a bucket is kept after its last span. */
        @WithDefault("24h")
        Duration maxAge();

        /** How long a CLIENT span waits for the SERVER span of the same call, and the other way round. */
        @WithDefault("10s")
        Duration pairingTimeout();
    }

    /** Settings of ingest. */
    interface Ingest {

        /** Largest request body accepted; larger ones are answered 413. */
        @WithDefault("5242880")
        int maxBodyBytes();

        /** Requests stored at the same time; more are answered 503 with Retry-After. */
        @WithDefault("8")
        int maxConcurrent();
    }

    /** Settings of release analysis. */
    interface Analysis {

        /** How often a snapshot of each release in progress is published on graylane.analysis. */
        @WithDefault("30s")
        Duration interval();

        /** The window a snapshot covers. */
        @WithDefault("5m")
        Duration window();

        /** The CloudEvents source of the snapshots. */
        @WithDefault("/graylane/observability-service")
        String source();
    }

    /** Settings of the graph. */
    interface Graph {

        /** The cluster named on every node, as Kiali names it ({@code Kubernetes} unless Istio's cluster id is set). */
        @WithDefault("Kubernetes")
        String cluster();
    }
}
