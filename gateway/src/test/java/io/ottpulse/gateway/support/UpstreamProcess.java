package io.ottpulse.gateway.support;

import io.ottpulse.testkit.ChildJvm;
import io.ottpulse.testkit.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** An {@link UpstreamMain} child JVM: a real instance that can be killed like a crashed one. */
public final class UpstreamProcess implements AutoCloseable {

    private final ChildJvm jvm;

    private UpstreamProcess(ChildJvm jvm) {
        this.jvm = jvm;
    }

    /** Starts on a free port, registered with the given heartbeat interval and lease. */
    public static UpstreamProcess start(Path workDir, String eurekaUrl, String serviceId, String instanceId,
            Duration heartbeat, Duration lease) {
        int port = FreePorts.pick();
        ChildJvm jvm = ChildJvm.start(instanceId, workDir.resolve(instanceId + ".log"), List.of(
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-D" + Upstream.NO_DELAY_PROPERTY + "=true", "-cp", System.getProperty("java.class.path"),
                UpstreamMain.class.getName(), eurekaUrl, serviceId, instanceId, Integer.toString(port),
                Long.toString(heartbeat.toSeconds()), Long.toString(lease.toSeconds())));
        return new UpstreamProcess(jvm);
    }

    /** As a crash or {@code kill -9}: no deregistration, connections reset. */
    public void kill() throws InterruptedException {
        jvm.kill();
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }
}
