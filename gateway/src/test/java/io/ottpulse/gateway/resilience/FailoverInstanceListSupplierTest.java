package io.ottpulse.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;
import reactor.core.publisher.Flux;

class FailoverInstanceListSupplierTest {

    private final ServiceInstance a = instance("a", 1001);
    private final ServiceInstance b = instance("b", 1002);
    private final ServiceInstance c = instance("c", 1003);
    private final AtomicLong now = new AtomicLong();
    private final InstanceEjections ejections = new InstanceEjections(Duration.ofSeconds(30), new SimpleMeterRegistry(),
            now::get);
    private final FailoverInstanceListSupplier supplier = new FailoverInstanceListSupplier(new Fixed(List.of(a, b, c)),
            ejections);

    @Test
    void offersEveryInstanceWhenNothingFailed() {
        assertThat(supplier.choose(List.of(a, b, c), Set.of())).containsExactly(a, b, c);
    }

    @Test
    void skipsEjectedInstancesUntilTheirEjectionEnds() {
        ejections.eject(a);
        assertThat(supplier.choose(List.of(a, b, c), Set.of())).containsExactly(b, c);
        now.addAndGet(TimeUnit.SECONDS.toNanos(30));
        assertThat(supplier.choose(List.of(a, b, c), Set.of())).containsExactly(a, b, c);
    }

    @Test
    void skipsInstancesThisRequestAlreadyTriedAsToldByItsAttributes() {
        Map<String, Object> attributes = new HashMap<>();
        TriedInstances.add(attributes, b);
        RequestData data = new RequestData(HttpMethod.POST, URI.create("http://activity-ingest/v1/events"),
                new HttpHeaders(), new LinkedMultiValueMap<>(), attributes);

        List<ServiceInstance> offered = supplier.get(new DefaultRequest<>(new RequestDataContext(data))).blockFirst();

        assertThat(offered).containsExactly(a, c);
    }

    @Test
    void neverOffersNothing() {
        ejections.eject(a);
        ejections.eject(b);
        ejections.eject(c);
        assertThat(supplier.choose(List.of(a, b, c), Set.of("localhost:1001"))).as("ejected but untried")
                .containsExactly(b, c);
        assertThat(supplier.choose(List.of(a, b, c), Set.of("localhost:1001", "localhost:1002", "localhost:1003")))
                .as("all tried: all again").containsExactly(a, b, c);
    }

    private static ServiceInstance instance(String id, int port) {
        return new DefaultServiceInstance(id, "activity-ingest", "localhost", port, false);
    }

    private record Fixed(List<ServiceInstance> instances) implements ServiceInstanceListSupplier {

        @Override
        public String getServiceId() {
            return "activity-ingest";
        }

        @Override
        public Flux<List<ServiceInstance>> get() {
            return Flux.just(instances);
        }
    }
}
