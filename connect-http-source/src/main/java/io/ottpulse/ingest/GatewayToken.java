package io.ottpulse.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.kafka.common.config.types.Password;

/**
 * The shared secret the gateway puts in {@code X-Gateway-Token} on every request it forwards, so clients cannot
 * bypass the gateway (its authentication, rate and size limits). Compared in constant time; never logged.
 */
final class GatewayToken {

    static final String HEADER = "X-Gateway-Token";

    private final byte[] expected;

    /** @param token the secret, or null/empty to accept every request (no gateway in front) */
    GatewayToken(Password token) {
        String value = token == null ? "" : token.value();
        this.expected = value.isEmpty() ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    boolean required() {
        return expected != null;
    }

    boolean accepts(String presented) {
        if (expected == null) {
            return true;
        }
        return presented != null && MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
    }
}
