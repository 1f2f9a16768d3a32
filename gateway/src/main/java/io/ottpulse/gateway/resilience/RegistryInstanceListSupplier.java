package io.ottpulse.gateway.resilience;

import java.util.List;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/** One service's instances for the load balancer, from {@link RegistryInstances}. */
final class RegistryInstanceListSupplier implements ServiceInstanceListSupplier {

    private final String serviceId;
    private final RegistryInstances instances;

    RegistryInstanceListSupplier(String serviceId, RegistryInstances instances) {
        this.serviceId = serviceId;
        this.instances = instances;
    }

    @Override
    public String getServiceId() {
        return serviceId;
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return Flux.just(instances.of(serviceId));
    }
}
