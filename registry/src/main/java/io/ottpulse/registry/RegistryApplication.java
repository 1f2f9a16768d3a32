package io.ottpulse.registry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.config.server.EnableConfigServer;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;

/**
 * The registry of OTT Pulse: the Eureka server where services find each other, and the config server (under
 * {@code /config}) that serves the repository's {@code config/} folder to services started with
 * {@code --config-server}.
 */
@SpringBootApplication
@EnableEurekaServer
@EnableConfigServer
public class RegistryApplication {

    public static void main(String[] args) {
        SpringApplication.run(RegistryApplication.class, args);
    }
}
