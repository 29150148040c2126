package io.graylane.bookinfo.api;

import io.graylane.bookinfo.traffic.IstioMetrics;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Istio's standard metrics of the simulated sidecars, on the path Envoy serves them, for a Prometheus to
 * scrape (all simulated pods in one answer).
 */
@Path("/stats/prometheus")
public class SidecarMetricsResource {

    private final IstioMetrics metrics;

    SidecarMetricsResource(IstioMetrics metrics) {
        this.metrics = metrics;
    }

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    @Operation(summary = "istio_requests_total and istio_request_duration_milliseconds of the simulated mesh")
    public String metrics() {
        return metrics.exposition();
    }
}
