package io.graylane.infra;

import io.graylane.events.access.Role;
import io.graylane.issuer.IssuerKeys;
import io.graylane.issuer.IssuerServer;
import io.graylane.issuer.Tokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The one token issuer of a test JVM (the same {@link IssuerServer} as {@code ./graylane up}'s), started on
 * first use on a free loopback port with a key in a temporary directory. As with {@link SharedKafka}, its
 * coordinates live in a system property so that every class loader's copy of this class signs with its key.
 */
public final class SharedIssuer {

    private static final String PROPERTY = "io.graylane.infra.shared-issuer";
    private static Tokens tokens;

    private SharedIssuer() {
    }

    /** The issuer's tokens, the issuer started if this JVM has none yet. */
    public static synchronized Tokens tokens() {
        if (tokens == null) {
            String running = System.getProperty(PROPERTY);
            if (running == null) {
                Path keys = Directories.temporary("graylane-issuer-");
                IssuerServer server = IssuerServer.start(IssuerKeys.in(keys), 0);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "issuer-stop"));
                running = server.issuer() + "|" + keys;
                System.setProperty(PROPERTY, running);
            }
            String[] parts = running.split("\\|", 2);
            tokens = new Tokens(IssuerKeys.in(Path.of(parts[1])), parts[0]);
        }
        return tokens;
    }

    public static String issuer() {
        return tokens().issuer();
    }

    /** A token of {@code subject} valid for ten minutes. */
    public static String token(String subject, Role role, String... namespaces) {
        return tokens().mint(subject, role, List.of(namespaces), Duration.ofMinutes(10));
    }

    /** An admin token valid for ten minutes, as {@code ./graylane token} prints with no options. */
    public static String admin() {
        return token("test-admin", Role.ADMIN);
    }
}
