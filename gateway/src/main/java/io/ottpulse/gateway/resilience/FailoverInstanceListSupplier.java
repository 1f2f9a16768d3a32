package io.ottpulse.gateway.resilience;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * Narrows the instances Eureka lists to those worth trying for this request: not ejected after a refused
 * connection, and not already tried by this request. It never narrows to nothing: with every instance ejected it
 * offers the untried ones, and with every instance tried, all of them (a fresh connection to the same instance
 * still beats no attempt).
 */
public final class FailoverInstanceListSupplier extends DelegatingServiceInstanceListSupplier {

    private final InstanceEjections ejections;

    public FailoverInstanceListSupplier(ServiceInstanceListSupplier delegate, InstanceEjections ejections) {
        super(delegate);
        this.ejections = ejections;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return getDelegate().get().map(instances -> choose(instances, Set.of()));
    }

    @Override
    public Flux<List<ServiceInstance>> get(Request request) {
        Set<String> tried = tried(request);
        return getDelegate().get(request).map(instances -> choose(instances, tried));
    }

    List<ServiceInstance> choose(List<ServiceInstance> instances, Set<String> tried) {
        Predicate<ServiceInstance> untried = instance -> !tried.contains(InstanceEjections.address(instance));
        List<ServiceInstance> healthy = instances.stream().filter(untried.and(instance -> !ejections.isEjected(instance)))
                .toList();
        if (!healthy.isEmpty()) {
            return healthy;
        }
        List<ServiceInstance> fresh = instances.stream().filter(untried).toList();
        return fresh.isEmpty() ? instances : fresh;
    }

    private static Set<String> tried(Request<?> request) {
        if (request != null && request.getContext() instanceof RequestDataContext context
                && context.getClientRequest() != null) {
            Map<String, Object> attributes = context.getClientRequest().getAttributes();
            if (attributes != null) {
                return TriedInstances.of(attributes);
            }
        }
        return Set.of();
    }
}
