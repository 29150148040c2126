package io.graylane.kubetesting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: details-v1
            spec:
              replicas: 1
              selector:
                matchLabels: {app: details}
              template:
                metadata:
                  labels: {app: details}
                spec:
                  containers:
                  - name: details
                    image: kubesphere/examples-bookinfo-details-v1:1.13.0
            """;

    @Test
    void readsTypedObjectsFromSeveralDocuments() {
        List<HasMetadata> objects = Manifests.read(DEPLOYMENT + """
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: reviews
                spec:
                  hosts: [reviews]
                  http:
                  - route:
                    - destination: {host: reviews, subset: v1}
                """);

        assertThat(objects).hasSize(2);
        assertThat(objects.get(0)).isInstanceOf(Deployment.class);
        assertThat(objects.get(1)).isInstanceOf(VirtualService.class);
        IstioSchemas.assertValid(objects.get(1));
    }

    @Test
    void refusesAFieldTheModelDoesNotKnow() {
        assertThatThrownBy(() -> Manifests.read(DEPLOYMENT.replace("replicas: 1", "replicas: 1\n  replica: 2")))
                .hasMessageContaining(".spec.replica");
        assertThatThrownBy(() -> Manifests.read(DEPLOYMENT.replace("        image:", "        imag:")))
                .hasMessageContaining("imag");
    }

    @Test
    void refusesAKindTheModelDoesNotKnow() {
        assertThatThrownBy(() -> Manifests.read("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"))
                .hasMessageContaining("not a kind of the typed model");
    }
}
