package io.graylane.bookinfo.traffic;

import io.prometheus.client.Collector.MetricFamilySamples;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Histogram;
import io.prometheus.client.exporter.common.TextFormat;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Istio's standard metrics as the simulated sidecars' Envoys would expose them on {@code /stats/prometheus}:
 * {@code istio_requests_total} and {@code istio_request_duration_milliseconds} (Istio's default buckets), each
 * request reported by the caller's proxy ({@code reporter="source"}) and, when it reached a pod, by the
 * callee's ({@code reporter="destination"}), with Istio's labels
 * (https://istio.io/latest/docs/reference/config/metrics/). A request refused before any pod (no route, no
 * healthy upstream) has {@code unknown} destination workload and version, as Envoy reports it.
 */
@ApplicationScoped
public class IstioMetrics {

    /** Istio's default buckets of istio_request_duration_milliseconds. */
    static final double[] BUCKETS = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000,
        300000, 600000, 1800000, 3600000};
    private static final String[] LABELS = {"reporter", "source_workload", "source_workload_namespace",
        "source_principal", "source_app", "source_version", "source_canonical_service", "source_canonical_revision",
        "source_cluster", "destination_workload", "destination_workload_namespace", "destination_principal",
        "destination_app", "destination_version", "destination_service", "destination_service_name",
        "destination_service_namespace", "destination_canonical_service", "destination_canonical_revision",
        "destination_cluster", "request_protocol", "response_code", "grpc_response_status", "response_flags",
        "connection_security_policy"};
    private static final String UNKNOWN = "unknown";
    private static final String CLUSTER = "Kubernetes";

    /** Each sidecar's metrics, as Prometheus scrapes them pod by pod on a cluster; by pod name. */
    private final Map<String, Sidecar> byPod = new ConcurrentHashMap<>();

    /** The metrics one Envoy exposes. */
    private record Sidecar(CollectorRegistry registry, Counter requests, Histogram duration) {

        Sidecar() {
            this(new CollectorRegistry());
        }

        private Sidecar(CollectorRegistry registry) {
            this(registry, Counter.build("istio_requests_total", "Requests, as Istio counts them")
                    .labelNames(LABELS).register(registry),
                    Histogram.build("istio_request_duration_milliseconds",
                            "Request duration in milliseconds, as Istio measures it").buckets(BUCKETS)
                            .labelNames(LABELS).register(registry));
        }

        void observe(String[] labels, double millis) {
            requests.labels(labels).inc();
            duration.labels(labels).observe(millis);
        }

        String exposition() {
            return IstioMetrics.exposition(registry.metricFamilySamples());
        }
    }

    /** A pod with a sidecar: what Prometheus' Kubernetes discovery finds. */
    public record Pod(String namespace, String name) {
    }

    /**
     * One request from {@code source} for {@code service} in {@code namespace} that reached no pod, as the
     * caller's proxy reports it.
     */
    void unreached(MeshWorkload source, String service, String namespace, int status, String flags,
            long durationMicros) {
        observe(source, labels("source", source, service, namespace, null, status, flags), durationMicros / 1000.0);
    }

    /**
     * One request from {@code source} for {@code service} in {@code namespace}, served by {@code destination},
     * as both proxies report it, each with the duration it measured: the caller's from sending the request to
     * the end of the response, the callee's inbound only.
     */
    void request(MeshWorkload source, String service, String namespace, MeshWorkload destination, int status,
            String flags, long sourceMicros, long destinationMicros) {
        observe(source, labels("source", source, service, namespace, destination, status, flags),
                sourceMicros / 1000.0);
        observe(destination, labels("destination", source, service, namespace, destination, status, flags),
                destinationMicros / 1000.0);
    }

    /**
     * A mirrored copy: reported by the destination's proxy only (the caller's Envoy sends it and forgets it).
     */
    void mirrored(MeshWorkload source, String service, String namespace, MeshWorkload destination,
            long durationMicros) {
        observe(destination, labels("destination", source, service, namespace, destination, 200, "-"),
                durationMicros / 1000.0);
    }

    /** Every sidecar's metrics in Prometheus' text format 0.0.4: their families merged, one of each. */
    public String exposition() {
        Map<String, MetricFamilySamples> merged = new LinkedHashMap<>();
        for (Sidecar sidecar : byPod.values()) {
            for (MetricFamilySamples family : Collections.list(sidecar.registry().metricFamilySamples())) {
                merged.merge(family.name, family, (a, b) -> {
                    List<MetricFamilySamples.Sample> samples = new ArrayList<>(a.samples);
                    samples.addAll(b.samples);
                    return new MetricFamilySamples(a.name, a.unit, a.type, a.help, samples);
                });
            }
        }
        return exposition(Collections.enumeration(merged.values()));
    }

    /** One pod's sidecar's metrics in Prometheus' text format 0.0.4; empty when it reported nothing. */
    public Optional<String> exposition(String pod) {
        return Optional.ofNullable(byPod.get(pod)).map(Sidecar::exposition);
    }

    /** Counted in the reporting sidecar's metrics. */
    private void observe(MeshWorkload reporter, String[] labels, double millis) {
        byPod.computeIfAbsent(reporter.pod(), pod -> new Sidecar()).observe(labels, millis);
    }

    private static String exposition(Enumeration<MetricFamilySamples> families) {
        StringWriter text = new StringWriter();
        try {
            TextFormat.write004(text, families);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static String[] labels(String reporter, MeshWorkload source, String service, String namespace,
            MeshWorkload destination, int status, String flags) {
        boolean reached = destination != null;
        // As Istio reports it with automatic mTLS: known to the destination's proxy only.
        String mtls = reporter.equals("destination") ? "mutual_tls" : UNKNOWN;
        return new String[] {reporter,
            workload(source), source.namespace(), principal(source), source.app(), source.version(), source.app(),
            source.version(), CLUSTER,
            reached ? workload(destination) : UNKNOWN, reached ? namespace : UNKNOWN,
            reached ? principal(destination) : UNKNOWN, reached ? service : UNKNOWN,
            reached ? destination.version() : UNKNOWN, service + "." + namespace + ".svc.cluster.local", service,
            namespace, reached ? service : UNKNOWN, reached ? destination.version() : UNKNOWN,
            reached ? CLUSTER : UNKNOWN, "http", status == 0 ? "0" : Integer.toString(status), "-", flags, mtls};
    }

    /** The Deployment behind the pod: {@code reviews-v2-5b8f4c9d7c-x7k2p} -> {@code reviews-v2}. */
    private static String workload(MeshWorkload workload) {
        String[] parts = workload.pod().split("-");
        return String.join("-", java.util.Arrays.copyOf(parts, parts.length - 2));
    }

    private static String principal(MeshWorkload workload) {
        String account = workload.proxy().equals("router") ? "istio-ingressgateway-service-account"
                : "bookinfo-" + workload.app();
        return "spiffe://cluster.local/ns/" + workload.namespace() + "/sa/" + account;
    }
}
