package io.graylane.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.graylane.events.release.StepDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ./graylane release ...}: release-service's API, as kubectl argo rollouts is Argo's. */
@Command(name = "release", mixinStandardHelpOptions = true, description = "Create, watch and steer releases.",
        subcommands = {ReleaseCommand.Create.class, ReleaseCommand.ListReleases.class, ReleaseCommand.Get.class,
            ReleaseCommand.Pause.class, ReleaseCommand.Resume.class, ReleaseCommand.Approve.class,
            ReleaseCommand.Abort.class, ReleaseCommand.Takeover.class, ReleaseCommand.Offline.class,
            ReleaseCommand.History.class, ReleaseCommand.Decisions.class})
final class ReleaseCommand {

    /** Exit codes of {@code get --wait}: a CI job can tell how the release ended. */
    static final int ROLLED_BACK = 2;
    static final int FAILED = 3;
    static final int TIMED_OUT = 4;

    @ParentCommand
    Main main;

    @Option(names = {"-n", "--namespace"}, scope = CommandLine.ScopeType.INHERIT,
            defaultValue = "${env:GRAYLANE_NAMESPACE:-default}",
            description = "The namespace (default: $GRAYLANE_NAMESPACE, else default).")
    String namespace;

    @Option(names = {"-o", "--output"}, scope = CommandLine.ScopeType.INHERIT,
            description = "json or yaml: the answer as the REST API gives it, instead of the view.")
    String output;

    Releases releases() {
        return new Releases(main.http, main.services, namespace);
    }

    void show(JsonNode answer, List<String> view) {
        if (output != null) {
            main.console.say(Releases.render(answer, output).stripTrailing());
        } else {
            view.forEach(main.console::say);
        }
    }

