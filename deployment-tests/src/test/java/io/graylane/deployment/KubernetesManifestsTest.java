package io.graylane.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.graylane.kubetesting.IstioSchemas;
import io.graylane.kubetesting.Manifests;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The k8s/ kustomizations as {@code kubectl kustomize} builds them (offline), read strictly into fabric8's
 * typed model: a field Kubernetes does not know fails the test with its path.
 */
class KubernetesManifestsTest {

    private static final Set<String> SERVICES = Set.of("release-service", "traffic-service", "observability-service",
            "bookinfo-deployer");
    private static final Set<String> KUBERNETES_CLIENTS = Set.of("traffic-service", "bookinfo-deployer");

    static List<HasMetadata> build(String kustomization) {
        Command kustomize = Command.run(Map.of(), "kubectl", "kustomize", "k8s/" + kustomization);
        assertThat(kustomize.exitCode()).as("kubectl kustomize k8s/" + kustomization + ":\n" + kustomize.output())
                .isZero();
        return Manifests.read(kustomize.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "managed-namespace", "overlays/try-it"})
    void buildsOfflineIntoTheTypedModelWithNoUnknownField(String kustomization) {
        List<HasMetadata> objects = build(kustomization);

        assertThat(objects).isNotEmpty();
        assertThat(objects).noneMatch(object -> object instanceof Secret).as("no credentials committed");
        for (HasMetadata object : objects) {
            if (object.getApiVersion().startsWith("networking.istio.io/")) {
                IstioSchemas.assertValid(object);
            }
        }
    }

