package io.graylane.bookinfo.deploy;

import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.client.IstioClient;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.graylane.events.bookinfo.ObjectChange;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The Kubernetes requests of bookinfo-deployer; every API error becomes a {@link KubeProblem}. */
@ApplicationScoped
public class BookinfoCluster {

    public static final String INJECTION = "istio-injection";
    public static final String GENERATION = "graylane.io/bookinfo-generation";
    /** The kinds bookinfo-deployer makes, in the order it deletes them. */
    static final List<Class<? extends HasMetadata>> KINDS = List.of(Gateway.class, VirtualService.class,
            DestinationRule.class, Deployment.class, Service.class, ServiceAccount.class);

    private final KubernetesClient client;
    private final IstioClient istio;

    BookinfoCluster(KubernetesClient client) {
        this.client = client;
        this.istio = client.adapt(IstioClient.class);
    }

    public KubernetesSerialization serialization() {
        return client.getKubernetesSerialization();
    }

    public Optional<Namespace> namespace(String name) {
        return Optional.ofNullable(call("get Namespace " + name, () -> client.namespaces().withName(name).get()));
    }

    /** Creates the namespace labelled for sidecar injection, or adds the label; what it did, if anything. */
    public Optional<ObjectChange.Action> ensureInjectedNamespace(String name) {
        Optional<Namespace> existing = namespace(name);
        if (existing.isEmpty()) {
            call("create Namespace " + name, () -> client.resource(new NamespaceBuilder().withNewMetadata()
                    .withName(name).addToLabels(INJECTION, "enabled").endMetadata().build()).create());
            return Optional.of(ObjectChange.Action.created);
        }
        Namespace namespace = existing.get();
        Map<String, String> labels = namespace.getMetadata().getLabels();
        if (labels != null && "enabled".equals(labels.get(INJECTION))) {
            return Optional.empty();
        }
        Map<String, String> labelled = new HashMap<>(labels == null ? Map.of() : labels);
        labelled.put(INJECTION, "enabled");
        namespace.getMetadata().setLabels(labelled);
        call("label Namespace " + name + " " + INJECTION + "=enabled", () -> client.resource(namespace).update());
        return Optional.of(ObjectChange.Action.updated);
    }

    /** Fails with {@link BookinfoProblem.Kind#ISTIO_NOT_INSTALLED} when the API has no networking.istio.io/v1. */
    public void requireIstio(String namespace) {
        try {
            istio.v1().virtualServices().inNamespace(namespace).list();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw new BookinfoProblem(BookinfoProblem.Kind.ISTIO_NOT_INSTALLED, "Istio's CRDs are not "
                        + "installed in this cluster (no networking.istio.io/v1 VirtualServices): install Istio "
                        + "first, e.g. 'istioctl install', then deploy Bookinfo again");
            }
            throw KubeProblem.of(e, "list VirtualServices in " + namespace);
        }
    }

    public <T extends HasMetadata> Optional<T> current(T object) {
        return Optional.ofNullable(call("get " + describe(object), () -> client.resource(object).get()));
    }

    public <T extends HasMetadata> T create(T object) {
        return call("create " + describe(object), () -> client.resource(object).create());
    }

    public <T extends HasMetadata> T update(T object) {
        return call("update " + describe(object), () -> client.resource(object).update());
    }

    public void delete(HasMetadata object) {
        call("delete " + describe(object), () -> client.resource(object).delete());
    }

    /** The objects of {@code kind} in the namespace carrying the label. */
    public List<HasMetadata> labelled(String namespace, Class<? extends HasMetadata> kind, String label,
            String value) {
        return new ArrayList<>(call("list " + kind.getSimpleName() + "s " + label + "=" + value, () -> client
                .resources(kind).inNamespace(namespace).withLabel(label, value).list().getItems()));
    }

    public List<Deployment> deployments(String namespace) {
        return call("list Deployments in " + namespace, () -> client.apps().deployments().inNamespace(namespace)
                .list().getItems());
    }

    /** The namespace's count of deploys and removals, 0 before the first. */
    public long generation(String namespace) {
        return namespace(namespace).map(BookinfoCluster::generationOf).orElse(0L);
    }

    /** Counts one more deploy or removal; retried when someone else wrote the namespace meanwhile. */
    public long nextGeneration(String name) {
        for (int attempt = 1; ; attempt++) {
            Namespace namespace = namespace(name).orElseThrow(() -> new BookinfoProblem(
                    BookinfoProblem.Kind.NAMESPACE_NOT_FOUND, "namespace '" + name + "' was deleted meanwhile"));
            long next = generationOf(namespace) + 1;
            Map<String, String> annotations = new HashMap<>(namespace.getMetadata().getAnnotations() == null
                    ? Map.of() : namespace.getMetadata().getAnnotations());
            annotations.put(GENERATION, Long.toString(next));
            namespace.getMetadata().setAnnotations(annotations);
            try {
                client.resource(namespace).update();
                return next;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 5) {
                    throw KubeProblem.of(e, "annotate Namespace " + name);
                }
            }
        }
    }

    private static long generationOf(Namespace namespace) {
        Map<String, String> annotations = namespace.getMetadata().getAnnotations();
        try {
            return annotations == null ? 0 : Long.parseLong(annotations.getOrDefault(GENERATION, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String describe(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getName();
    }

    private static <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw KubeProblem.of(e, action);
        }
    }
}
