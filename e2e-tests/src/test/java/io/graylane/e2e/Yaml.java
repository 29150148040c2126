package io.graylane.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import java.io.IOException;

/** Istio objects written as a user writes them. */
final class Yaml {

    private Yaml() {
    }

    static HTTPRoute route(String yaml) {
        try {
            return new ObjectMapper(new YAMLFactory()).readValue(yaml, HTTPRoute.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
