package io.graylane.traffic.domain;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.graylane.events.release.Intent;
import io.graylane.traffic.kube.Cluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Deployments of a release: the candidate made from the baseline (or adopted), its autoscaler, and the
 * removal of the version that lost. Graylane deletes only what it created; a Deployment it did not create is
 * scaled to zero by offline (deleted with {@code removeBaseline}) and left as it was by rollback.
 */
final class WorkloadSteps {

    private final Cluster cluster;
    private final VersionLabels labels;

    WorkloadSteps(Cluster cluster, VersionLabels labels) {
        this.cluster = cluster;
        this.labels = labels;
    }

    /** What a closing pass does with the removed version's Deployment. */
    enum Removal {
        DELETE,
        SCALE_TO_ZERO,
        KEEP
    }

    /** The candidate as the release wants it, created or corrected; or why it cannot be. */
    Object candidate(Target target, VersionLabels.Found baseline, Snapshot snapshot, Pass pass) {
        Optional<VersionLabels.Found> labelled = labels.find(snapshot.deployments(), target.service(), target.candidate());
        if (target.release().candidate().adopts()) {
            if (labelled.isEmpty()) {
                return new Outcome.Failed("CandidateNotFound", "candidate.adopt is set but no Deployment in namespace '"
                        + target.namespace() + "' is labelled " + labels.describe(target.service(), target.candidate()));
            }
            String image = image(labelled.get().deployment(), target);
            if (!image.equals(target.release().candidate().image())) {
                return new Outcome.Failed("CandidateConflict", "Deployment " + name(labelled.get().deployment())
                        + " (adopted) runs " + image + ", not " + target.release().candidate().image());
            }
            return pass.touched(labelled.get().deployment());
        }
        Optional<Deployment> byName = snapshot.deployment(target.candidateDeployment());
        if (labelled.isPresent() && !name(labelled.get().deployment()).equals(target.candidateDeployment())
                && !CandidateWorkload.createdByGraylane(labelled.get().deployment())) {
            return new Outcome.Failed("CandidateConflict", "Deployment " + name(labelled.get().deployment())
                    + " already runs version " + target.candidate() + "; set candidate.adopt to release it as it is,"
                    + " or choose another version");
        }
        if (byName.isPresent() && !CandidateWorkload.createdByGraylane(byName.get())) {
            return new Outcome.Failed("CandidateConflict", "Deployment " + target.candidateDeployment()
                    + " exists and was not created by Graylane; set candidate.adopt to use it as the candidate"
                    + " (Graylane then never changes or deletes it)");
        }
        Optional<HorizontalPodAutoscaler> autoscaler = snapshot.autoscalerOf(baseline.deployment());
        Integer replicas = target.release().candidate().replicas() != null ? target.release().candidate().replicas()
                : autoscaler.map(h -> h.getSpec().getMinReplicas()).orElse(baseline.deployment().getSpec().getReplicas());
        Deployment wanted = CandidateWorkload.render(baseline.deployment(), target, baseline.labels().version(),
                labels.pairs().stream().map(VersionLabels.Pair::version).toList(), replicas);
        if (byName.isEmpty()) {
            return pass.wrote(null, cluster.write(wanted), List.of("runs " + target.release().candidate().image()));
        }
        return corrected(byName.get(), wanted, autoscaler.isPresent(), target, pass);
    }

    /** The candidate's own copy of the baseline's autoscaler, if the baseline has one and Graylane made the candidate. */
    void autoscaler(Target target, Deployment baseline, Deployment candidate, Snapshot snapshot, Pass pass) {
        Optional<HorizontalPodAutoscaler> baselines = snapshot.autoscalerOf(baseline);
        if (baselines.isEmpty() || !CandidateWorkload.createdByGraylane(candidate)) {
            return;
        }
        HorizontalPodAutoscaler wanted = CandidateWorkload.autoscaler(baselines.get(), target, name(candidate));
        Optional<HorizontalPodAutoscaler> current = snapshot.autoscaler(name(candidate));
        if (current.isEmpty()) {
            pass.wrote(null, cluster.write(wanted), List.of("scales " + name(candidate) + " between "
                    + wanted.getSpec().getMinReplicas() + " and " + wanted.getSpec().getMaxReplicas() + " replicas"));
        } else if (!sameBounds(current.get(), wanted)) {
            HorizontalPodAutoscaler next = new HorizontalPodAutoscalerBuilder(current.get())
                    .withSpec(wanted.getSpec()).build();
            pass.wrote(current.get(), cluster.write(next), List.of("bounds and metrics of " + name(baselines.get())));
        } else {
            pass.touched(current.get());
        }
    }

    /** What to do with the removed version's Deployment. */
    Removal removal(Target target, Deployment removed) {
        if (CandidateWorkload.createdByGraylane(removed)) {
            return Removal.DELETE;
        }
        boolean baseline = target.removed().equals(target.baseline());
        if (baseline && target.release().removesBaseline()) {
            return Removal.DELETE;
        }
        return target.release().intent() == Intent.OFFLINE ? Removal.SCALE_TO_ZERO : Removal.KEEP;
    }

