package io.graylane.cli;

import io.graylane.events.access.Role;
import io.graylane.events.release.StepDuration;
import io.graylane.issuer.LocalIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./graylane token}: prints a token of the local issuer of {@code ./graylane up}, and nothing else. */
@Command(name = "token", mixinStandardHelpOptions = true, description = {
    "Prints a bearer token of the local stack's issuer (its key under GRAYLANE_HOME); with no options an admin token.",
    "curl -H \"Authorization: Bearer $(./graylane token)\" http://127.0.0.1:8081/api/v1/namespaces/demo-project/releases"})
final class TokenCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--role", defaultValue = "admin", description = "viewer, operator or admin (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(names = {"-n", "--namespace"}, description = "A namespace the role holds in (viewer and operator; repeatable).")
    List<String> namespaces = new ArrayList<>();

    @Option(names = "--subject", description = "The token's subject: the actor of its changes (default: your user name).")
    String subject = System.getProperty("user.name", "graylane");

    @Option(names = "--ttl", defaultValue = "1h", description = "How long it is valid, e.g. 30m, 1h, 12h (default: ${DEFAULT-VALUE}).")
    String ttl;

    @Override
    public void run() {
        Role granted = Role.named(role).orElseThrow(() -> usage("--role must be viewer, operator or admin, not '"
                + role + "'"));
        if (granted != Role.ADMIN && namespaces.isEmpty()) {
            throw usage("a " + granted.label() + " token needs at least one -n NAMESPACE");
        }
        if (!StepDuration.isValid(ttl)) {
            throw usage("--ttl must be " + StepDuration.RULE + ", not '" + ttl + "'");
        }
        String home = System.getenv("GRAYLANE_HOME");
        String issuer = System.getenv("GRAYLANE_ISSUER_URL");
        if (home == null || issuer == null || !LocalIssuer.keyDirectory(Path.of(home)).toFile().isDirectory()) {
            throw new Failure("no local issuer: ./graylane up creates it (with another provider, ask it for a token)");
        }
        spec.commandLine().getOut().println(LocalIssuer.tokens(Path.of(home), issuer).mint(subject, granted,
                namespaces, Duration.ofMillis(StepDuration.parseMillis(ttl))));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
