package io.ottpulse.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The OTT Pulse gateway: the only door in, routing clients to ingest and stats instances found in Eureka. */
@SpringBootApplication
public class GatewayApplication {

    public static void main(String[] args) {
        start(args);
    }

    /** Starts the gateway with the given command-line arguments, {@code --config-server[=URL]} included. */
    public static ConfigurableApplicationContext start(String... args) {
        return SpringApplication.run(GatewayApplication.class, ConfigServerOption.apply(args));
    }
}