    /** Removes the Deployment as decided (and an autoscaler Graylane made for it), saying what it did. */
    void remove(Target target, Deployment removed, Removal removal, Snapshot snapshot, Pass pass) {
        String name = name(removed);
        switch (removal) {
            case DELETE -> {
                Optional<HorizontalPodAutoscaler> autoscaler = snapshot.autoscalerOf(removed)
                        .filter(CandidateWorkload::createdByGraylane);
                cluster.delete(removed);
                pass.deleted(removed, "Deployment " + name + " deleted");
                autoscaler.ifPresent(h -> {
                    cluster.delete(h);
                    pass.deleted(h, "HorizontalPodAutoscaler " + name(h) + " deleted");
                });
                pass.removal = new Outcome.Removal(name, removed.getMetadata().getUid(), true, null);
            }
            case SCALE_TO_ZERO -> {
                if (!Objects.equals(removed.getSpec().getReplicas(), 0)) {
                    cluster.write(new DeploymentBuilder(removed).editSpec().withReplicas(0).endSpec().build());
                    pass.changes.add("Deployment " + name + " scaled to 0");
                }
                pass.notes.add("Deployment " + name + " scaled to 0, not deleted: Graylane did not create it"
                        + (target.removed().equals(target.baseline()) ? " (removeBaseline: true deletes it)" : ""));
                pass.removal = new Outcome.Removal(name, removed.getMetadata().getUid(), false,
                        removed.getMetadata().getResourceVersion());
            }
            case KEEP -> pass.notes.add("Deployment " + name + " left as it was: Graylane did not create it");
        }
    }

    /** What came back of a removed Deployment, or null: recreated (a GitOps tool), or scaled up again. */
    static String returned(Outcome.Removal removal, Snapshot snapshot) {
        Optional<Deployment> now = snapshot.deployment(removal.deployment());
        if (now.isEmpty()) {
            return null;
        }
        String writer = removal.deleted() ? Pass.writerOf(now.get())
                : Pass.writerOf(now.get(), "f:spec", "f:replicas");
        String by = Optional.ofNullable(writer).map(w -> " by " + w).orElse("");
        if (removal.deleted() && !Objects.equals(now.get().getMetadata().getUid(), removal.uid())) {
            return "Deployment " + removal.deployment() + " was created again" + by + " after Graylane deleted it;"
                    + " Graylane leaves it (no route sends traffic to it)";
        }
        if (!removal.deleted() && Objects.equals(now.get().getMetadata().getResourceVersion(), removal.versionBefore())) {
            // The Deployment as it was before Graylane scaled it down: a view from before that write, not a change.
            return null;
        }
        Integer replicas = now.get().getSpec().getReplicas();
        if (!removal.deleted() && (replicas == null || replicas > 0)) {
            return "Deployment " + removal.deployment() + " was scaled to " + (replicas == null ? 1 : replicas) + by
                    + " after Graylane scaled it to zero; Graylane leaves it (no route sends traffic to it)";
        }
        return null;
    }

    /** The owned candidate with what the release sets put back: image, version labels, replicas unless autoscaled. */
    private Object corrected(Deployment current, Deployment wanted, boolean autoscaled, Target target, Pass pass) {
        List<String> lines = new ArrayList<>();
        Deployment next = new DeploymentBuilder(current).build();
        String image = image(current, target);
        if (!image.equals(target.release().candidate().image())) {
            CandidateWorkload.mainContainer(next.getSpec().getTemplate().getSpec().getContainers(), target.service())
                    .setImage(target.release().candidate().image());
            lines.add("image " + image + " -> " + target.release().candidate().image());
        }
        Map<String, String> wantedLabels = wanted.getSpec().getTemplate().getMetadata().getLabels();
        if (!Objects.equals(current.getSpec().getTemplate().getMetadata().getLabels(), wantedLabels)
                && current.getSpec().getSelector().getMatchLabels().entrySet().stream()
                        .allMatch(e -> e.getValue().equals(wantedLabels.get(e.getKey())))) {
            next.getSpec().getTemplate().getMetadata().setLabels(wantedLabels);
            lines.add("pod labels " + current.getSpec().getTemplate().getMetadata().getLabels() + " -> " + wantedLabels);
        }
        Integer replicas = target.release().candidate().replicas();
        if (!autoscaled && replicas != null && !replicas.equals(current.getSpec().getReplicas())) {
            next.getSpec().setReplicas(replicas);
            lines.add("replicas " + current.getSpec().getReplicas() + " -> " + replicas);
        }
        if (lines.isEmpty()) {
            return pass.touched(current);
        }
        Map<String, String> annotations = new java.util.HashMap<>(next.getMetadata().getAnnotations() == null
                ? Map.of() : next.getMetadata().getAnnotations());
        annotations.put(CandidateWorkload.GENERATION_ANNOTATION, Long.toString(target.generation()));
        next.getMetadata().setAnnotations(annotations);
        return pass.wrote(current, cluster.write(next), lines);
    }

    private static boolean sameBounds(HorizontalPodAutoscaler current, HorizontalPodAutoscaler wanted) {
        return Objects.equals(current.getSpec().getMinReplicas(), wanted.getSpec().getMinReplicas())
                && Objects.equals(current.getSpec().getMaxReplicas(), wanted.getSpec().getMaxReplicas())
                && Objects.equals(current.getSpec().getMetrics(), wanted.getSpec().getMetrics())
                && Objects.equals(current.getSpec().getScaleTargetRef(), wanted.getSpec().getScaleTargetRef());
    }

    private static String image(Deployment deployment, Target target) {
        return CandidateWorkload.mainContainer(deployment.getSpec().getTemplate().getSpec().getContainers(),
                target.service()).getImage();
    }

    private static String name(io.fabric8.kubernetes.api.model.HasMetadata object) {
        return object.getMetadata().getName();
    }
}
