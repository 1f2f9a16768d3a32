package io.ottpulse.gateway.resilience;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Instances that refused a connection, kept out of the load balancer's choice for the ejection time. A crashed
 * instance stays in Eureka until its lease expires (tens of seconds); with this, it gets one failed (and resent)
 * request per ejection time instead of its share of all traffic until then.
 */
public final class InstanceEjections {

    private final long ejectionNanos;
    private final LongSupplier nanoClock;
    private final MeterRegistry meters;
    private final ConcurrentMap<String, Long> ejectedUntil = new ConcurrentHashMap<>();

    public InstanceEjections(Duration ejection, MeterRegistry meters) {
        this(ejection, meters, System::nanoTime);
    }

    InstanceEjections(Duration ejection, MeterRegistry meters, LongSupplier nanoClock) {
        this.ejectionNanos = ejection.toNanos();
        this.nanoClock = nanoClock;
        this.meters = meters;
    }

    /** Where an instance listens; the identity that matters when it comes to connecting. */
    public static String address(ServiceInstance instance) {
        return instance.getHost() + ":" + instance.getPort();
    }

    public void eject(ServiceInstance instance) {
        ejectedUntil.put(address(instance), nanoClock.getAsLong() + ejectionNanos);
        meters.counter("ottpulse.gateway.upstream.ejections", "service", instance.getServiceId().toLowerCase(Locale.ROOT))
                .increment();
    }

    public boolean isEjected(ServiceInstance instance) {
        if (ejectedUntil.isEmpty()) {
            return false;
        }
        String address = address(instance);
        Long until = ejectedUntil.get(address);
        if (until == null) {
            return false;
        }
        if (nanoClock.getAsLong() - until >= 0) {
            ejectedUntil.remove(address, until);
            return false;
        }
        return true;
    }
}
