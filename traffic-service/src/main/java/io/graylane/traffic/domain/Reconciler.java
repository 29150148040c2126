package io.graylane.traffic.domain;

import io.fabric8.istio.api.api.networking.v1alpha3.HTTPRoute;
import io.fabric8.istio.api.api.networking.v1alpha3.Subset;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.graylane.traffic.config.TrafficServiceConfig;
import io.graylane.traffic.kube.Cluster;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One level-triggered pass for one release: reads the namespace, writes only what differs from the target, and
 * says what it did. Writing the same target twice writes nothing the second time. A change that gives a version
 * more traffic waits until that version is ready, as {@code kubectl rollout status} judges it ({@link Readiness}).
 * When a version is removed, routes move first, then its subset (if no route refers to it any more), then its
 * workload, so no route ever points at a subset that is gone.
 */
@ApplicationScoped
public class Reconciler {

    private final Cluster cluster;
    private final VersionLabels labels;
    private final RoutingSteps routing;
    private final WorkloadSteps workloads;

    Reconciler(Cluster cluster, TrafficServiceConfig config) {
        this.cluster = cluster;
        this.labels = VersionLabels.of(config.versions().appLabels(), config.versions().versionLabels());
        this.routing = new RoutingSteps(cluster);
        this.workloads = new WorkloadSteps(cluster, labels);
    }

    /** Blocks until the watches' cache holds what the cluster holds. */
    public void awaitSynced() {
        cluster.awaitSynced();
    }

    /**
     * @param fresh whether to read from the API server rather than the watches' cache (after a conflict)
     * @param removed what an earlier pass of this generation removed: it is not removed again
     */
    public Outcome apply(Target target, boolean fresh, Outcome.Removal removed) {
        Snapshot snapshot = Snapshot.read(fresh ? cluster : cluster.cached(), target.namespace());
        RoutingObjects.Found found = RoutingObjects.find(snapshot.virtualServices(), snapshot.destinationRules(),
                target.service(), target.namespace());
        if (found instanceof RoutingObjects.Ambiguous ambiguous) {
            return new Outcome.Failed("AmbiguousRouting", ambiguous.message());
        }
        RoutingObjects objects = ((RoutingObjects.Unique) found).objects();
        return target.closing() ? close(target, snapshot, objects, removed) : split(target, snapshot, objects);
    }

    /**
     * What would have to change in the cluster for it to hold the target's routing (VirtualServices and
     * subsets), one line each; empty when it holds it. Reads from the API server, writes nothing.
     */
    public List<String> differences(Target target) {
        Snapshot snapshot = Snapshot.read(cluster, target.namespace());
        RoutingObjects.Found found = RoutingObjects.find(snapshot.virtualServices(), snapshot.destinationRules(),
                target.service(), target.namespace());
        if (found instanceof RoutingObjects.Ambiguous ambiguous) {
            return List.of(ambiguous.message());
        }
        RoutingObjects objects = ((RoutingObjects.Unique) found).objects();
        boolean repoint = !target.closing() || workloadOf(target, target.removed(), snapshot)
                .map(removed -> workloads.removal(target, removed.deployment()) != WorkloadSteps.Removal.KEEP)
                .orElse(true);
        RoutingSteps.Routing planned = routing.plan(target, objects, snapshot, repoint);
        List<String> differences = new ArrayList<>(planned.refusal().stream().toList());
        for (RoutingSteps.Planned vs : planned.planned()) {
            List<HTTPRoute> before = vs.current() == null
                    ? List.of() : RoutingObjects.http(vs.current());
            RouteText.routeChanges(before, vs.next().getSpec().getHttp()).forEach(change -> differences.add(
                    "VirtualService " + vs.next().getMetadata().getName() + ": " + change));
        }
        List<Subset> subsets = objects.rule()
                .map(rule -> rule.getSpec().getSubsets()).orElse(List.of());
        String versionLabel = workloadOf(target, target.closing() ? target.keeper() : target.baseline(), snapshot)
                .map(workload -> workload.labels().version()).orElse(labels.pairs().get(0).version());
        differences.addAll(RouteText.subsetChanges(subsets, SubsetPlan.plan(target, versionLabel, subsets,
                planned.namespaceAfter(snapshot.virtualServices())).subsets()));
        return differences;
    }