    /** A release after an action: its view (or the answer as asked), with its last decisions. */
    void showRelease(JsonNode release) {
        if (output != null) {
            show(release, List.of());
            return;
        }
        show(release, Releases.view(release, null, release.path("rollout").isObject()
                ? releases().decisions(release.path("name").asText()) : null));
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a release from a file.")
    static final class Create implements Runnable {
        @ParentCommand
        ReleaseCommand parent;

        @Option(names = {"-f", "--filename"}, required = true, description = "The release, in YAML or JSON.")
        Path file;

        @Override
        public void run() {
            parent.showRelease(parent.releases().create(file));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The namespace's releases, oldest first.")
    static final class ListReleases implements Runnable {
        @ParentCommand
        ReleaseCommand parent;

        @Override
        public void run() {
            JsonNode items = parent.releases().list();
            parent.show(items, Releases.table(items));
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = {
        "A release: phase, rollout step and weights, per-version success rate and p99, the judge's verdicts and the"
            + " last decisions.",
        "--wait exits 0 when it is Completed, " + ROLLED_BACK + " when RolledBack, " + FAILED + " when Failed, "
            + TIMED_OUT + " on timeout."})
    static final class Get implements Callable<Integer> {
        @ParentCommand
        ReleaseCommand parent;

        @Parameters(index = "0", description = "The release's name.")
        String name;

        @Option(names = {"-w", "--watch"}, description = "Show it again every 2 s until it ends (Ctrl-C stops).")
        boolean watch;

        @Option(names = "--wait", description = "Wait until it ends; the exit code says how.")
        boolean await;

        @Option(names = "--timeout", defaultValue = "10m", description = "How long --wait waits, e.g. 30s, 10m, 1h"
                + " (default ${DEFAULT-VALUE}).")
        String timeout;

        @Override
        public Integer call() {
            Releases releases = parent.releases();
            long deadline = System.nanoTime() + parseDuration(timeout).toNanos();
            while (true) {
                JsonNode release = releases.get(name);
                boolean ended = Releases.ENDED.contains(release.path("phase").asText())
                        || (await && "Failed".equals(release.path("phase").asText()));
                if (watch || !await || ended) {
                    if (watch && parent.output == null && parent.main.console.terminal()) {
                        parent.main.console.clear();
                    }
                    parent.show(release, Releases.view(release, releases.versions(release),
                            releases.decisions(name)));
                }
                if (ended || (!watch && !await)) {
                    return await ? exitCode(release.path("phase").asText()) : 0;
                }
                if (await && System.nanoTime() > deadline) {
                    parent.main.console.say("graylane: release " + name + " is " + release.path("phase").asText()
                            + " after " + timeout + "; not ended");
                    return TIMED_OUT;
                }
                Bookinfo.sleep(Duration.ofSeconds(2));
                if (watch && (parent.output != null || !parent.main.console.terminal())) {
                    parent.main.console.say("---");
                }
            }
        }

        private static int exitCode(String phase) {
            return switch (phase) {
                case "Completed" -> 0;
                case "RolledBack" -> ROLLED_BACK;
                default -> FAILED;
            };
        }
    }

    /** A command on one release, named by its first parameter. */
    abstract static class OnRelease implements Runnable {
        @ParentCommand
        ReleaseCommand parent;

        @Parameters(index = "0", description = "The release's name.")
        String name;
    }

    /** pause, resume, approve, abort, offline: a POST on the release, then its view. */
    abstract static class Action extends OnRelease {

        abstract String action();

        @Override
        public void run() {
            parent.showRelease(parent.releases().act(name, action()));
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop the rollout where it is.")
    static final class Pause extends Action {
        @Override
        String action() {
            return "pause";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Go on: the step is judged anew (also"
            + " ends a Contested condition, retries a failure).")
    static final class Resume extends Action {
        @Override
        String action() {
            return "resume";
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Skip the rest of the step, or at the"
            + " last step promote the candidate.")
    static final class Approve extends Action {
        @Override
        String action() {
            return "approve";
        }
    }

    @Command(name = "abort", mixinStandardHelpOptions = true, description = "Roll back: all traffic to the"
            + " baseline, the candidate removed.")
    static final class Abort extends Action {
        @Override
        String action() {
            return "abort";
        }
    }

    @Command(name = "offline", mixinStandardHelpOptions = true, description = "Remove the version that lost the"
            + " takeover (Job Offline).")
    static final class Offline extends Action {
        @Override
        String action() {
            return "offline";
        }
    }

    @Command(name = "takeover", mixinStandardHelpOptions = true, description = "All traffic to one version.")
    static final class Takeover extends OnRelease {

        @Parameters(index = "1", description = "The version that takes all traffic.")
        String version;

        @Override
        public void run() {
            parent.showRelease(parent.releases().takeOver(name, version));
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Every change and phase change.")
    static final class History extends OnRelease {

        @Override
        public void run() {
            JsonNode history = parent.releases().history(name);
            List<String> lines = new java.util.ArrayList<>();
            for (JsonNode entry : history.path("items")) {
                lines.add(String.format("%s  gen %d  %-18s %-16s %s -> %s  %s", entry.path("occurredAt").asText(),
                        entry.path("generation").asLong(), entry.path("action").asText(),
                        entry.path("actor").asText(), entry.path("previousPhase").asText("-"),
                        entry.path("newPhase").asText(), entry.path("detail").asText("")));
            }
            parent.show(history, lines);
        }
    }

    @Command(name = "decisions", mixinStandardHelpOptions = true, description = "Every decision of the rollout.")
    static final class Decisions extends OnRelease {

        @Override
        public void run() {
            JsonNode decisions = parent.releases().decisions(name);
            List<String> lines = new java.util.ArrayList<>();
            for (JsonNode decision : decisions.path("items")) {
                lines.add(Releases.decision(decision));
                for (JsonNode check : decision.path("verdicts")) {
                    lines.add("      " + Releases.check(check));
                }
            }
            parent.show(decisions, lines);
        }
    }

    /** {@code 30s}, {@code 10m}, {@code 1h}, {@code 1m30s}, as a rollout writes them. */
    static Duration parseDuration(String text) {
        if (!StepDuration.isValid(text)) {
            throw new Failure("--timeout wants " + StepDuration.RULE + ", not '" + text + "'");
        }
        return Duration.ofMillis(StepDuration.parseMillis(text));
    }
}
