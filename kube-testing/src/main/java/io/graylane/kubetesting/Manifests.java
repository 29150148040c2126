package io.graylane.kubetesting;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

/**
 * Reads Kubernetes YAML (one or more documents) into fabric8's typed model, strictly: a kind the model does
 * not know, or a field it does not know anywhere in an object, fails with the path of that field.
 */
public final class Manifests {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    public static List<HasMetadata> read(String yaml) {
        Object parsed = SERIALIZATION.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        List<HasMetadata> objects = new ArrayList<>();
        for (Object item : parsed instanceof Collection<?> many ? many : List.of(parsed)) {
            if (item == null) {
                continue;
            }
            if (!(item instanceof HasMetadata object) || item.getClass().getName().endsWith("GenericKubernetesResource")) {
                throw new IllegalArgumentException("not a kind of the typed model: " + item);
            }
            List<String> unknown = unknownFields(object);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(object.getKind() + " " + object.getMetadata().getName()
                        + " has fields the model does not know: " + unknown);
            }
            objects.add(object);
        }
        return objects;
    }

    /** The paths of all fields fabric8 kept aside as additional properties. */
    public static List<String> unknownFields(Object object) {
        List<String> found = new ArrayList<>();
        walk(object, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
        return found;
    }

    private static void walk(Object node, String path, List<String> found, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, found, seen));
            return;
        }
        if (!(node instanceof KubernetesResource) && !node.getClass().getPackageName().startsWith("io.fabric8")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(key -> found.add(path + "." + key));
                }
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                walk(value, path + "." + field, found, seen);
            }
        }
    }
}
