package io.graylane.traffic.domain;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The candidate's Deployment: the baseline's, with its version labels (on the Deployment, its selector and its
 * pod template) saying the candidate's version and the main container's image replaced. The main container is
 * the one named like the service (Bookinfo's convention), else the first one. What Graylane creates is
 * labelled {@value #MANAGED_BY}={@value #GRAYLANE} and annotated with the release; labels by which a GitOps
 * tool tracks the baseline as its own are not copied, so the tool does not prune or adopt the candidate.
 */
public final class CandidateWorkload {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String GRAYLANE = "graylane";
    public static final String RELEASE_ANNOTATION = "graylane.io/release";
    public static final String GENERATION_ANNOTATION = "graylane.io/generation";
    /** Labels Argo CD and Flux track their objects by (Argo CD's default tracking label, Flux's kustomize labels). */
    private static final List<String> GITOPS_LABELS = List.of("app.kubernetes.io/instance", "argocd.argoproj.io/",
            "kustomize.toolkit.fluxcd.io/", "helm.toolkit.fluxcd.io/");

    private CandidateWorkload() {
    }

    /** Whether Graylane created the object. */
    public static boolean createdByGraylane(HasMetadata object) {
        return object.getMetadata().getLabels() != null
                && GRAYLANE.equals(object.getMetadata().getLabels().get(MANAGED_BY));
    }

    /**
     * @param versionLabel the version label the baseline was found by
     * @param versionLabels every version label key Graylane knows, set to the candidate's version where present
     * @param initialReplicas the replicas of a new candidate: the release's, else those an autoscaler starts with,
     *                        else the baseline's
     */
    public static Deployment render(Deployment baseline, Target target, String versionLabel, List<String> versionLabels,
            Integer initialReplicas) {
        Deployment candidate = new Deployment();
        candidate.setApiVersion("apps/v1");
        candidate.setKind("Deployment");
        candidate.setMetadata(metadata(baseline.getMetadata(), target, versionLabel, versionLabels));
        DeploymentSpec spec = baseline.getSpec().toBuilder().build();
        spec.setReplicas(initialReplicas);
        LabelSelector selector = spec.getSelector() == null ? new LabelSelector() : spec.getSelector();
        Map<String, String> matchLabels = new HashMap<>(selector.getMatchLabels() == null ? Map.of()
                : selector.getMatchLabels());
        matchLabels.put(versionLabel, target.candidate());
        selector.setMatchLabels(matchLabels);
        spec.setSelector(selector);
        spec.getTemplate().getMetadata().setLabels(versioned(spec.getTemplate().getMetadata().getLabels(),
                target.candidate(), versionLabel, versionLabels));
        mainContainer(spec.getTemplate().getSpec().getContainers(), target.service())
                .setImage(target.release().candidate().image());
        candidate.setSpec(spec);
        return candidate;
    }

    /** The container whose name is the service's, else the first. */
    public static Container mainContainer(List<Container> containers, String service) {
        return containers.stream().filter(c -> service.equals(c.getName())).findFirst().orElse(containers.get(0));
    }

    /** The candidate's own autoscaler: the baseline's bounds and metrics, scaling the candidate. */
    public static HorizontalPodAutoscaler autoscaler(HorizontalPodAutoscaler baseline, Target target,
            String deployment) {
        HorizontalPodAutoscaler copy = new HorizontalPodAutoscaler();
        copy.setApiVersion("autoscaling/v2");
        copy.setKind("HorizontalPodAutoscaler");
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(deployment);
        metadata.setNamespace(target.namespace());
        metadata.setLabels(Map.of(MANAGED_BY, GRAYLANE));
        metadata.setAnnotations(Map.of(RELEASE_ANNOTATION, target.release().name()));
        copy.setMetadata(metadata);
        HorizontalPodAutoscalerSpec spec = baseline.getSpec().toBuilder().build();
        spec.setScaleTargetRef(spec.getScaleTargetRef().toBuilder().withName(deployment).build());
        copy.setSpec(spec);
        return copy;
    }

    /** Whether the autoscaler scales the Deployment. */
    public static boolean scales(HorizontalPodAutoscaler autoscaler, Deployment deployment) {
        var target = autoscaler.getSpec() == null ? null : autoscaler.getSpec().getScaleTargetRef();
        return target != null && "Deployment".equals(target.getKind())
                && deployment.getMetadata().getName().equals(target.getName());
    }

    private static ObjectMeta metadata(ObjectMeta baseline, Target target, String versionLabel,
            List<String> versionLabels) {
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(target.candidateDeployment());
        metadata.setNamespace(target.namespace());
        Map<String, String> labels = versioned(baseline.getLabels(), target.candidate(), versionLabel, versionLabels);
        labels.keySet().removeIf(key -> GITOPS_LABELS.stream().anyMatch(key::startsWith));
        labels.put(MANAGED_BY, GRAYLANE);
        metadata.setLabels(labels);
        metadata.setAnnotations(Map.of(RELEASE_ANNOTATION, target.release().name(),
                GENERATION_ANNOTATION, Long.toString(target.generation())));
        return metadata;
    }

    private static Map<String, String> versioned(Map<String, String> labels, String version, String versionLabel,
            List<String> versionLabels) {
        Map<String, String> copy = new HashMap<>(labels == null ? Map.of() : labels);
        versionLabels.stream().filter(copy::containsKey).forEach(key -> copy.put(key, version));
        copy.put(versionLabel, version);
        return copy;
    }
}
