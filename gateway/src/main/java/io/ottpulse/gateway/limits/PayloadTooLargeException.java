package io.ottpulse.gateway.limits;

/** A request body went past the size limit while it was streaming in; answered with 413. */
public final class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limitBytes) {
        super("the request body exceeds the limit of " + limitBytes + " bytes");
    }
}
