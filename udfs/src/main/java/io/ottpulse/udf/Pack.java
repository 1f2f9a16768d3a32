package io.ottpulse.udf;

/** What every function of the pack declares alike. */
final class Pack {

    static final String AUTHOR = "OTT Pulse";

    private Pack() {
    }
}
