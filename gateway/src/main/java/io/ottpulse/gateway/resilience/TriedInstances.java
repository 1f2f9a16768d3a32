package io.ottpulse.gateway.resilience;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.cloud.client.ServiceInstance;

/** The instances one request has already been sent to, kept in its exchange attributes across resends. */
final class TriedInstances {

    static final String ATTR = TriedInstances.class.getName();

    private TriedInstances() {
    }

    static void add(Map<String, Object> attributes, ServiceInstance instance) {
        @SuppressWarnings("unchecked")
        Set<String> tried = (Set<String>) attributes.computeIfAbsent(ATTR, key -> new HashSet<String>());
        tried.add(InstanceEjections.address(instance));
    }

    @SuppressWarnings("unchecked")
    static Set<String> of(Map<String, Object> attributes) {
        Object tried = attributes.get(ATTR);
        return tried == null ? Set.of() : (Set<String>) tried;
    }
}
