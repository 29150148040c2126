package io.graylane.rest;

import java.util.List;

/** The JAX-RS resource classes of a service; each service produces one, for the Allow header of a 405. */
public record ApiResources(List<Class<?>> classes) {
}
