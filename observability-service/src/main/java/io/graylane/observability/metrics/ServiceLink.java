package io.graylane.observability.metrics;

/**
 * A link of Zipkin's dependencies: calls from one service to another by Zipkin service name
 * ({@code <app>.<namespace>}), whatever their versions; the per-version detail is the graph's.
 */
public record ServiceLink(String parent, String child) {
}
