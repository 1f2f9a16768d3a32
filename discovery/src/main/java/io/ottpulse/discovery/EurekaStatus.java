package io.ottpulse.discovery;

/** The instance states this project reports; Eureka routes traffic only to {@code UP} instances. */
public enum EurekaStatus {
    /** Serving. */
    UP,
    /** Alive but not to be sent traffic, e.g. while draining before a stop. */
    OUT_OF_SERVICE
}
