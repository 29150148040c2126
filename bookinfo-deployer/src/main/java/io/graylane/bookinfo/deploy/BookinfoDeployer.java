package io.graylane.bookinfo.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.Gateway;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.graylane.bookinfo.events.BookinfoAnnouncer;
import io.graylane.events.bookinfo.BookinfoDeployed;
import io.graylane.events.bookinfo.BookinfoRemoved;
import io.graylane.events.bookinfo.BookinfoWorkload;
import io.graylane.events.bookinfo.ObjectChange;
import io.graylane.events.bookinfo.ObjectChange.Action;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Deploys, reports and removes Bookinfo in a namespace. Deploying is idempotent: an object that already holds
 * what Istio's sample says is not written again. Routing is the releases' once it exists: a VirtualService or
 * Gateway that exists is left as it is, and a DestinationRule only gains the subsets of versions deployed now.
 */
@ApplicationScoped
public class BookinfoDeployer {

    private final BookinfoCluster cluster;
    private final BookinfoSample sample;
    private final BookinfoAnnouncer announcer;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    BookinfoDeployer(BookinfoCluster cluster, BookinfoAnnouncer announcer) {
        this.cluster = cluster;
        this.sample = new BookinfoSample(cluster.serialization());
        this.announcer = announcer;
    }

    /** What a deploy changed, and the state after it. */
    public record Deployed(List<ObjectChange> changes, BookinfoStatus status) {
    }

    /** What a removal deleted. */
    public record Removed(String namespace, long generation, List<ObjectChange> changes) {
    }

    public Deployed deploy(String namespace, DeployOptions options) {
        Deployed deployed = inOrder(namespace, () -> {
            cluster.requireIstio(namespace);
            List<ObjectChange> changes = new ArrayList<>();
            cluster.ensureInjectedNamespace(namespace)
                    .ifPresent(action -> changes.add(new ObjectChange(action, "Namespace", namespace)));
            for (HasMetadata desired : sample.objects(namespace, options)) {
                apply(desired).ifPresent(action -> changes.add(new ObjectChange(action, desired.getKind(),
                        desired.getMetadata().getName())));
            }
            if (!changes.isEmpty() || cluster.generation(namespace) == 0) {
                cluster.nextGeneration(namespace);
            }
            return new Deployed(changes, status(namespace));
        });
        BookinfoStatus status = deployed.status();
        announcer.deployed(new BookinfoDeployed(namespace, status.generation(), status.workloads().stream()
                .filter(w -> BookinfoSample.DEPLOYER.equals(w.managedBy()))
                .map(w -> new BookinfoWorkload(w.name(), w.service(), w.version(), w.image())).toList(),
                deployed.changes()));
        return deployed;
    }

    /** Deletes what bookinfo-deployer made in the namespace; the namespace itself and its label stay. */
    public Removed undeploy(String namespace) {
        Removed removed = inOrder(namespace, () -> {
            requireNamespace(namespace);
            List<ObjectChange> changes = new ArrayList<>();
            for (Class<? extends HasMetadata> kind : BookinfoCluster.KINDS) {
                for (HasMetadata object : made(namespace, kind)) {
                    cluster.delete(object);
                    changes.add(new ObjectChange(Action.deleted, object.getKind(), object.getMetadata().getName()));
                }
            }
            long generation = changes.isEmpty() ? cluster.generation(namespace) : cluster.nextGeneration(namespace);
            return new Removed(namespace, generation, changes);
        });
        if (removed.generation() > 0) {
            announcer.removed(new BookinfoRemoved(namespace, removed.generation(), removed.changes()));
        }
        return removed;
    }

