package dev.upgradeassist.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A stand-in OpenID Connect provider for tests, one per JVM: an RSA key of its own whose public half it serves as a
 * JWK set on loopback ({@link #jwkSetUri()}, which {@link InfrastructureTestConfiguration} gives every service), and
 * access tokens signed with it. Also the tokens a service must refuse: signed with another key, expired, unsigned
 * ({@code alg: none}).
 */
public final class TestJwt {

    private static TestJwt instance;

    private final RSAKey key;
    private final RSAKey otherKey;
    private final HttpServer server;

    private TestJwt() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            otherKey = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate(); // same kid, other key
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("Could not start the test key set server", e);
        }
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "test-jwks-stop"));
    }

    public static synchronized TestJwt get() {
        if (instance == null) {
            instance = new TestJwt();
        }
        return instance;
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    /** A valid access token for this user with these roles (PORTAL, ENGINEER, OPERATOR), for 5 minutes. */
    public String token(String username, String... roles) {
        return sign(key, claims(username, List.of(roles), Instant.now().plus(Duration.ofMinutes(5))));
    }

    /** A token whose only user claim is {@code sub}. */
    public String tokenWithSubjectOnly(String subject, String... roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).claim("roles", List.of(roles))
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build();
        return sign(key, claims);
    }

    public String expired(String username, String... roles) {
        return sign(key, claims(username, List.of(roles), Instant.now().minus(Duration.ofMinutes(10))));
    }

    public String signedWithAnotherKey(String username, String... roles) {
        return sign(otherKey, claims(username, List.of(roles), Instant.now().plus(Duration.ofMinutes(5))));
    }

    /** An unsigned token ({@code alg: none}) with valid-looking claims. */
    public String unsigned(String username, String... roles) {
        return new PlainJWT(claims(username, List.of(roles), Instant.now().plus(Duration.ofMinutes(5)))).serialize();
    }

    private static JWTClaimsSet claims(String username, List<String> roles, Instant expires) {
        return new JWTClaimsSet.Builder().subject(UUID.randomUUID().toString()).claim("preferred_username", username)
                .claim("roles", roles).issueTime(Date.from(expires.minus(Duration.ofMinutes(5))))
                .expirationTime(Date.from(expires)).build();
    }

    private static String sign(RSAKey with, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(with));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
