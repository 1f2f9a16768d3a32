package io.ottpulse.gateway.resilience;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationListener;

/**
 * The instances of each service as the Eureka client's registry copy lists them, worked out once per refresh of
 * that copy (the client announces each one with a {@link HeartbeatEvent}) instead of once per request. Never staler
 * than the copy itself, unlike a time-based cache, and free of the per-request conversion and timer that Spring
 * Cloud LoadBalancer's discovery supplier costs.
 */
public final class RegistryInstances implements ApplicationListener<HeartbeatEvent> {

    private record Snapshot(long generation, List<ServiceInstance> instances) {
    }

    private final DiscoveryClient discovery;
    private final AtomicLong generation = new AtomicLong();
    private final ConcurrentMap<String, Snapshot> byService = new ConcurrentHashMap<>();

    public RegistryInstances(DiscoveryClient discovery) {
        this.discovery = discovery;
    }

    public List<ServiceInstance> of(String serviceId) {
        long current = generation.get();
        Snapshot snapshot = byService.get(serviceId);
        if (snapshot != null && snapshot.generation() == current) {
            return snapshot.instances();
        }
        List<ServiceInstance> instances = List.copyOf(discovery.getInstances(serviceId));
        byService.put(serviceId, new Snapshot(current, instances));
        return instances;
    }

    /** The registry copy changed: every list is worked out again on its next use. */
    @Override
    public void onApplicationEvent(HeartbeatEvent refreshed) {
        generation.incrementAndGet();
    }
}
