package io.graylane.cli;

import io.graylane.issuer.LocalIssuer;
import io.graylane.issuer.Tokens;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer token the CLI sends: {@code GRAYLANE_TOKEN} when set (a token of your provider), else on the local
 * stack of {@code ./graylane up} an admin token of its local issuer ({@code GRAYLANE_HOME} and
 * {@code GRAYLANE_ISSUER_URL}, set by the launcher), minted for each request; else none.
 */
final class Credentials {

    private final String fixed;
    private final Tokens local;

    private Credentials(String fixed, Tokens local) {
        this.fixed = fixed;
        this.local = local;
    }

    static Credentials from(Map<String, String> env) {
        String token = env.get("GRAYLANE_TOKEN");
        if (token != null && !token.isBlank()) {
            return new Credentials(token.strip(), null);
        }
        String home = env.get("GRAYLANE_HOME");
        String issuer = env.get("GRAYLANE_ISSUER_URL");
        if (home != null && issuer != null && LocalIssuer.keyDirectory(Path.of(home)).toFile().isDirectory()) {
            return new Credentials(null, LocalIssuer.tokens(Path.of(home), issuer));
        }
        return none();
    }

    static Credentials none() {
        return new Credentials(null, null);
    }

    Optional<String> token() {
        if (fixed != null) {
            return Optional.of(fixed);
        }
        return local == null ? Optional.empty() : Optional.of(LocalIssuer.adminToken(local));
    }
}
