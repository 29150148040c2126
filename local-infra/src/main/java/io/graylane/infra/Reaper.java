package io.graylane.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

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

    /** Signals the process whose pid is in {@code pidFile}, if there is one. */
    static String signal(String signal, Path pidFile) {
        return "[ -f " + quote(pidFile) + " ] && kill -" + signal + " $(head -1 " + quote(pidFile) + ")";
    }

    /** Quotes a path for {@code sh}. */
    static String quote(Object path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}
