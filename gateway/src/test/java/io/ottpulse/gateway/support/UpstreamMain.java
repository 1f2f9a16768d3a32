package io.ottpulse.gateway.support;

import io.ottpulse.discovery.EurekaSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * An {@link Upstream} in its own JVM, so that a test can kill it as a crash would: no goodbye to Eureka, sockets
 * reset by the operating system. Arguments: Eureka URL, service id, instance id, port, heartbeat seconds, lease
 * seconds.
 */
public final class UpstreamMain {

    private UpstreamMain() {
    }

    public static void main(String[] args) throws Exception {
        EurekaSettings eureka = new EurekaSettings(List.of(URI.create(args[0])),
                Duration.ofSeconds(Long.parseLong(args[4])), Duration.ofSeconds(Long.parseLong(args[5])));
        Upstream upstream = Upstream.start(args[1], args[2], Integer.parseInt(args[3]), eureka);
        // A stop (not a kill) leaves Eureka, as a real instance does.
        Runtime.getRuntime().addShutdownHook(new Thread(upstream::close, "upstream-stop"));
        Thread.currentThread().join();
    }
}
