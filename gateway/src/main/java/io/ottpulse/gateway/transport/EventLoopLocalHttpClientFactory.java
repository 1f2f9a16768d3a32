package io.ottpulse.gateway.transport;

import java.util.List;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientFactory;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;
import reactor.netty.resources.ConnectionProvider;

/**
 * Spring Cloud Gateway's HTTP client exactly as its own factory builds it from
 * {@code spring.cloud.gateway.server.webflux.httpclient.*}, except that each event loop gets its own connection pool
 * ({@link EventLoopLocalConnectionProvider}), each pool with those settings.
 */
public final class EventLoopLocalHttpClientFactory extends HttpClientFactory {

    public EventLoopLocalHttpClientFactory(HttpClientProperties properties, ServerProperties serverProperties,
            HttpClientSslConfigurer sslConfigurer, List<HttpClientCustomizer> customizers) {
        super(properties, serverProperties, sslConfigurer, customizers);
    }

    @Override
    protected ConnectionProvider buildConnectionProvider(HttpClientProperties properties) {
        return new EventLoopLocalConnectionProvider(() -> super.buildConnectionProvider(properties));
    }
}
