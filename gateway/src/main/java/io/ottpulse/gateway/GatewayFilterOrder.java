package io.ottpulse.gateway;

/**
 * The order of the gateway's own steps for a routed request, in one place. Cheap refusals come first, and all of
 * them before anything reads the body; the retry step wraps only what follows it (Spring Cloud Gateway's request-URL
 * filter at 10000, load-balancer choice at 10150, the proxied call last), so a resend repeats no check and spends no
 * second rate-limit token. All of them run before Spring's own body caching ({@code Integer.MIN_VALUE + 1000}),
 * which this gateway never enables.
 *
 * <p>Before these, as web filters for every request: request metrics, request id, CORS, body size (413).
 */
public final class GatewayFilterOrder {

    /** 401: who is calling. */
    public static final int AUTHENTICATION = Integer.MIN_VALUE + 100;
    /** 415, a route filter. */
    public static final int CONTENT_TYPE = Integer.MIN_VALUE + 200;
    /** 429: the caller's token bucket. */
    public static final int RATE_LIMIT = Integer.MIN_VALUE + 300;
    /** Keeps the body in memory for resends, then sends, resending on a connection failure. */
    public static final int RETRY = Integer.MIN_VALUE + 400;

    private GatewayFilterOrder() {
    }
}
