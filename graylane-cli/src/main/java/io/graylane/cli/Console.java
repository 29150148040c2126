package io.graylane.cli;

import java.io.PrintStream;

/** What the commands print: lines, and progress lines that a terminal overwrites in place. */
final class Console {

    private final PrintStream out;
    private final boolean terminal;
    private boolean progressShown;

    Console(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void say(String line) {
        endProgress();
        out.println(line);
    }

    /** A state that replaces the previous one on a terminal; elsewhere (logs, pipes) each is its own line. */
    void progress(String line) {
        if (terminal) {
            out.print("\r\033[K" + line);
            progressShown = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    boolean terminal() {
        return terminal;
    }

    /** Clears a terminal's screen, for a view shown again in place. */
    void clear() {
        endProgress();
        out.print("\033[H\033[2J");
        out.flush();
    }

    void endProgress() {
        if (progressShown) {
            out.println();
            progressShown = false;
        }
    }
}
