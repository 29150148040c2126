package io.graylane.issuer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The local issuer's signing key: an RSA key pair whose private half is kept as a PKCS#8 PEM file readable by
 * its owner only, created on first use. The key id is the JWK thumbprint (RFC 7638) of the public half.
 */
public final class IssuerKeys {

    static final String FILE = "issuer-key.pem";

    private final RsaJsonWebKey key;

    private IssuerKeys(KeyPair pair) {
        try {
            key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(pair.getPublic());
            key.setPrivateKey(pair.getPrivate());
            key.setKeyId(key.calculateBase64urlEncodedThumbprint("SHA-256"));
            key.setAlgorithm("RS256");
            key.setUse("sig");
        } catch (JoseException e) {
            throw new IllegalStateException("cannot describe the issuer's key as a JWK", e);
        }
    }

    /** The key pair kept in {@code directory}, created there if there is none yet. */
    public static IssuerKeys in(Path directory) {
        Path file = directory.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(directory);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Path written = Files.createTempFile(directory, FILE, ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(written, "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
                Files.move(written, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return new IssuerKeys(read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the issuer's key in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the issuer's key " + file, e);
        }
    }

    /** The key this issuer signs with. */
    RsaJsonWebKey signingKey() {
        return key;
    }

    /** The public JWK set, as served at the issuer's {@code jwks_uri}. */
    public String jwks() {
        return "{\"keys\":[" + key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
    }

    private static KeyPair read(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        KeyFactory factory = KeyFactory.getInstance("RSA");
        RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        return new KeyPair(factory.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(),
                privateKey.getPublicExponent())), privateKey);
    }
}
