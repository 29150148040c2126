package io.graylane.kubetesting;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks RBAC manifests against the calls a service's tests recorded ({@link ApiCallRecorder}): every call is
 * allowed, and every grant is used by some call (least privilege).
 */
public final class RbacCoverage {

    private RbacCoverage() {
    }

    public static void assertExact(String serviceAccount, Path... manifests) {
        Set<ApiCall> calls = ApiCallRecorder.recorded();
        assertThat(calls).as("Kubernetes API calls recorded in " + ApiCallRecorder.FILE.toAbsolutePath()
                + " by this module's tests (they run first)").isNotEmpty();
        Rbac rbac = Rbac.of(read(manifests), serviceAccount, "graylane-system");

        Set<String> denied = calls.stream().filter(call -> !rbac.allows(call)).map(ApiCall::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(denied).as("calls of " + serviceAccount + " that " + List.of(manifests) + " do not allow")
                .isEmpty();
        Set<String> unused = new TreeSet<>(rbac.grants());
        calls.forEach(call -> unused.remove(Rbac.grant(call)));
        assertThat(unused).as("grants to " + serviceAccount + " that no call uses (least privilege: remove them)")
                .isEmpty();
    }

    private static List<HasMetadata> read(Path... files) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Path file : files) {
            try {
                objects.addAll(Manifests.read(Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return objects;
    }
}
