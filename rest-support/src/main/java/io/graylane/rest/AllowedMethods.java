package io.graylane.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The methods each path of an API allows, read from its resources' annotations, for the Allow header of a
 * 405 answer (RFC 9110 requires it; RESTEasy Reactive leaves it out).
 */
@ApplicationScoped
public class AllowedMethods {

    /** Path regex to methods, e.g. {@code /api/v1/namespaces/[^/]+/releases/?} to GET, POST. */
    private final Map<String, TreeSet<String>> byPath = new LinkedHashMap<>();

    public AllowedMethods(ApiResources resources) {
        resources.classes().forEach(this::scan);
    }

    /** The methods allowed at {@code path}, comma-separated; empty if no resource serves it. */
    public String at(String path) {
        return byPath.entrySet().stream()
                .filter(entry -> Pattern.matches(entry.getKey(), path))
                .map(entry -> String.join(", ", entry.getValue()))
                .findFirst().orElse("");
    }

    private void scan(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        for (Method method : resource.getDeclaredMethods()) {
            String verb = verb(method);
            if (verb != null) {
                Path sub = method.getAnnotation(Path.class);
                String template = sub == null ? base : base + "/" + sub.value();
                byPath.computeIfAbsent(template.replaceAll("\\{[^}]+}", "[^/]+") + "/?", key -> new TreeSet<>())
                        .add(verb);
            }
        }
    }

    private static String verb(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(Annotation::annotationType)
                .map(type -> type.getAnnotation(HttpMethod.class))
                .filter(Objects::nonNull)
                .map(HttpMethod::value)
                .findFirst().orElse(null);
    }
}
