package io.graylane.kubetesting;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

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

    /** Istio's jason-v2-v3 sample: jason's requests for reviews go to v2, everyone else's to v3. */
    public static VirtualService jasonV2V3() {
        try (InputStream in = IstioSamples.class.getResourceAsStream("/istio/virtual-service-reviews-jason-v2-v3.yaml")) {
            return new KubernetesSerialization().unmarshal(in, VirtualService.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The objects of a YAML file of the repository (path from a module's directory), e.g. Bookinfo's gateway. */
    public static List<HasMetadata> objects(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new KubernetesSerialization().unmarshal(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bookinfo's {@code bookinfo} VirtualService, bound to {@code bookinfo-gateway}, as bookinfo-deployer deploys it. */
    public static VirtualService bookinfoGateway() {
        return objects(Path.of("..", "bookinfo-deployer", "src", "main", "resources", "bookinfo",
                "bookinfo-gateway.yaml")).stream().filter(VirtualService.class::isInstance)
                .map(VirtualService.class::cast).findFirst().orElseThrow();
    }

    /** A user's VirtualService whose tcp route sends to a subset of reviews (Istio's TCP routing, on reviews). */
    public static VirtualService tcpRoute(String name, String subset) {
        return new KubernetesSerialization().unmarshal("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: %s
                spec:
                  hosts:
                  - reviews-tcp.example.internal
                  tcp:
                  - match:
                    - port: 31400
                    route:
                    - destination:
                        host: reviews
                        port:
                          number: 9090
                        subset: %s
                """.formatted(name, subset), VirtualService.class);
    }

    private static HTTPRoute route(String yaml) {
        try {
            return new ObjectMapper(new YAMLFactory()).readValue(yaml, HTTPRoute.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
