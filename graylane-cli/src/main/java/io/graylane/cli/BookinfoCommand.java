package io.graylane.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./graylane bookinfo deploy|status|undeploy|traffic -n NAMESPACE}: bookinfo-deployer's API. */
@Command(name = "bookinfo", mixinStandardHelpOptions = true, description = "Istio's Bookinfo sample and traffic"
        + " through it.", subcommands = {BookinfoCommand.Deploy.class, BookinfoCommand.Status.class,
            BookinfoCommand.Undeploy.class, BookinfoCommand.Traffic.class})
final class BookinfoCommand {

    @ParentCommand
    Main main;

    @Option(names = {"-n", "--namespace"}, required = true, scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The namespace, e.g. demo-project.")
    String namespace;

    Bookinfo bookinfo() {
        return new Bookinfo(main.http, main.services, main.console);
    }

    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = "Deploy Bookinfo and wait until every workload is ready.")
    static final class Deploy implements Runnable {
        @ParentCommand
        BookinfoCommand parent;

        @Option(names = "--all-versions", description = "Also reviews v2 and v3, as Istio's file has them.")
        boolean allVersions;

        @Option(names = "--images", description = "kubesphere (KubeSphere's tutorial images, default) or istio.")
        String images;

        @Option(names = "--registry", description = "Another registry and path for the images.")
        String registry;

        @Option(names = "--tag", description = "Another tag for the images.")
        String tag;

        @Option(names = "--timeout", defaultValue = "300", description = "Seconds to wait for readiness"
                + " (default ${DEFAULT-VALUE}).")
        int timeout;

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("allVersions", allVersions);
            putIfGiven(body, "images", images);
            putIfGiven(body, "registry", registry);
            putIfGiven(body, "tag", tag);
            parent.bookinfo().deploy(parent.namespace, body, Duration.ofSeconds(timeout));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Each workload: desired/ready replicas.")
    static final class Status implements Runnable {
        @ParentCommand
        BookinfoCommand parent;

        @Override
        public void run() {
            parent.bookinfo().printStatus(parent.main.http.get(parent.main.services.bookinfo(parent.namespace)));
        }
    }

    @Command(name = "undeploy", mixinStandardHelpOptions = true,
            description = "Delete what the deployer made (the namespace stays).")
    static final class Undeploy implements Runnable {
        @ParentCommand
        BookinfoCommand parent;

        @Override
        public void run() {
            parent.bookinfo().undeploy(parent.namespace);
        }
    }

    @Command(name = "traffic", mixinStandardHelpOptions = true, description = {
        "Request the product page (real cluster) or simulate Envoy's spans and metrics (local stand-in), with a"
            + " live tally of the reviews versions; Ctrl-C stops the run."})
    static final class Traffic implements Runnable {
        @ParentCommand
        BookinfoCommand parent;

        @ArgGroup(exclusive = false)
        Run run = new Run();

        @Option(names = "--stop", description = "Stop the namespace's run.")
        boolean stop;

        static final class Run {
            @Option(names = "--rps", description = "Requests per second (default 2).")
            Double rps;

            @Option(names = "--duration", description = "Seconds the run lasts (default: until stopped).")
            Integer duration;

            @Option(names = "--url", description = "Real runs: the product page to request.")
            String url;

            @Option(names = "--error-rates", split = ",", description = "Simulated: per reviews version, the"
                    + " share of its requests answered 500, e.g. v2=0.2,v3=0.1.")
            Map<String, Double> errorRates;

            @Option(names = "--latency-factors", split = ",", description = "Simulated: per reviews version, how"
                    + " many times as long its own work takes, e.g. v3=2.")
            Map<String, Double> latencyFactors;

            @Option(names = "--seed", description = "Simulated: makes the run's draws repeatable.")
            Integer seed;

            @Option(names = "--detach", description = "Leave the run going in the background.")
            boolean detach;
        }

        @Override
        public void run() {
            if (stop) {
                parent.bookinfo().stopTraffic(parent.namespace);
                return;
            }
            parent.bookinfo().traffic(parent.namespace, new Bookinfo.TrafficOptions(run.rps, run.duration, run.url,
                    run.errorRates, run.latencyFactors, run.seed, run.detach));
        }
    }

    private static void putIfGiven(Map<String, Object> body, String field, Object value) {
        if (value != null) {
            body.put(field, value);
        }
    }
}
