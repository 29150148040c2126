package io.graylane.bookinfo.api;

import io.graylane.rest.auth.OpenEndpoint;
import io.graylane.bookinfo.traffic.IstioMetrics;
import io.graylane.bookinfo.traffic.SimulatedPods;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Istio's standard metrics of the simulated sidecars, on the path Envoy serves them, for a Prometheus to
 * scrape: all simulated pods in one answer, or pod by pod with Prometheus' HTTP service discovery naming each
 * pod as a target with the {@code namespace} and {@code pod} labels Istio's Prometheus configuration gives a
 * scraped sidecar (its {@code kubernetes-pods} job).
 */
@OpenEndpoint("the simulated sidecars' Envoy stats, scraped by Prometheus without credentials as Istio's are")
@Path("/stats")
public class SidecarMetricsResource {

    static final String EXPOSITION = "text/plain; version=0.0.4; charset=utf-8";

    private final IstioMetrics metrics;
    private final SimulatedPods pods;

    SidecarMetricsResource(IstioMetrics metrics, SimulatedPods pods) {
        this.metrics = metrics;
        this.pods = pods;
    }

    @GET
    @Path("/prometheus")
    @Produces(EXPOSITION)
    @Operation(summary = "istio_requests_total and istio_request_duration_milliseconds of the whole simulated mesh")
    public String metrics() {
        return metrics.exposition();
    }

    @GET
    @Path("/prometheus/pods/{pod}")
    @Produces(EXPOSITION)
    @Operation(summary = "The metrics of one simulated pod's sidecar (none before its first request)")
    public String metrics(@PathParam("pod") String pod) {
        return metrics.exposition(pod).orElse("");
    }

    /** One target group of Prometheus' http_sd_configs. */
    public record TargetGroup(List<String> targets, Map<String, String> labels) {
    }

    @GET
    @Path("/targets")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The simulated sidecars as Prometheus' HTTP service discovery targets, one per pod")
    public List<TargetGroup> targets(UriInfo uri) {
        String self = uri.getBaseUri().getHost() + ":" + uri.getBaseUri().getPort();
        return pods.running().stream().map(pod -> new TargetGroup(List.of(self), Map.of(
                "__metrics_path__", "/stats/prometheus/pods/" + pod.name(),
                "namespace", pod.namespace(), "pod", pod.name()))).toList();
    }
}
