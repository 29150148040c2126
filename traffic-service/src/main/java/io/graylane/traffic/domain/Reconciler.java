package io.graylane.traffic.domain;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.istio.api.networking.v1.DestinationRule;
import io.fabric8.istio.api.networking.v1.DestinationRuleBuilder;
import io.fabric8.istio.api.networking.v1.VirtualService;
import io.fabric8.istio.api.networking.v1.VirtualServiceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.graylane.events.traffic.TouchedObject;
import io.graylane.traffic.kube.Cluster;
import io.graylane.traffic.kube.Reads;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One level-triggered pass for one release: reads what the cluster holds, writes only what differs from the
 * target, and says what it did. Writing the same target twice writes nothing the second time. When a
 * version is removed, routes move first, then its subset, then its workload, so no route ever points at a
 * subset that is gone.
 */
@ApplicationScoped
public class Reconciler {

    private final Cluster cluster;

    Reconciler(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Blocks until the watches' cache holds what the cluster holds. */
    public void awaitSynced() {
        cluster.awaitSynced();
    }

    /**
     * @param gated whether to hold back traffic from a candidate that has no available replica (true until
     *              the generation was applied once)
     * @param fresh whether to read from the API server rather than the watches' cache (after a conflict)
     */
    public Outcome apply(Target target, boolean gated, boolean fresh) {
        Reads reads = fresh ? cluster : cluster.cached();
        Pass pass = new Pass(reads);
        if (target.closing()) {
            List<String> repointed = virtualService(target, pass);
            destinationRule(target, pass);
            removeWorkload(target, pass);
            return pass.applied(repointed);
        }
        Optional<Deployment> baseline = pass.reads.baseline(target.namespace(), target.service(), target.baseline());
        if (baseline.isEmpty()) {
            return new Outcome.Failed("BaselineNotFound", "no Deployment in namespace '" + target.namespace()
                    + "' labelled app=" + target.service() + ",version=" + target.baseline());
        }
        pass.touched(baseline.get());
        Outcome.Failed conflict = candidate(target, baseline.get(), pass);
        if (conflict != null) {
            return conflict;
        }
        destinationRule(target, pass);
        if (gated && target.usesCandidate() && !CandidateWorkload.isAvailable(pass.candidate)) {
            return new Outcome.Waiting("WaitingForCandidate", "Deployment " + target.candidateDeployment()
                    + " has no available replica yet; no traffic goes to " + target.candidate() + " until it has");
        }
        virtualService(target, pass);
        return pass.applied(List.of());
    }

    private Outcome.Failed candidate(Target target, Deployment baseline, Pass pass) {
        Deployment wanted = CandidateWorkload.render(baseline, target);
        Optional<Deployment> existing = pass.reads.deployment(target.namespace(), target.candidateDeployment());
        if (existing.isEmpty()) {
            pass.candidate = pass.wrote(cluster.write(wanted), "Deployment " + target.candidateDeployment()
                    + " created with " + target.release().candidate().image());
            return null;
        }
        Deployment current = existing.get();
        String image = CandidateWorkload.mainContainer(current.getSpec().getTemplate().getSpec().getContainers(),
                target.service()).getImage();
        boolean ours = CandidateWorkload.GRAYLANE.equals(labels(current).get(CandidateWorkload.MANAGED_BY));
        boolean sameImage = image.equals(target.release().candidate().image());
        boolean sameReplicas = target.release().candidate().replicas() == null
                || target.release().candidate().replicas().equals(current.getSpec().getReplicas());
        if (sameImage && (sameReplicas || !ours)) {
            pass.candidate = pass.touched(current);
            return null;
        }
        if (!ours) {
            return new Outcome.Failed("CandidateConflict", "Deployment " + target.candidateDeployment()
                    + " exists, is not managed by Graylane and runs " + image + ", not "
                    + target.release().candidate().image());
        }
        wanted.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        pass.candidate = pass.wrote(cluster.write(wanted), "Deployment " + target.candidateDeployment() + " updated");
        return null;
    }

    private List<String> virtualService(Target target, Pass pass) {
        Optional<VirtualService> current = pass.reads.virtualService(target.namespace(), target.service());
        List<HTTPRoute> before = current.map(vs -> vs.getSpec().getHttp()).orElse(List.of());
        VirtualServicePlan.Result plan = VirtualServicePlan.plan(target, before);
        if (current.isPresent() && Objects.equals(before, plan.http())) {
            pass.touched(current.get());
            return plan.repointed();
        }
        VirtualService next = current.map(vs -> new VirtualServiceBuilder(vs).editSpec().withHttp(plan.http())
                .endSpec().build()).orElseGet(() -> new VirtualServiceBuilder()
                .withNewMetadata().withName(target.service()).withNamespace(target.namespace()).endMetadata()
                .withNewSpec().withHosts(target.service()).withHttp(plan.http()).endSpec().build());
        List<String> changes = new ArrayList<>(RouteText.routeChanges(before, plan.http(), target.release().name()));
        plan.repointed().forEach(route -> changes.add("route " + route + ": " + target.removed() + " -> "
                + target.keeper()));
        pass.wrote(cluster.write(next), "VirtualService " + target.service() + (current.isEmpty() ? " created" : "")
                + (changes.isEmpty() ? "" : ": " + String.join("; ", changes)));
        return plan.repointed();
    }

    private void destinationRule(Target target, Pass pass) {
        Optional<DestinationRule> current = pass.reads.destinationRule(target.namespace(), target.service());
        List<Subset> before = current.map(dr -> dr.getSpec().getSubsets()).orElse(List.of());
        List<Subset> subsets = SubsetPlan.plan(target, before);
        if (current.isPresent() && Objects.equals(before, subsets)) {
            pass.touched(current.get());
            return;
        }
        DestinationRule next = current.map(dr -> new DestinationRuleBuilder(dr).editSpec().withSubsets(subsets)
                .endSpec().build()).orElseGet(() -> new DestinationRuleBuilder()
                .withNewMetadata().withName(target.service()).withNamespace(target.namespace()).endMetadata()
                .withNewSpec().withHost(target.service()).withSubsets(subsets).endSpec().build());
        pass.wrote(cluster.write(next), "DestinationRule " + target.service() + ": "
                + String.join("; ", RouteText.subsetChanges(before, subsets)));
    }

    private void removeWorkload(Target target, Pass pass) {
        Optional<Deployment> removed = target.removed().equals(target.candidate())
                ? pass.reads.deployment(target.namespace(), target.candidateDeployment())
                : pass.reads.baseline(target.namespace(), target.service(), target.removed());
        removed.ifPresent(deployment -> {
            cluster.delete(deployment);
            pass.deleted(deployment);
        });
    }

    private static java.util.Map<String, String> labels(HasMetadata object) {
        return object.getMetadata().getLabels() == null ? java.util.Map.of() : object.getMetadata().getLabels();
    }

    /** What one pass read, wrote and deleted. */
    private static final class Pass {
        private final Reads reads;
        private final List<TouchedObject> objects = new ArrayList<>();
        private final List<String> changes = new ArrayList<>();
        private Deployment candidate;

        Pass(Reads reads) {
            this.reads = reads;
        }

        <T extends HasMetadata> T touched(T object) {
            objects.add(new TouchedObject(object.getApiVersion(), object.getKind(), object.getMetadata().getName(),
                    object.getMetadata().getResourceVersion()));
            return object;
        }

        <T extends HasMetadata> T wrote(T object, String change) {
            changes.add(change);
            return touched(object);
        }

        void deleted(HasMetadata object) {
            changes.add(object.getKind() + " " + object.getMetadata().getName() + " deleted");
            objects.add(new TouchedObject(object.getApiVersion(), object.getKind(), object.getMetadata().getName(),
                    null));
        }

        Outcome.Applied applied(List<String> repointed) {
            return new Outcome.Applied(List.copyOf(objects), repointed, List.copyOf(changes));
        }
    }
}
