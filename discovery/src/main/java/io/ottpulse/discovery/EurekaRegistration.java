package io.ottpulse.discovery;

import java.io.IOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one instance registered in Eureka from {@link #start} to {@link #close}: registers, renews the lease on one
 * daemon thread, registers again whenever Eureka forgets it (a registry restart), and cancels on close so clients
 * stop routing at once instead of waiting for the lease to expire. A registry that cannot be reached is retried at
 * every renewal, so services may start before the registry.
 */
public final class EurekaRegistration implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EurekaRegistration.class);
    /** After the first failure, only every n-th further one is logged, so a long registry outage does not flood. */
    private static final int LOG_EVERY_NTH_FAILURE = 12;

    private final EurekaInstance instance;
    private final EurekaRestClient client;
    private final ScheduledExecutorService heartbeat;
    private volatile EurekaStatus status = EurekaStatus.UP;
    private volatile boolean registered;
    private int failures;

    private EurekaRegistration(EurekaInstance instance, EurekaSettings settings) {
        this.instance = instance;
        this.client = new EurekaRestClient(settings);
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "eureka-" + instance.serviceId() + "-" + instance.instanceId());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts registering the instance as UP; returns at once, the first registration runs in the background. */
    public static EurekaRegistration start(EurekaInstance instance, EurekaSettings settings) {
        EurekaRegistration registration = new EurekaRegistration(instance, settings);
        long interval = settings.renewalInterval().toMillis();
        registration.heartbeat.scheduleWithFixedDelay(registration::beat, 0, interval, TimeUnit.MILLISECONDS);
        return registration;
    }

    public EurekaInstance instance() {
        return instance;
    }

    /** True once Eureka has accepted the registration, and as long as renewals succeed. */
    public boolean isRegistered() {
        return registered;
    }

    /** Changes the status Eureka shows, e.g. OUT_OF_SERVICE while draining; applied on the heartbeat thread. */
    public void setStatus(EurekaStatus newStatus) {
        status = newStatus;
        heartbeat.execute(this::applyStatus);
    }

    private void beat() {
        try {
            if (!registered || !client.renew(instance)) {
                client.register(instance, status);
                log.info("Registered {} as {} in Eureka ({} at {})", instance.instanceId(), instance.serviceId(),
                        status, instance.baseUrl());
            }
            succeeded();
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void applyStatus() {
        try {
            client.overrideStatus(instance, status);
            succeeded();
        } catch (IOException | RuntimeException e) {
            failed(e);
        }
    }

    private void succeeded() {
        registered = true;
        failures = 0;
    }

    private void failed(Exception e) {
        registered = false;
        if (failures++ % LOG_EVERY_NTH_FAILURE == 0) {
            log.warn("Eureka registration of {} failed ({} in a row), retrying: {}", instance.instanceId(), failures,
                    e.toString());
        }
    }

    /** Stops the heartbeat and cancels the registration. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            client.cancel(instance);
            log.info("Cancelled {} in Eureka", instance.instanceId());
        } catch (IOException e) {
            log.warn("Could not cancel {} in Eureka; its lease will expire: {}", instance.instanceId(), e.toString());
        }
        registered = false;
    }
}
