package io.graylane.observability.metrics;

import io.graylane.observability.mesh.Workload;

/** Requests from one versioned app to another: an edge of the graph, a link of Zipkin's dependencies. */
public record Call(Workload source, Workload destination) {
}
