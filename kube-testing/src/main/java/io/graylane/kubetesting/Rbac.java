package io.graylane.kubetesting;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What RBAC manifests grant one service account: the rules bound cluster-wide (ClusterRoleBindings) and the
 * rules bound in the namespaces it manages (RoleBindings, to a ClusterRole or a Role).
 */
public final class Rbac {

    private final List<PolicyRule> clusterWide;
    private final List<PolicyRule> inManagedNamespaces;

    private Rbac(List<PolicyRule> clusterWide, List<PolicyRule> inManagedNamespaces) {
        this.clusterWide = clusterWide;
        this.inManagedNamespaces = inManagedNamespaces;
    }

    public static Rbac of(List<HasMetadata> manifests, String serviceAccount, String namespace) {
        List<PolicyRule> clusterWide = new ArrayList<>();
        List<PolicyRule> inNamespaces = new ArrayList<>();
        for (HasMetadata object : manifests) {
            if (object instanceof ClusterRoleBinding binding && boundTo(binding.getSubjects(), serviceAccount, namespace)) {
                clusterWide.addAll(rules(manifests, binding.getRoleRef()));
            } else if (object instanceof RoleBinding binding && boundTo(binding.getSubjects(), serviceAccount, namespace)) {
                inNamespaces.addAll(rules(manifests, binding.getRoleRef()));
            }
        }
        return new Rbac(clusterWide, inNamespaces);
    }

    /** Whether the call is allowed: a cluster-wide call by a cluster-wide rule, a namespaced one by either. */
    public boolean allows(ApiCall call) {
        return clusterWide.stream().anyMatch(rule -> covers(rule, call))
                || call.namespace() != null && inManagedNamespaces.stream().anyMatch(rule -> covers(rule, call));
    }

    /** Each grant as {@code verb group/resource}, wherever bound, for finding grants no call uses. */
    public Set<String> grants() {
        Set<String> grants = new TreeSet<>();
        for (PolicyRule rule : concat()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        grants.add(grant(verb, group, resource));
                    }
                }
            }
        }
        return grants;
    }

    public static String grant(ApiCall call) {
        return grant(call.verb(), call.group(), call.resource());
    }

    private static String grant(String verb, String group, String resource) {
        return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource;
    }

    private List<PolicyRule> concat() {
        List<PolicyRule> all = new ArrayList<>(clusterWide);
        all.addAll(inManagedNamespaces);
        return all;
    }

    private static boolean covers(PolicyRule rule, ApiCall call) {
        return rule.getApiGroups().contains(call.group()) && rule.getResources().contains(call.resource())
                && rule.getVerbs().contains(call.verb()) && rule.getResourceNames().isEmpty();
    }

    private static boolean boundTo(List<Subject> subjects, String serviceAccount, String namespace) {
        return subjects.stream().anyMatch(subject -> "ServiceAccount".equals(subject.getKind())
                && serviceAccount.equals(subject.getName()) && namespace.equals(subject.getNamespace()));
    }

    private static List<PolicyRule> rules(List<HasMetadata> manifests, RoleRef ref) {
        for (HasMetadata object : manifests) {
            if (object.getMetadata().getName().equals(ref.getName()) && object.getKind().equals(ref.getKind())) {
                return object instanceof ClusterRole role ? role.getRules() : ((Role) object).getRules();
            }
        }
        throw new IllegalArgumentException("a binding refers to " + ref.getKind() + " " + ref.getName()
                + ", which the manifests do not hold");
    }
}
