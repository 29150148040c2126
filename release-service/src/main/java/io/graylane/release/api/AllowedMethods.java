package io.graylane.release.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each path of the API allows, read from the resource's annotations, for the Allow header of
 * a 405 answer (RFC 9110 requires it; RESTEasy Reactive leaves it out).
 */
final class AllowedMethods {

    private static final Map<String, TreeSet<String>> BY_PATH = scan(ReleaseResource.class);

    private AllowedMethods() {
    }

    static String at(String path) {
        return BY_PATH.entrySet().stream()
                .filter(entry -> Pattern.matches(entry.getKey(), path))
                .map(entry -> String.join(", ", entry.getValue()))
                .findFirst().orElse("");
    }

    /** Path regex to methods, e.g. {@code /api/v1/namespaces/[^/]+/releases/?} to GET, POST. */
    private static Map<String, TreeSet<String>> scan(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        Map<String, TreeSet<String>> methods = new LinkedHashMap<>();
        for (Method method : resource.getDeclaredMethods()) {
            String verb = verb(method);
            if (verb != null) {
                Path sub = method.getAnnotation(Path.class);
                String template = sub == null ? base : base + "/" + sub.value();
                methods.computeIfAbsent(template.replaceAll("\\{[^}]+}", "[^/]+") + "/?",
                        key -> new TreeSet<>()).add(verb);
            }
        }
        return methods;
    }

    private static String verb(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(Annotation::annotationType)
                .map(type -> type.getAnnotation(HttpMethod.class))
                .filter(java.util.Objects::nonNull)
                .map(HttpMethod::value)
                .findFirst().orElse(null);
    }
}
