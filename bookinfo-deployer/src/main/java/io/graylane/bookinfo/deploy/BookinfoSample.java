package io.graylane.bookinfo.deploy;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Istio 1.30.3's Bookinfo sample, object for object (resources {@code bookinfo/*.yaml}, copied unchanged):
 * the Services, ServiceAccounts and Deployments of {@code bookinfo.yaml} for the versions chosen, the
 * DestinationRules of {@code destination-rule-all.yaml} with a subset per deployed version, the VirtualServices
 * of {@code virtual-service-all-v1.yaml}, and the Gateway and VirtualService of {@code bookinfo-gateway.yaml}.
 * Each object only gains the namespace, two labels naming its owner, and the image chosen.
 */
public final class BookinfoSample {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String DEPLOYER = "graylane-bookinfo-deployer";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String BOOKINFO = "bookinfo";
    public static final List<String> SERVICES = List.of("productpage", "details", "ratings", "reviews");

    private final KubernetesSerialization serialization;
    private final Map<String, String> files = new HashMap<>();

    public BookinfoSample(KubernetesSerialization serialization) {
        this.serialization = serialization;
        for (String file : List.of("bookinfo.yaml", "destination-rule-all.yaml", "virtual-service-all-v1.yaml",
                "bookinfo-gateway.yaml")) {
            files.put(file, resource("/bookinfo/" + file));
        }
    }

    /** The objects of Istio's file, as Istio wrote them. */
    public List<HasMetadata> file(String name) {
        Object parsed = serialization.unmarshal(files.get(name));
        List<HasMetadata> objects = new ArrayList<>();
        for (Object item : parsed instanceof Collection<?> many ? many : List.of(parsed)) {
            if (item != null) {
                objects.add((HasMetadata) item);
            }
        }
        return objects;
    }

    /** What to deploy, in the order to write it: the platform objects, then Istio's. */
    public List<HasMetadata> objects(String namespace, DeployOptions options) {
        List<HasMetadata> objects = new ArrayList<>();
        for (HasMetadata object : file("bookinfo.yaml")) {
            if (object instanceof Deployment deployment) {
                String version = deployment.getMetadata().getLabels().get("version");
                if (!options.allVersions() && !"v1".equals(version)) {
                    continue;
                }
                String service = deployment.getMetadata().getLabels().get("app");
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                        .setImage(options.image(service, version));
            }
            objects.add(object);
        }
        Map<String, Set<String>> versions = objects.stream().filter(Deployment.class::isInstance)
                .map(o -> o.getMetadata().getLabels())
                .collect(Collectors.groupingBy(l -> l.get("app"), Collectors.mapping(l -> l.get("version"),
                        Collectors.toSet())));
        for (HasMetadata object : file("destination-rule-all.yaml")) {
            DestinationRule rule = (DestinationRule) object;
            Set<String> deployed = versions.getOrDefault(rule.getSpec().getHost(), Set.of());
            rule.getSpec().getSubsets().removeIf(subset -> !deployed.contains(subset.getLabels().get("version")));
            objects.add(rule);
        }
        objects.addAll(file("virtual-service-all-v1.yaml"));
        objects.addAll(file("bookinfo-gateway.yaml"));
        objects.forEach(object -> owned(object, namespace));
        return objects;
    }

    private static void owned(HasMetadata object, String namespace) {
        object.getMetadata().setNamespace(namespace);
        Map<String, String> labels = new HashMap<>(object.getMetadata().getLabels() == null ? Map.of()
                : object.getMetadata().getLabels());
        labels.put(MANAGED_BY, DEPLOYER);
        labels.put(PART_OF, BOOKINFO);
        object.getMetadata().setLabels(labels);
    }

    private static String resource(String path) {
        try (InputStream in = BookinfoSample.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
