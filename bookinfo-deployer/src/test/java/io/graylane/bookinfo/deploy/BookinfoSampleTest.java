package io.graylane.bookinfo.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.graylane.kubetesting.IstioSchemas;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is deployed is Istio 1.30.3's Bookinfo, object for object, but for namespace, two labels and images. */
class BookinfoSampleTest {

    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final BookinfoSample sample = new BookinfoSample(serialization);

    @Test
    void theTutorialStartingPointIsVersionOneOfEveryServiceWithKubeSpheresImages() {
        List<HasMetadata> objects = sample.objects("demo-project", DeployOptions.TUTORIAL);

        assertThat(names(objects, "Deployment")).containsExactly("details-v1", "ratings-v1", "reviews-v1",
                "productpage-v1");
        assertThat(images(objects)).containsExactly("kubesphere/examples-bookinfo-details-v1:1.13.0",
                "kubesphere/examples-bookinfo-ratings-v1:1.13.0", "kubesphere/examples-bookinfo-reviews-v1:1.13.0",
                "kubesphere/examples-bookinfo-productpage-v1:1.13.0");
        assertThat(names(objects, "Service")).containsExactly("details", "ratings", "reviews", "productpage");
        assertThat(names(objects, "ServiceAccount")).containsExactly("bookinfo-details", "bookinfo-ratings",
                "bookinfo-reviews", "bookinfo-productpage");
        assertThat(names(objects, "VirtualService")).containsExactly("productpage", "reviews", "ratings", "details",
                "bookinfo");
        assertThat(names(objects, "Gateway")).containsExactly("bookinfo-gateway");
        objects.stream().filter(DestinationRule.class::isInstance).map(DestinationRule.class::cast)
                .forEach(rule -> assertThat(rule.getSpec().getSubsets()).as(rule.getMetadata().getName())
                        .extracting(s -> s.getLabels().get("version")).containsExactly("v1"));
        objects.forEach(object -> {
            assertThat(object.getMetadata().getNamespace()).isEqualTo("demo-project");
            assertThat(object.getMetadata().getLabels()).containsEntry(BookinfoSample.MANAGED_BY,
                    BookinfoSample.DEPLOYER);
        });
    }

    @Test
    void everyObjectIsIstiosOwnButForNamespaceLabelsAndImage() {
        for (DeployOptions options : List.of(DeployOptions.TUTORIAL,
                new DeployOptions(true, ImageSet.istio, null, null))) {
            List<HasMetadata> istios = new ArrayList<>();
            for (String file : List.of("bookinfo.yaml", "destination-rule-all.yaml", "virtual-service-all-v1.yaml",
                    "bookinfo-gateway.yaml")) {
                istios.addAll(sample.file(file));
            }
            for (HasMetadata object : sample.objects("demo-project", options)) {
                HasMetadata original = istios.stream().filter(o -> o.getKind().equals(object.getKind())
                        && o.getMetadata().getName().equals(object.getMetadata().getName())).findFirst().orElseThrow();
                ObjectNode ours = (ObjectNode) serialization.convertValue(object, JsonNode.class);
                ObjectNode theirs = (ObjectNode) serialization.convertValue(original, JsonNode.class);
                ObjectNode metadata = (ObjectNode) ours.get("metadata");
                metadata.remove("namespace");
                ObjectNode labels = (ObjectNode) metadata.get("labels");
                labels.remove(BookinfoSample.MANAGED_BY);
                labels.remove(BookinfoSample.PART_OF);
                if (labels.isEmpty()) {
                    metadata.remove("labels");
                }
                if (object instanceof Deployment) {
                    ((ObjectNode) ours.at("/spec/template/spec/containers/0")).put("image",
                            theirs.at("/spec/template/spec/containers/0/image").asText());
                }
                if (object instanceof DestinationRule) {
                    ((ObjectNode) ours.get("spec")).set("subsets", theirs.at("/spec/subsets"));
                }
                assertThat(ours).as(object.getKind() + " " + object.getMetadata().getName()).isEqualTo(theirs);
            }
        }
    }

    @Test
    void allVersionsAddsReviewsTwoAndThreeWithTheirSubsets() {
        List<HasMetadata> objects = sample.objects("demo", new DeployOptions(true, ImageSet.kubesphere, null, null));

        assertThat(names(objects, "Deployment")).containsExactly("details-v1", "ratings-v1", "reviews-v1",
                "reviews-v2", "reviews-v3", "productpage-v1");
        DestinationRule reviews = objects.stream().filter(DestinationRule.class::isInstance)
                .map(DestinationRule.class::cast).filter(r -> r.getMetadata().getName().equals("reviews")).findFirst()
                .orElseThrow();
        assertThat(reviews.getSpec().getSubsets()).extracting(s -> s.getName()).containsExactly("v1", "v2", "v3");
    }

    @Test
    void imagesComeFromTheSetChosenWithRegistryOrTagReplaced() {
        assertThat(new DeployOptions(false, ImageSet.istio, null, null).image("reviews", "v2"))
                .isEqualTo("registry.istio.io/release/examples-bookinfo-reviews-v2:1.20.3");
        assertThat(new DeployOptions(false, ImageSet.istio, "docker.io/istio", null).image("ratings", "v1"))
                .isEqualTo("docker.io/istio/examples-bookinfo-ratings-v1:1.20.3");
        assertThat(new DeployOptions(false, ImageSet.kubesphere, null, "1.16.2").image("details", "v1"))
                .isEqualTo("kubesphere/examples-bookinfo-details-v1:1.16.2");
    }

    @Test
    void theIstioObjectsValidateAgainstIstiosSchemas() {
        sample.objects("demo", new DeployOptions(true, ImageSet.kubesphere, null, null)).stream()
                .filter(o -> o.getApiVersion().startsWith("networking.istio.io/"))
                .forEach(IstioSchemas::assertValid);
    }

    private static List<String> names(List<HasMetadata> objects, String kind) {
        return objects.stream().filter(o -> o.getKind().equals(kind)).map(o -> o.getMetadata().getName()).toList();
    }

    private static List<String> images(List<HasMetadata> objects) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .map(d -> d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).toList();
    }
}
