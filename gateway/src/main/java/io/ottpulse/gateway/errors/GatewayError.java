package io.ottpulse.gateway.errors;

import org.springframework.http.HttpStatus;

/** Every answer the gateway gives itself instead of an upstream's, with its status and its {@code error} code. */
public enum GatewayError {
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized"),
    CORS_REJECTED(HttpStatus.FORBIDDEN, "cors_rejected"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "not_found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "rate_limited"),
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "bad_request"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error"),
    UPSTREAM_UNREACHABLE(HttpStatus.BAD_GATEWAY, "upstream_unreachable"),
    NO_INSTANCE(HttpStatus.SERVICE_UNAVAILABLE, "no_instance"),
    UPSTREAM_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "upstream_timeout");

    private final HttpStatus status;
    private final String code;

    GatewayError(HttpStatus status, String code) {
        this.status = status;
        this.code = code;
    }

    public HttpStatus status() {
        return status;
    }

    /** The {@code error} field of the body, and the {@code reason} tag of the rejection metric. */
    public String code() {
        return code;
    }
}
