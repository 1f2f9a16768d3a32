package io.ottpulse.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The OTT Pulse gateway: the only door in, routing clients to ingest and stats instances found in Eureka. */
@SpringBootApplication
public class GatewayApplication {

    /** Reactor Netty's event-loop count; read once, when its first class loads. */
    static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        start(args);
    }

    /** Starts the gateway with the given command-line arguments, {@code --config-server[=URL]} included. */
    public static ConfigurableApplicationContext start(String... args) {
        // One event loop per core. Reactor Netty's floor of 4 loops costs a 2-core machine context switches:
        // about 15% more CPU per proxied request, measured with the gateway benchmark. -D overrides it.
        if (System.getProperty(IO_WORKER_COUNT) == null) {
            System.setProperty(IO_WORKER_COUNT, Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
        return SpringApplication.run(GatewayApplication.class, ConfigServerOption.apply(args));
    }
}
