package io.ottpulse.gateway.auth;

import java.util.regex.Pattern;

/**
 * A caller of the gateway: the name its key maps to (sent downstream as {@code X-Client-Id}, used as the metrics
 * tag and the rate-limit bucket) and its own rate limit. Holds no key.
 *
 * @param name the client name, e.g. {@code tv-android}
 * @param ratePerSecond requests per second the client may sustain
 * @param burst requests the client may send at once after being idle
 */
public record ApiClient(String name, int ratePerSecond, int burst) {

    /** The client of requests without a key on the routes that allow that; limited per address, not as one. */
    public static final String ANONYMOUS_NAME = "anonymous";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public ApiClient {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a client name has 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (ratePerSecond < 1 || burst < ratePerSecond) {
            throw new IllegalArgumentException("client " + name + ": the rate must be at least 1 and the burst at least"
                    + " the rate; were " + ratePerSecond + " and " + burst);
        }
    }

    public boolean isAnonymous() {
        return ANONYMOUS_NAME.equals(name);
    }
}