    public BookinfoStatus status(String namespace) {
        Namespace ns = requireNamespace(namespace);
        List<BookinfoStatus.Workload> workloads = cluster.deployments(namespace).stream()
                .filter(d -> d.getMetadata().getLabels() != null
                        && BookinfoSample.SERVICES.contains(d.getMetadata().getLabels().get("app")))
                .map(BookinfoDeployer::workload)
                .sorted(Comparator.comparing(BookinfoStatus.Workload::name)).toList();
        List<String> routing = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : List.of(Gateway.class, VirtualService.class, DestinationRule.class)) {
            made(namespace, kind).forEach(o -> routing.add(BookinfoCluster.describe(o)));
        }
        if (workloads.isEmpty() && routing.isEmpty()) {
            throw new BookinfoProblem(BookinfoProblem.Kind.BOOKINFO_NOT_DEPLOYED, "Bookinfo is not deployed in "
                    + "namespace '" + namespace + "'; deploy it with POST /api/v1/namespaces/" + namespace
                    + "/bookinfo or './graylane bookinfo deploy -n " + namespace + "'");
        }
        Map<String, String> labels = ns.getMetadata().getLabels();
        return new BookinfoStatus(namespace, cluster.generation(namespace),
                labels != null && "enabled".equals(labels.get(BookinfoCluster.INJECTION)),
                workloads.stream().allMatch(BookinfoStatus.Workload::allReady), workloads, routing);
    }

    private List<HasMetadata> made(String namespace, Class<? extends HasMetadata> kind) {
        return cluster.labelled(namespace, kind, BookinfoSample.MANAGED_BY, BookinfoSample.DEPLOYER);
    }

    private Namespace requireNamespace(String namespace) {
        return cluster.namespace(namespace).orElseThrow(() -> new BookinfoProblem(
                BookinfoProblem.Kind.NAMESPACE_NOT_FOUND, "namespace '" + namespace + "' does not exist; "
                        + "deploying Bookinfo creates it"));
    }

    /** Writes the object if the cluster does not hold it yet; what was done, if anything. */
    private Optional<Action> apply(HasMetadata desired) {
        Optional<HasMetadata> current = cluster.current(desired);
        if (current.isEmpty()) {
            cluster.create(desired);
            return Optional.of(Action.created);
        }
        HasMetadata existing = current.get();
        if (desired instanceof DestinationRule rule) {
            return addMissingSubsets((DestinationRule) existing, rule);
        }
        if (desired instanceof VirtualService || desired instanceof Gateway) {
            return Optional.empty();
        }
        if (holds(existing, desired)) {
            return Optional.empty();
        }
        Map<String, String> labels = new HashMap<>(existing.getMetadata().getLabels() == null ? Map.of()
                : existing.getMetadata().getLabels());
        labels.putAll(desired.getMetadata().getLabels());
        desired.getMetadata().setLabels(labels);
        desired.getMetadata().setAnnotations(existing.getMetadata().getAnnotations());
        desired.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        cluster.update(desired);
        return Optional.of(Action.updated);
    }

    private Optional<Action> addMissingSubsets(DestinationRule existing, DestinationRule desired) {
        List<Subset> subsets = new ArrayList<>(existing.getSpec().getSubsets() == null ? List.of()
                : existing.getSpec().getSubsets());
        Set<String> known = subsets.stream().map(Subset::getName).collect(Collectors.toSet());
        List<Subset> missing = desired.getSpec().getSubsets().stream().filter(s -> !known.contains(s.getName()))
                .toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        subsets.addAll(missing);
        existing.getSpec().setSubsets(subsets);
        cluster.update(existing);
        return Optional.of(Action.updated);
    }

    private boolean holds(HasMetadata existing, HasMetadata desired) {
        JsonNode have = cluster.serialization().convertValue(existing, JsonNode.class);
        JsonNode want = cluster.serialization().convertValue(desired, JsonNode.class);
        return Contains.contains(have.path("spec"), want.path("spec"))
                && Contains.contains(have.at("/metadata/labels"), want.at("/metadata/labels"))
                && Contains.contains(have.path("secrets"), want.path("secrets"));
    }

    private static BookinfoStatus.Workload workload(Deployment deployment) {
        Map<String, String> labels = deployment.getMetadata().getLabels();
        Integer replicas = deployment.getSpec().getReplicas();
        Integer ready = deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas();
        return new BookinfoStatus.Workload(deployment.getMetadata().getName(), labels.get("app"),
                labels.get("version"), deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
                replicas == null ? 1 : replicas, ready == null ? 0 : ready, labels.get(BookinfoSample.MANAGED_BY));
    }

    /** One deploy or removal at a time per namespace, in this process. */
    private <T> T inOrder(String namespace, Supplier<T> work) {
        synchronized (locks.computeIfAbsent(namespace, n -> new Object())) {
            return work.get();
        }
    }
}
