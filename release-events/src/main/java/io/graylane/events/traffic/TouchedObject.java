package io.graylane.events.traffic;

/**
 * A Kubernetes object traffic-service wrote or deleted while applying a generation.
 *
 * @param resourceVersion the object's resourceVersion after the write; {@code null} when deleted
 */
public record TouchedObject(String apiVersion, String kind, String name, String resourceVersion) {
}
