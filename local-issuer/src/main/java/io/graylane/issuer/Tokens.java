package io.graylane.issuer;

import io.graylane.events.access.Grants;
import io.graylane.events.access.Role;
import java.time.Duration;
import java.util.List;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs the local issuer's access tokens: RS256 JWTs with the issuer, the subject, a lifetime and the
 * {@code groups} claim naming the caller's roles ({@link Grants}).
 */
public final class Tokens {

    /** The claim the services read roles from by default. */
    public static final String GROUPS_CLAIM = "groups";

    private final IssuerKeys keys;
    private final String issuer;

    public Tokens(IssuerKeys keys, String issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    public String issuer() {
        return issuer;
    }

    /** A token for {@code subject} holding {@code role} in {@code namespaces} (every namespace for admin). */
    public String mint(String subject, Role role, List<String> namespaces, Duration ttl) {
        return sign(subject, Grants.groupsFor(role, namespaces, Grants.DEFAULT_PREFIX), ttl);
    }

    /** A token for {@code subject} with these group names as they are. */
    public String sign(String subject, List<String> groups, Duration ttl) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(ttl.toSeconds());
        claims.setExpirationTime(expiry);
        claims.setGeneratedJwtId();
        claims.setStringListClaim(GROUPS_CLAIM, groups);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(keys.signingKey().getPrivateKey());
        jws.setKeyIdHeaderValue(keys.signingKey().getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }
}
