package io.ottpulse.gateway.resilience;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The load balancer of every service (registered as the default configuration of Spring Cloud LoadBalancer):
 * instances straight from the Eureka client's registry copy, without a second cache (which would keep a departed
 * instance for its TTL), narrowed by {@link FailoverInstanceListSupplier}; round robin over what is left.
 */
public class FailoverLoadBalancerConfiguration {

    @Bean
    public ServiceInstanceListSupplier failoverInstanceListSupplier(ConfigurableApplicationContext context,
            InstanceEjections ejections) {
        return ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .with((ctx, delegate) -> new FailoverInstanceListSupplier(delegate, ejections))
                .build(context);
    }
}