    @Test
    void runsEachServiceWithItsOwnAccountProbesAndResources() {
        List<HasMetadata> objects = build("base");
        assertThat(named(objects, Namespace.class)).containsExactly("graylane-system");
        assertThat(named(objects, ServiceAccount.class)).containsExactlyInAnyOrderElementsOf(SERVICES);
        List<Deployment> deployments = of(objects, Deployment.class).toList();
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            assertThat(deployment.getMetadata().getNamespace()).isEqualTo("graylane-system");
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getServiceAccountName()).as(name).isEqualTo(name);
            assertThat(of(objects, ServiceAccount.class).filter(a -> a.getMetadata().getName().equals(name))
                    .findFirst().orElseThrow().getAutomountServiceAccountToken())
                    .as(name + " mounts an API token only if it calls the Kubernetes API")
                    .isEqualTo(KUBERNETES_CLIENTS.contains(name));
            Container container = pod.getContainers().get(0);
            assertThat(container.getImage()).as(name).matches("graylane/" + name + ":[0-9][A-Za-z0-9._-]*");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(name).isEqualTo("/q/health/live");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(name).isEqualTo("/q/health/ready");
            assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
            assertThat(container.getEnvFrom()).as(name + " reads the ConfigMap")
                    .anyMatch(source -> "graylane-config".equals(source.getConfigMapRef().getName()));
        }
        Container release = deployments.stream().filter(d -> d.getMetadata().getName().equals("release-service"))
                .findFirst().orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(release.getEnv()).filteredOn(env -> env.getName().equals("GRAYLANE_DB_PASSWORD"))
                .singleElement().satisfies(env -> assertThat(env.getValueFrom().getSecretKeyRef().getName())
                        .isEqualTo("graylane-db"));
    }

    @Test
    void grantsNothingClusterWideBeyondReadingAndNamespaces() {
        List<HasMetadata> objects = build("base");
        Set<String> boundClusterWide = Set.copyOf(of(objects, ClusterRoleBinding.class)
                .map(binding -> binding.getRoleRef().getName()).toList());
        for (ClusterRole role : of(objects, ClusterRole.class).filter(r -> boundClusterWide.contains(r.getMetadata()
                .getName())).toList()) {
            for (PolicyRule rule : role.getRules()) {
                boolean namespaces = rule.getResources().equals(List.of("namespaces"));
                assertThat(namespaces || Set.of("get", "list", "watch").containsAll(rule.getVerbs()))
                        .as(role.getMetadata().getName() + " writes " + rule.getResources() + " in every namespace")
                        .isTrue();
                assertThat(rule.getResources()).doesNotContain("secrets", "pods", "*");
            }
        }
    }

    @Test
    void tryItAddsSingleNodeKafkaAndPostgresWithPinnedImages() {
        List<HasMetadata> objects = build("overlays/try-it");
        List<StatefulSet> stores = of(objects, StatefulSet.class).toList();
        assertThat(stores).extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrder("kafka", "postgres");
        for (StatefulSet store : stores) {
            assertThat(store.getSpec().getReplicas()).isEqualTo(1);
            Container container = store.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getImage()).matches("(apache/kafka|postgres):[0-9][0-9.]*");
            assertThat(container.getReadinessProbe()).as(store.getMetadata().getName()).isNotNull();
            assertThat(container.getResources().getLimits()).containsKey("memory");
        }
        assertThat(named(objects, Namespace.class)).containsExactlyInAnyOrder("graylane-system", "demo-project");
    }

    @Test
    void letsTheMeshAloneSendSpansAndOnlyGraylaneReachItsKafkaAndDatabase() {
        List<NetworkPolicy> policies = of(build("overlays/try-it"), NetworkPolicy.class).toList();
        Map<String, String> mesh = Map.of("istio-injection", "enabled", "kubernetes.io/metadata.name", "demo-project");
        Map<String, String> elsewhere = Map.of("kubernetes.io/metadata.name", "default");
        Map<String, String> home = Map.of("kubernetes.io/metadata.name", "graylane-system");
        Map<String, String> anyPod = Map.of("app", "curl");

        for (String service : SERVICES) {
            assertThat(reaches(policies, elsewhere, anyPod, app(service), "http")).as(service + " API").isTrue();
            assertThat(reaches(policies, elsewhere, anyPod, app(service), "debug")).as(service + " debug").isFalse();
        }
        assertThat(reaches(policies, mesh, anyPod, app("observability-service"), "zipkin")).isTrue();
        assertThat(reaches(policies, elsewhere, anyPod, app("observability-service"), "zipkin")).isFalse();
        assertThat(reaches(policies, home, app("release-service"), app("observability-service"), "zipkin")).isFalse();
        assertThat(reaches(policies, home, app("release-service"), app("postgres"), "postgres")).isTrue();
        assertThat(reaches(policies, home, app("traffic-service"), app("postgres"), "postgres")).isFalse();
        assertThat(reaches(policies, home, app("bookinfo-deployer"), app("kafka"), "kafka")).isTrue();
        assertThat(reaches(policies, mesh, app("bookinfo-deployer"), app("kafka"), "kafka")).isFalse();
    }

    private static Map<String, String> app(String name) {
        return Map.of("app.kubernetes.io/name", name);
    }

    /**
     * Whether a pod labelled {@code source} in a namespace labelled {@code sourceNamespace} may open the named
     * port of a pod labelled {@code target} in graylane-system, by NetworkPolicy's rules: a pod selected by no
     * policy takes everything; otherwise one ingress rule of a selecting policy must allow it.
     */
    private static boolean reaches(List<NetworkPolicy> policies, Map<String, String> sourceNamespace,
            Map<String, String> source, Map<String, String> target, String port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(policy -> selects(policy.getSpec().getPodSelector(), target)).toList();
        if (selecting.isEmpty()) {
            return true;
        }
        boolean sameNamespace = "graylane-system".equals(sourceNamespace.get("kubernetes.io/metadata.name"));
        return selecting.stream().flatMap(policy -> Optional.ofNullable(policy.getSpec().getIngress())
                .orElse(List.of()).stream()).anyMatch(rule -> {
                    boolean portAllowed = rule.getPorts() == null || rule.getPorts().isEmpty() || rule.getPorts()
                            .stream().anyMatch(p -> port.equals(p.getPort().getStrVal()));
                    boolean peerAllowed = rule.getFrom() == null || rule.getFrom().isEmpty() || rule.getFrom().stream()
                            .anyMatch(peer -> peer.getNamespaceSelector() != null
                                    ? selects(peer.getNamespaceSelector(), sourceNamespace)
                                            && (peer.getPodSelector() == null || selects(peer.getPodSelector(), source))
                                    : sameNamespace && selects(peer.getPodSelector(), source));
                    return portAllowed && peerAllowed;
                });
    }

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        boolean matchLabels = selector.getMatchLabels() == null || selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        boolean expressions = selector.getMatchExpressions() == null || selector.getMatchExpressions().stream()
                .allMatch(e -> {
                    assertThat(e.getOperator()).as("only In is evaluated here").isEqualTo("In");
                    return e.getValues().contains(labels.get(e.getKey()));
                });
        return matchLabels && expressions;
    }

    private static <T extends HasMetadata> Stream<T> of(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast);
    }

    private static List<String> named(List<HasMetadata> objects, Class<? extends HasMetadata> kind) {
        return of(objects, kind).map(object -> object.getMetadata().getName()).toList();
    }
}
