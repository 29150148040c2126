package io.graylane.events.traffic;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A Kubernetes object traffic-service wrote or deleted while applying a generation.
 *
 * @param resourceVersion the object's resourceVersion after the write; {@code null} when deleted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TouchedObject(String apiVersion, String kind, String name, String resourceVersion) {
}
