package io.ottpulse.discovery;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What an instance tells Eureka about itself.
 *
 * @param serviceId the service name clients route to, e.g. {@code activity-ingest} (its VIP address; Eureka's
 *     application name is the same in upper case)
 * @param instanceId unique within the service
 * @param host the host name clients connect to
 * @param port the HTTP port
 * @param healthPath path of the health endpoint, e.g. {@code /health}
 * @param metadata free-form key/values clients can read
 */
public record EurekaInstance(
        String serviceId, String instanceId, String host, int port, String healthPath, Map<String, String> metadata) {

    public EurekaInstance {
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(healthPath, "healthPath");
        metadata = Map.copyOf(metadata);
    }

    /** Eureka's application name: the service id in upper case. */
    public String appName() {
        return serviceId.toUpperCase(Locale.ROOT);
    }

    public String baseUrl() {
        return "http://" + host + ":" + port;
    }
}
