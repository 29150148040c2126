package io.graylane.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Clean-up that runs once this JVM is gone, however it ended (kill -9 included): a detached shell waits
 * for our pid to disappear, then runs the command. After a normal exit the command finds nothing to do.
 */
final class Reaper {

    private Reaper() {
    }

    static void afterThisProcess(String shellCommand) {
        long pid = ProcessHandle.current().pid();
        String script = "tail --pid=" + pid + " -f /dev/null 2>/dev/null; " + shellCommand;
        try {
            new ProcessBuilder("setsid", "sh", "-c", script)
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the clean-up watcher", e);
        }
    }

    /** Quotes a path for {@code sh}. */
    static String quote(Object path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}