    /** What came back of a workload a closing pass removed, for a release that has ended; reads only. */
    public String returned(Target target, Outcome.Removal removed) {
        return WorkloadSteps.returned(removed, Snapshot.read(cluster.cached(), target.namespace()));
    }

    private Outcome split(Target target, Snapshot snapshot, RoutingObjects objects) {
        Optional<VersionLabels.Found> baseline = labels.find(snapshot.deployments(), target.service(), target.baseline());
        if (baseline.isEmpty()) {
            return new Outcome.Failed("BaselineNotFound", "no Deployment in namespace '" + target.namespace()
                    + "' labelled " + labels.describe(target.service(), target.baseline()));
        }
        Optional<Outcome.Failed> unlabelled = unlabelled(baseline.get());
        if (unlabelled.isPresent()) {
            return unlabelled.get();
        }
        Pass pass = new Pass();
        pass.touched(baseline.get().deployment());
        Object candidate = workloads.candidate(target, baseline.get(), snapshot, pass);
        if (candidate instanceof Outcome.Failed failed) {
            return failed;
        }
        workloads.autoscaler(target, baseline.get().deployment(), (Deployment) candidate, snapshot, pass);
        String versionLabel = baseline.get().labels().version();
        routing.subsets(target, objects.rule(), snapshot, versionLabel, snapshot.virtualServices(), pass);
        Map<String, Deployment> versions = Map.of(target.baseline(), baseline.get().deployment(), target.candidate(),
                (Deployment) candidate);
        return routeThenApply(target, snapshot, objects, versions, Set.of(), true, pass);
    }

    private Outcome close(Target target, Snapshot snapshot, RoutingObjects objects, Outcome.Removal removedBefore) {
        Optional<VersionLabels.Found> keeper = workloadOf(target, target.keeper(), snapshot);
        if (keeper.isEmpty()) {
            return new Outcome.Failed("KeeperNotFound", "no Deployment of " + target.keeper() + ", the version to keep,"
                    + " in namespace '" + target.namespace() + "': labelled " + labels.describe(target.service(),
                    target.keeper()));
        }
        Optional<Deployment> removed = workloadOf(target, target.removed(), snapshot).map(VersionLabels.Found::deployment);
        WorkloadSteps.Removal removal = removedBefore != null ? null
                : removed.map(d -> workloads.removal(target, d)).orElse(null);
        boolean repoint = removal != WorkloadSteps.Removal.KEEP;
        Pass pass = new Pass();
        pass.touched(keeper.get().deployment());
        Map<String, Deployment> versions = new HashMap<>();
        versions.put(target.keeper(), keeper.get().deployment());
        Outcome routed = routeThenApply(target, snapshot, objects, versions, Set.of(target.keeper()), repoint, pass);
        if (!(routed instanceof Outcome.Applied)) {
            return routed;
        }
        if (removedBefore != null) {
            pass.returned = WorkloadSteps.returned(removedBefore, snapshot);
        } else if (removed.isPresent()) {
            workloads.remove(target, removed.get(), removal, snapshot, pass);
        }
        return pass.applied();
    }

