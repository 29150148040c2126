package io.graylane.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command line tool run from the repository root; its exit code and output (stdout and stderr). */
record Command(int exitCode, String output) {

    static final Path ROOT = Path.of(System.getProperty("graylane.root", "..")).toAbsolutePath().normalize();

    static Command run(Map<String, String> environment, String... command) {
        try {
            Path output = Files.createTempFile("command", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 10 minutes");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            Files.delete(output);
            return new Command(process.exitValue(), text);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static boolean onPath(String tool) {
        return run(Map.of(), "sh", "-c", "command -v " + tool).exitCode() == 0;
    }

    /**
     * Makes sure the tool is there, installing its Debian package when it is not (CI machines are Debian
     * with access to its mirrors; installing needs root).
     */
    static void require(String tool, String debianPackage) {
        if (onPath(tool)) {
            return;
        }
        for (List<String> install : List.of(List.of("apt-get", "install", "-y", "-q", debianPackage),
                List.of("sh", "-c", "apt-get update -q && apt-get install -y -q " + debianPackage))) {
            Command result = run(Map.of("DEBIAN_FRONTEND", "noninteractive"), install.toArray(String[]::new));
            if (result.exitCode() == 0 && onPath(tool)) {
                return;
            }
        }
        throw new AssertionError(tool + " is missing and the Debian package " + debianPackage + " could not be "
                + "installed (apt-get install needs root); install it and run the tests again");
    }
}
