package io.ottpulse.gateway.resilience;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The load balancer of every service (registered as the default configuration of Spring Cloud LoadBalancer):
 * instances from the Eureka client's registry copy ({@link RegistryInstances}, no time-based cache that would keep
 * a departed instance for its TTL), narrowed by {@link FailoverInstanceListSupplier}; round robin over the rest.
 */
public class FailoverLoadBalancerConfiguration {

    @Bean
    public ServiceInstanceListSupplier failoverInstanceListSupplier(Environment environment,
            RegistryInstances instances, InstanceEjections ejections) {
        String serviceId = environment.getProperty(LoadBalancerClientFactory.PROPERTY_NAME);
        return new FailoverInstanceListSupplier(new RegistryInstanceListSupplier(serviceId, instances), ejections);
    }
}
