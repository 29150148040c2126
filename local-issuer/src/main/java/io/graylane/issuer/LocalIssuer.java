package io.graylane.issuer;

import io.graylane.events.access.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Where the local issuer keeps its key under the launcher's home, and the token the CLI uses unasked. */
public final class LocalIssuer {

    private LocalIssuer() {
    }

    public static Path keyDirectory(Path home) {
        return home.resolve("issuer");
    }

    /** The issuer of {@code ./graylane up} whose key is kept under {@code home}. */
    public static Tokens tokens(Path home, String issuer) {
        return new Tokens(IssuerKeys.in(keyDirectory(home)), issuer);
    }

    /** A short-lived admin token for the person running the CLI on this machine. */
    public static String adminToken(Tokens tokens) {
        return tokens.mint(System.getProperty("user.name", "graylane"), Role.ADMIN, List.of(), Duration.ofMinutes(5));
    }
}
