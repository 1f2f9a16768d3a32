package io.ottpulse.gateway.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/** How a call to an upstream instance failed, as far as resending it elsewhere is concerned. */
public enum UpstreamFailure {
    /** No connection could be made (refused, timed out, no route): the instance never saw the request. */
    CONNECT,
    /**
     * The connection broke before any response (a pooled connection the instance had closed, or the instance died
     * mid-request): the instance may have seen the request; resending is safe where requests are idempotent (event
     * ids make ingest requests so).
     */
    CLOSED,
    /** Not a connection failure: an answer, a timeout or the gateway's own refusal. Never resent. */
    NONE;

    public static UpstreamFailure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException) {
                return CONNECT;
            }
            if (cause instanceof PrematureCloseException || cause instanceof AbortedException
                    || cause instanceof IOException) {
                return CLOSED;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return NONE;
    }

    /** The tag value in metrics. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
