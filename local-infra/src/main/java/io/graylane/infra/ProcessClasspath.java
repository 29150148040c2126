package io.graylane.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The classpath of a program that runs in a process of its own (the Kafka broker, the OpenTelemetry client):
 * its module writes the classpath of its dependencies into a resource of its jar; this adds the jar itself.
 */
public final class ProcessClasspath {

    private ProcessClasspath() {
    }

    public static String of(String resource) {
        URL url = ProcessClasspath.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException(resource + " is not on the classpath: build the module that writes it"
                    + " first (./mvnw install)");
        }
        try (InputStream in = url.openStream()) {
            return codeSource(url, resource) + java.io.File.pathSeparator
                    + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar or directory the resource was found in. */
    private static String codeSource(URL url, String resource) {
        String text = url.toString();
        try {
            if (text.startsWith("jar:")) {
                return Path.of(URI.create(text.substring(4, text.indexOf("!/")))).toString();
            }
            Path file = Path.of(url.toURI());
            int depth = Path.of(resource).getNameCount();
            return file.getRoot().resolve(file.subpath(0, file.getNameCount() - depth)).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot locate the jar holding " + text, e);
        }
    }

    /** The java command of this JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
