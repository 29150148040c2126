package io.graylane.traffic.domain;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.graylane.events.traffic.TouchedObject;
import io.graylane.traffic.config.KubernetesClientIdentity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** What one pass read, wrote and deleted, and what it has to say. */
final class Pass {

    final List<TouchedObject> objects = new ArrayList<>();
    final List<String> changes = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<String> repointed = new ArrayList<>();
    final List<Outcome.Write> writes = new ArrayList<>();
    final List<String> unavailable = new ArrayList<>();
    Outcome.Removal removal;
    String returned;

    <T extends HasMetadata> T touched(T object) {
        objects.add(new TouchedObject(object.getApiVersion(), object.getKind(), object.getMetadata().getName(),
                object.getMetadata().getResourceVersion()));
        return object;
    }

    /**
     * Records a write of {@code written} over {@code before} (null when created).
     *
     * @param lines what changed, one line each
     */
    <T extends HasMetadata> T wrote(HasMetadata before, T written, List<String> lines) {
        String object = written.getKind() + " " + written.getMetadata().getName();
        changes.add(object + (before == null ? " created" : "") + (lines.isEmpty() ? "" : ": " + String.join("; ",
                lines)));
        writes.add(new Outcome.Write(object, lines, before == null ? null : writerOf(before)));
        return touched(written);
    }

    void deleted(HasMetadata object, String change) {
        changes.add(change);
        objects.add(new TouchedObject(object.getApiVersion(), object.getKind(), object.getMetadata().getName(), null));
    }

    Outcome.Applied applied() {
        return new Outcome.Applied(List.copyOf(objects), List.copyOf(repointed), List.copyOf(changes),
                List.copyOf(notes), List.copyOf(writes), List.copyOf(unavailable), removal, returned);
    }

    /**
     * The field manager other than traffic-service that owns the field at {@code path} of the object's
     * managedFields (the API server gives a changed field to its last writer); with no path, or no other owner
     * of it, the one that last changed the object.
     */
    static String writerOf(HasMetadata object, String... path) {
        List<ManagedFieldsEntry> others = object.getMetadata().getManagedFields() == null ? List.of()
                : object.getMetadata().getManagedFields().stream().filter(e -> e.getManager() != null
                        && !e.getManager().equals(KubernetesClientIdentity.FIELD_MANAGER)).toList();
        return latest(others.stream().filter(e -> path.length == 0
                || e.getFieldsV1() != null && owns(e.getFieldsV1().getAdditionalProperties(), path)))
                .or(() -> latest(others.stream())).orElse(null);
    }

    private static Optional<String> latest(Stream<ManagedFieldsEntry> entries) {
        return entries.max(Comparator.comparing(e -> e.getTime() == null ? "" : e.getTime()))
                .map(ManagedFieldsEntry::getManager);
    }

    private static boolean owns(Map<String, Object> fields, String... path) {
        Object node = fields;
        for (String step : path) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(step)) {
                return false;
            }
            node = map.get(step);
        }
        return true;
    }
}
