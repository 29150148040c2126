package io.graylane.kubetesting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Istio routing that users write by hand, for tests to put next to what Graylane writes. */
public final class IstioSamples {

    private IstioSamples() {
    }

    /**
     * A route delaying jason's requests to reviews v1 by 7 s: the shape of Istio's
     * virtual-service-ratings-test-delay.yaml sample, on reviews.
     */
    public static HTTPRoute faultInjectionRoute() {
        return route("""
                name: jason-delay
                match:
                - headers:
                    end-user:
                      exact: jason
                fault:
                  delay:
                    percentage:
                      value: 100.0
                    fixedDelay: 7s
                route:
                - destination:
                    host: reviews
                    subset: v1
                """);
    }

    private static HTTPRoute route(String yaml) {
        try {
            return new ObjectMapper(new YAMLFactory()).readValue(yaml, HTTPRoute.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
