package io.graylane.traffic.domain;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The candidate's Deployment: the baseline's pod template with {@code version=<candidate>} and the main
 * container's image replaced. The main container is the one named like the service (Bookinfo's
 * convention), else the first one.
 */
public final class CandidateWorkload {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String GRAYLANE = "graylane";
    public static final String RELEASE_ANNOTATION = "graylane.io/release";
    public static final String GENERATION_ANNOTATION = "graylane.io/generation";

    private CandidateWorkload() {
    }

    public static Deployment render(Deployment baseline, Target target) {
        Deployment candidate = new Deployment();
        candidate.setApiVersion("apps/v1");
        candidate.setKind("Deployment");
        candidate.setMetadata(metadata(baseline.getMetadata(), target));
        DeploymentSpec spec = baseline.getSpec().toBuilder().build();
        Integer replicas = target.release().candidate().replicas();
        spec.setReplicas(replicas != null ? replicas : baseline.getSpec().getReplicas());
        if (spec.getSelector() != null && spec.getSelector().getMatchLabels() != null) {
            spec.getSelector().setMatchLabels(withVersion(spec.getSelector().getMatchLabels(), target.candidate()));
        }
        spec.getTemplate().getMetadata().setLabels(withVersion(spec.getTemplate().getMetadata().getLabels(),
                target.candidate()));
        mainContainer(spec.getTemplate().getSpec().getContainers(), target.service())
                .setImage(target.release().candidate().image());
        candidate.setSpec(spec);
        return candidate;
    }

    /** The container whose name is the service's, else the first. */
    public static Container mainContainer(List<Container> containers, String service) {
        return containers.stream().filter(c -> service.equals(c.getName())).findFirst().orElse(containers.get(0));
    }

    public static boolean isAvailable(Deployment deployment) {
        return deployment.getStatus() != null && (positive(deployment.getStatus().getAvailableReplicas())
                || positive(deployment.getStatus().getReadyReplicas()));
    }

    private static boolean positive(Integer value) {
        return value != null && value > 0;
    }

    private static ObjectMeta metadata(ObjectMeta baseline, Target target) {
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(target.candidateDeployment());
        metadata.setNamespace(target.namespace());
        Map<String, String> labels = withVersion(baseline.getLabels(), target.candidate());
        labels.put(MANAGED_BY, GRAYLANE);
        metadata.setLabels(labels);
        metadata.setAnnotations(Map.of(RELEASE_ANNOTATION, target.release().name(),
                GENERATION_ANNOTATION, Long.toString(target.generation())));
        return metadata;
    }

    private static Map<String, String> withVersion(Map<String, String> labels, String version) {
        Map<String, String> copy = new HashMap<>(labels == null ? Map.of() : labels);
        copy.put("version", version);
        return copy;
    }
}
