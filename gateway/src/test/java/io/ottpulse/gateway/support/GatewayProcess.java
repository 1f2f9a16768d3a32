package io.ottpulse.gateway.support;

import io.ottpulse.gateway.GatewayApplication;
import io.ottpulse.testkit.ChildJvm;
import io.ottpulse.testkit.FreePorts;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The gateway application in a JVM of its own, started with the given arguments: for a gateway configured
 * differently from the shared test context (Reactor Netty's global resources make two gateways in one JVM unwise).
 */
public final class GatewayProcess implements AutoCloseable {

    private final ChildJvm jvm;
    private final int port;

    private GatewayProcess(ChildJvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    public static GatewayProcess start(Path workDir, List<String> args) {
        int port = FreePorts.pick();
        List<String> command = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), GatewayApplication.class.getName(),
                "--server.port=" + port, "--logging.file.name=" + workDir.resolve("gateway-spring.log")));
        command.addAll(args);
        GatewayProcess gateway = new GatewayProcess(ChildJvm.start("gateway", workDir.resolve("gateway.log"), command),
                port);
        gateway.awaitUp(Duration.ofSeconds(90));
        return gateway;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    private void awaitUp(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!answers()) {
            if (!jvm.isAlive() || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the gateway did not start, see " + jvm.log());
            }
            RegistryProcess.sleep(200);
        }
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl() + "/actuator/health").toURL()
                    .openConnection();
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
