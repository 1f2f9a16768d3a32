package io.ottpulse.gateway;

import io.micrometer.core.instrument.MeterRegistry;
import io.ottpulse.gateway.auth.ApiClient;
import io.ottpulse.gateway.auth.ApiKeyAuthenticationFilter;
import io.ottpulse.gateway.auth.ApiKeys;
import io.ottpulse.gateway.cors.GatewayCorsFilter;
import io.ottpulse.gateway.cors.UpstreamCorsHeaders;
import io.ottpulse.gateway.errors.JsonErrorHandler;
import io.ottpulse.gateway.forwarding.ForwardedHeaders;
import io.ottpulse.gateway.forwarding.RequestIdWebFilter;
import io.ottpulse.gateway.limits.BodySizeLimitWebFilter;
import io.ottpulse.gateway.limits.RequireContentTypeGatewayFilterFactory;
import io.ottpulse.gateway.metrics.RequestMetricsWebFilter;
import io.ottpulse.gateway.ratelimit.ClientRateLimiter;
import io.ottpulse.gateway.ratelimit.InMemoryRateLimiter;
import io.ottpulse.gateway.ratelimit.RateLimitFilter;
import io.ottpulse.gateway.ratelimit.RedisClientRateLimiter;
import io.ottpulse.gateway.resilience.FailoverLoadBalancerConfiguration;
import io.ottpulse.gateway.resilience.InstanceEjections;
import io.ottpulse.gateway.resilience.RegistryInstances;
import io.ottpulse.gateway.resilience.RetryBudget;
import io.ottpulse.gateway.resilience.RetryOnAnotherInstanceGatewayFilterFactory;
import io.ottpulse.gateway.transport.EventLoopLocalHttpClientFactory;
import io.ottpulse.gateway.transport.WholeResponseBodyFilter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's own beans: who may call, how much and how big, what goes upstream, resends, metrics, errors. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewaySettings.class)
@LoadBalancerClients(defaultConfiguration = FailoverLoadBalancerConfiguration.class)
public class GatewayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GatewayConfiguration.class);

    @Bean
    ApiKeys apiKeys(GatewaySettings settings) {
        GatewaySettings.RateLimit limits = settings.rateLimit();
        Path file = settings.apiKeysFile().isBlank() ? null : Path.of(settings.apiKeysFile());
        ApiKeys keys = ApiKeys.load(settings.apiKeys(), file, limits.defaultRate(), limits.defaultBurst());
        if (keys.size() == 0) {
            log.warn("No API keys configured (ottpulse.gateway.api-keys or api-keys-file): only the anonymous routes"
                    + " {} can be used", settings.anonymousRoutes());
        } else {
            log.info("Accepting {} API keys of clients {}", keys.size(),
                    keys.clients().stream().map(ApiClient::name).toList());
        }
        return keys;
    }

    @Bean
    ApiKeyAuthenticationFilter apiKeyAuthenticationFilter(ApiKeys keys, GatewaySettings settings) {
        return new ApiKeyAuthenticationFilter(keys, new HashSet<>(settings.anonymousRoutes()), anonymous(settings));
    }

    @Bean
    ClientRateLimiter clientRateLimiter(GatewaySettings settings, ApiKeys keys,
            ObjectProvider<RedisRateLimiter> redisRateLimiter) {
        if (settings.rateLimit().backend() == GatewaySettings.Backend.REDIS) {
            List<ApiClient> clients = new ArrayList<>(keys.clients());
            clients.add(anonymous(settings));
            log.info("Rate limits are kept in Redis, shared by every gateway instance");
            return new RedisClientRateLimiter(redisRateLimiter.getObject(), clients);
        }
        return new InMemoryRateLimiter();
    }

    @Bean
    RateLimitFilter rateLimitFilter(ClientRateLimiter limiter) {
        return new RateLimitFilter(limiter);
    }

    @Bean
    RequireContentTypeGatewayFilterFactory requireContentTypeGatewayFilterFactory() {
        return new RequireContentTypeGatewayFilterFactory();
    }

    @Bean
    RetryBudget retryBudget(GatewaySettings settings) {
        return new RetryBudget(settings.retry().budgetRatio(), settings.retry().budgetMinPerSecond());
    }

    @Bean
    InstanceEjections instanceEjections(GatewaySettings settings, MeterRegistry meters) {
        return new InstanceEjections(settings.retry().ejection(), meters);
    }

    @Bean
    RegistryInstances registryInstances(DiscoveryClient discovery) {
        return new RegistryInstances(discovery);
    }

    @Bean
    RetryOnAnotherInstanceGatewayFilterFactory retryOnAnotherInstanceGatewayFilterFactory(GatewaySettings settings,
            RetryBudget budget, InstanceEjections ejections, MeterRegistry meters) {
        return new RetryOnAnotherInstanceGatewayFilterFactory(settings.retry().retries(), budget, ejections, meters);
    }

    @Bean
    ForwardedHeaders forwardedHeaders(GatewaySettings settings) {
        return new ForwardedHeaders(settings.ingestServiceId(), settings.ingestToken());
    }

    @Bean
    UpstreamCorsHeaders upstreamCorsHeaders() {
        return new UpstreamCorsHeaders();
    }

    @Bean
    GatewayCorsFilter gatewayCorsFilter(GatewaySettings settings) {
        return new GatewayCorsFilter(settings.cors());
    }

    @Bean
    BodySizeLimitWebFilter bodySizeLimitWebFilter(GatewaySettings settings) {
        return new BodySizeLimitWebFilter(settings.maxRequestSize().toBytes());
    }

    @Bean
    RequestIdWebFilter requestIdWebFilter() {
        return new RequestIdWebFilter();
    }

    @Bean
    RequestMetricsWebFilter requestMetricsWebFilter(MeterRegistry meters,
            @Value("${management.endpoints.web.base-path:/actuator}") String actuatorBasePath) {
        return new RequestMetricsWebFilter(meters, actuatorBasePath);
    }

    /** Spring Cloud Gateway's HTTP client, with a connection pool per event loop (see the factory). */
    @Bean
    EventLoopLocalHttpClientFactory gatewayHttpClientFactory(HttpClientProperties properties,
            ServerProperties serverProperties, ObjectProvider<HttpClientCustomizer> customizers,
            HttpClientSslConfigurer sslConfigurer) {
        return new EventLoopLocalHttpClientFactory(properties, serverProperties, sslConfigurer,
                customizers.orderedStream().toList());
    }

    @Bean
    WholeResponseBodyFilter wholeResponseBodyFilter() {
        return new WholeResponseBodyFilter();
    }

    @Bean
    JsonErrorHandler jsonErrorHandler() {
        return new JsonErrorHandler();
    }

    private static ApiClient anonymous(GatewaySettings settings) {
        return new ApiClient(ApiClient.ANONYMOUS_NAME, settings.rateLimit().anonymousRate(),
                settings.rateLimit().anonymousBurst());
    }
}
