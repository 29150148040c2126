package io.graylane.release.rollout;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies as GitHub signs its deliveries: {@code X-Graylane-Signature: sha256=<hex HMAC-SHA256 of
 * the body with the shared secret>}, so a receiver can tell Graylane's calls from anyone else's.
 */
public final class WebhookSigner {

    public static final String HEADER = "X-Graylane-Signature";

    private final Optional<String> secret;

    public WebhookSigner(Optional<String> secret) {
        this.secret = secret.filter(s -> !s.isBlank());
    }

    /** The header's value for {@code body}, or empty when no secret is configured. */
    public Optional<String> signature(String body) {
        return secret.map(key -> "sha256=" + hmac(key, body));
    }

    static String hmac(String key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
