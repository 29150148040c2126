package io.graylane.cli;

import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./graylane demo}: KubeSphere's canary tutorial, or with {@code --progressive} an automated canary. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {
    "KubeSphere's canary tutorial on the running suite, each step checked (exits 1 if one does not reach its state).",
    "--progressive: an automated canary instead: reviews v2 promoted step by step on the judge's evidence, then a"
        + " v3 answering 10% errors rolled back by it, each decision printed with its numbers."})
final class DemoCommand implements Runnable {

    @ParentCommand
    Main main;

    @Option(names = {"-n", "--namespace"}, defaultValue = "demo-project", description = "Default: ${DEFAULT-VALUE}.")
    String namespace;

    @Option(names = "--pause", description = "Wait for Enter between steps.")
    boolean pause;

    @Option(names = "--progressive", description = "Play the automated canary (rollout steps judged by evidence).")
    boolean progressive;

    @Option(names = "--rps", description = "Requests per second of the traffic (default 20; 100 with --progressive).")
    Double rps;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds each wait lasts at most (default"
            + " ${DEFAULT-VALUE}; 600 per release with --progressive).")
    int timeout;

    @Option(names = "--seed", description = "Makes simulated traffic's draws repeatable.")
    Integer seed;

    @Override
    public void run() {
        if (progressive) {
            new ProgressiveDemo(main.http, main.services, main.console, namespace, pause, rps == null ? 100 : rps,
                    Duration.ofSeconds(Math.max(timeout, 600)), seed).play();
        } else {
            new Demo(main.http, main.services, main.console, namespace, pause, rps == null ? 20 : rps,
                    Duration.ofSeconds(timeout), seed).play();
        }
    }
}
