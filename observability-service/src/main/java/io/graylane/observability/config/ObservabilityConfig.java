package io.graylane.observability.config;

import io.graylane.events.Producers;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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

    /** A Prometheus that scrapes Istio's standard metrics, for the {@code prometheus} metrics source. */
    Prometheus prometheus();

    /** Settings of the span store. */
    interface Store {

        /** Spans kept at most; the oldest traces go first. */
        @WithDefault("1000000")
        long maxSpans();

        /**
         * Bytes the raw spans may take (encoded spans and each trace's records); the oldest traces go first.
         * With the defaults of the other budgets and the JVM's own, a heap of 1 GiB holds it.
         */
        @WithDefault("384M")
        io.quarkus.runtime.configuration.MemorySize maxBytes();

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

        /**
         * Where per-version metrics, the graph, comparisons and snapshots come from unless a request names
         * one: {@code traces} (the spans received here; as complete as the trace sampling) or
         * {@code prometheus} (Istio's standard metrics from {@code graylane.prometheus.url}).
         */
        @WithDefault("traces")
        SourceName source();

        /** How long a CLIENT span waits for the SERVER span of the same call, and the other way round. */
        @WithDefault("10s")
        Duration pairingTimeout();

        /**
         * Bytes the halves of calls waiting for their other half may take (estimated per span); past it the
         * oldest is counted alone at once, as after the pairing timeout, and that is counted on /q/metrics.
         */
        @WithDefault("64M")
        io.quarkus.runtime.configuration.MemorySize pairingMaxBytes();

        /**
         * Series (workloads, calls between them, Zipkin links) held at most; spans of new series past it are
         * not counted, which the answers say and /q/metrics counts.
         */
        @WithDefault("20000")
        int maxSeries();

        /**
         * Bytes the aggregated metrics may take (estimated at 512 bytes per series and bucket); past it spans
         * that need a new entry are not counted, which the answers say and /q/metrics counts.
         */
        @WithDefault("256M")
        io.quarkus.runtime.configuration.MemorySize maxBytes();
    }

    /** The metrics sources. */
    enum SourceName {
        traces, prometheus
    }

    /** How to reach a cluster's Prometheus. */
    interface Prometheus {

        /** Its base URL, e.g. {@code http://prometheus.istio-system:9090}; without it the source is not offered. */
        Optional<URI> url();

        /** A bearer token sent with every query. */
        Optional<String> bearerToken();

        /** A file holding the bearer token, read again every minute (a projected service account token rotates). */
        Optional<Path> bearerTokenFile();

        /** User of HTTP basic authentication. */
        Optional<String> username();

        /** Password of HTTP basic authentication. */
        Optional<String> password();

        /** PEM bundle of the certificate authorities trusted for an https URL (the JVM's own otherwise). */
        Optional<Path> caFile();

        /** How long to wait for a connection. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** How long a query may take, here and as Prometheus' own {@code timeout} parameter. */
        @WithDefault("10s")
        Duration timeout();
    }

    /** Settings of ingest. */
    interface Ingest {

        /** Largest request body accepted; larger ones are answered 413. */
        @WithDefault("5242880")
        int maxBodyBytes();

        /** Requests stored at the same time; more are answered 503 with Retry-After. */
        @WithDefault("8")
        int maxConcurrent();

        /**
         * The port of span ingest (Zipkin's {@code POST /api/v2/spans} and OTLP/HTTP's {@code POST /v1/traces}),
         * apart from the API's so that a NetworkPolicy can say who may send spans: Zipkin's 9411 by default;
         * 0 picks a free one. On the same host address as the API ({@code quarkus.http.host}).
         */
        @WithDefault("9411")
        int port();

        /**
         * A token collectors that can send one must present ({@code Authorization: Bearer <token>}); unset,
         * ingest takes spans without credentials, as Istio's Envoy sends them.
         */
        Optional<String> token();
    }

    /** Settings of release analysis. */
    interface Analysis {

        /** How often a snapshot of each release in progress is published on graylane.analysis. */
        @WithDefault("30s")
        Duration interval();

        /** The window a snapshot covers. */
        @WithDefault("5m")
        Duration window();

        /** The CloudEvents source of the snapshots; consumers accept only this default (events.Producers). */
        @WithDefault(Producers.OBSERVABILITY_SERVICE)
        String source();

        /** How often the canary judge looks at each release under a rollout and publishes its verdicts. */
        @WithDefault("5s")
        Duration judgeInterval();

        /**
         * How long after a step's weights were applied the judge starts counting: the mesh needs time to route by
         * them (Istio pushes the configuration to every sidecar) and Prometheus to scrape a candidate's new series
         * once (increase() misses what a series counted before its first scrape). At least the scrape interval
         * plus the configuration's propagation: the default suits Istio's usual 15 s scrape interval.
         */
        @WithDefault("30s")
        Duration settle();
    }

    /** Settings of the graph. */
    interface Graph {

        /** The cluster named on every node, as Kiali names it ({@code Kubernetes} unless Istio's cluster id is set). */
        @WithDefault("Kubernetes")
        String cluster();
    }
}
