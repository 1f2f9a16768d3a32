package io.ottpulse.gateway;

/** The headers of the gateway's contract with clients and upstreams. */
public final class ApiHeaders {

    /** Client to gateway: the API key. Never forwarded. */
    public static final String API_KEY = "X-Api-Key";
    /** Gateway to ingest: the shared secret the ingest instances require. */
    public static final String GATEWAY_TOKEN = "X-Gateway-Token";
    /** Gateway to upstream: the client name of the API key ({@code anonymous} without one). */
    public static final String CLIENT_ID = "X-Client-Id";
    /** Gateway to upstream and back to the client: the request's unique id. */
    public static final String REQUEST_ID = "X-Request-Id";
    /** Gateway to upstream: the caller's address. */
    public static final String FORWARDED_FOR = "X-Forwarded-For";

    private ApiHeaders() {
    }
}