    /**
     * Plans the routes; if they give a version more traffic (or {@code mustBeReady} names it), waits until it is
     * ready; writes the routes and, when closing, the subsets after them.
     */
    private Outcome routeThenApply(Target target, Snapshot snapshot, RoutingObjects objects,
            Map<String, Deployment> versions, Set<String> mustBeReady, boolean repoint, Pass pass) {
        RoutingSteps.Routing planned = routing.plan(target, objects, snapshot, repoint);
        if (planned.refusal().isPresent()) {
            return new Outcome.Failed("UnmanageableRoute", planned.refusal().get());
        }
        Map<String, String> subsetVersions = subsetVersions(objects);
        TrafficShares before = TrafficShares.of(planned.before(), target.service(), target.namespace(), subsetVersions);
        TrafficShares after = TrafficShares.of(planned.after(), target.service(), target.namespace(), subsetVersions);
        Set<String> gaining = new TreeSet<>(before.gainedIn(after));
        gaining.addAll(mustBeReady);
        for (String version : gaining) {
            Deployment deployment = versions.get(version);
            Readiness readiness = deployment == null ? new Readiness.Ready() : Readiness.of(deployment);
            if (readiness instanceof Readiness.Failed failed) {
                return new Outcome.Failed("ProgressDeadlineExceeded", failed.message());
            }
            if (readiness instanceof Readiness.NotReady notReady) {
                return new Outcome.Waiting(version.equals(target.candidate()) && !target.closing()
                        ? "WaitingForCandidate" : "WaitingForVersion", "no more traffic goes to " + version
                        + " until it is ready: " + notReady.message());
            }
        }
        routing.write(planned, pass);
        if (target.closing()) {
            String versionLabel = versionLabelOf(versions.get(target.keeper()), target);
            routing.subsets(target, objects.rule(), snapshot, versionLabel,
                    planned.namespaceAfter(snapshot.virtualServices()), pass);
        }
        for (String version : after.carrying()) {
            Deployment deployment = versions.get(version);
            if (deployment != null && Readiness.of(deployment) instanceof Readiness.NotReady notReady) {
                pass.unavailable.add(version + ": " + notReady.message());
            }
        }
        return pass.applied();
    }

    /** The Deployment of a version: the candidate adopted or made by Graylane, or the one its labels find. */
    private Optional<VersionLabels.Found> workloadOf(Target target, String version, Snapshot snapshot) {
        if (version.equals(target.candidate()) && !target.release().candidate().adopts()) {
            Optional<Deployment> made = snapshot.deployment(target.candidateDeployment());
            if (made.isPresent()) {
                return labels.find(made.map(List::of).get(), target.service(), version)
                        .or(() -> Optional.of(new VersionLabels.Found(made.get(), labels.pairs().get(0))));
            }
        }
        return labels.find(snapshot.deployments(), target.service(), version);
    }

    private Optional<Outcome.Failed> unlabelled(VersionLabels.Found baseline) {
        Map<String, String> podLabels = baseline.deployment().getSpec().getTemplate().getMetadata().getLabels();
        String key = baseline.labels().version();
        if (podLabels != null && podLabels.containsKey(key)) {
            return Optional.empty();
        }
        return Optional.of(new Outcome.Failed("BaselineUnlabelled", "the pods of Deployment "
                + baseline.deployment().getMetadata().getName() + " carry no label " + key + ", so no DestinationRule"
                + " subset can select them; add " + key + " to its spec.template.metadata.labels"));
    }

    private String versionLabelOf(Deployment deployment, Target target) {
        return labels.find(List.of(deployment), target.service(), target.keeper())
                .map(found -> found.labels().version()).orElse(labels.pairs().get(0).version());
    }

    /** Subset name to the version its labels select, for the subsets of the Service's DestinationRule. */
    private Map<String, String> subsetVersions(RoutingObjects objects) {
        Map<String, String> versions = new HashMap<>();
        objects.rule().ifPresent(rule -> rule.getSpec().getSubsets().forEach(subset -> labels.pairs().stream()
                .map(VersionLabels.Pair::version).filter(key -> subset.getLabels() != null
                        && subset.getLabels().containsKey(key)).findFirst()
                .ifPresent(key -> versions.put(subset.getName(), subset.getLabels().get(key)))));
        return versions;
    }
}
