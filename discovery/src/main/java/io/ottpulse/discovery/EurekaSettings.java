package io.ottpulse.discovery;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How to reach Eureka and how often to renew the lease.
 *
 * @param serviceUrls Eureka service URLs, tried in order, e.g. {@code http://localhost:8761/eureka/}
 * @param renewalInterval time between heartbeats
 * @param leaseDuration how long Eureka keeps the instance without a heartbeat
 */
public record EurekaSettings(List<URI> serviceUrls, Duration renewalInterval, Duration leaseDuration) {

    /** Heartbeat every 5 s, expire after 15 s: a dead instance leaves the registry within seconds, not 90 s. */
    public static final Duration DEFAULT_RENEWAL_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);

    public EurekaSettings {
        if (serviceUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one Eureka service URL is needed");
        }
        serviceUrls = serviceUrls.stream().map(EurekaSettings::withTrailingSlash).toList();
        if (leaseDuration.compareTo(renewalInterval) <= 0) {
            throw new IllegalArgumentException("the lease duration must be longer than the renewal interval");
        }
    }

    /** Settings from a comma-separated URL list, with the default intervals. */
    public static EurekaSettings of(String commaSeparatedUrls) {
        List<URI> urls = Arrays.stream(commaSeparatedUrls.split(","))
                .map(String::trim)
                .filter(url -> !url.isEmpty())
                .map(URI::create)
                .toList();
        return new EurekaSettings(urls, DEFAULT_RENEWAL_INTERVAL, DEFAULT_LEASE_DURATION);
    }

    private static URI withTrailingSlash(URI url) {
        String text = url.toString();
        return text.endsWith("/") ? url : URI.create(text + "/");
    }
}
