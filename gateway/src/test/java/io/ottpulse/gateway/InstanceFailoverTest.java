package io.ottpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.ottpulse.gateway.support.LeakReports;
import io.ottpulse.gateway.support.RegistryProcess;
import io.ottpulse.gateway.support.Upstream;
import io.ottpulse.gateway.support.UpstreamProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Ingest instances going away under steady load: killed (a crash: no goodbye to Eureka) or leaving Eureka (a stop).
 * Clients see no error either way, and the gateway soon sends the departed instance nothing. The times are printed
 * (lines starting {@code FAILOVER}) for the README; the tests assert behaviour, never timings.
 */
class InstanceFailoverTest extends GatewayTestBase {

    private static final int CLIENTS = 4;
    /** While a crashed instance is ejected it gets no request; this test watches less than one ejection time. */
    private static final Duration WATCH_AFTER_KILL = Duration.ofSeconds(8);

    @TempDir
    Path workDir;

    @Autowired
    MeterRegistry meters;

    @Test
    void aKilledInstanceCostsNoClientErrorAndGetsNoRequestOnceEjected() throws Exception {
        Duration heartbeat = Duration.ofSeconds(5);
        Duration lease = Duration.ofSeconds(15);
        try (UpstreamProcess doomed = UpstreamProcess.start(workDir, eurekaUrl(), "activity-ingest", "failover-a",
                heartbeat, lease);
                UpstreamProcess survivor = UpstreamProcess.start(workDir, eurekaUrl(), "activity-ingest", "failover-b",
                        heartbeat, lease)) {
            awaitInstances("activity-ingest", List.of("failover-a", "failover-b"));
            Load load = new Load();
            FailureWatch failures = new FailureWatch();
            load.start();
            failures.start();
            pause(2_000);
            assertThat(load.answeredBy()).as("both serve before the kill").containsKeys("failover-a", "failover-b");

            long failuresBeforeKill = failures.count();
            long killedAt = System.nanoTime();
            doomed.kill();
            pause(WATCH_AFTER_KILL.toMillis());
            boolean stillInEureka = instanceIds("activity-ingest").contains("failover-a");
            load.stop();
            failures.stop();
            RegistryProcess.shared().cancel("activity-ingest", "failover-a");

            long toDeadInstance = failures.count() - failuresBeforeKill;
            assertThat(load.errors()).as("client-visible errors (upstream failures by cause and result: %s)",
                    upstreamFailuresByOutcome()).isEmpty();
            assertThat(load.answeredBy().get("failover-b")).isGreaterThan(100);
            assertThat(toDeadInstance).as("requests that reached the dead instance, each resent").isPositive()
                    .as("at most the requests in flight at the kill and those that raced the ejection")
                    .isLessThanOrEqualTo(2 * CLIENTS);
            System.out.printf("FAILOVER kill: answered=%s errors=%d sent-to-dead-instance-and-resent=%d"
                    + " last-request-to-dead-instance-after=%d ms still-listed-by-eureka-after-%d-s=%s%n",
                    load.answeredBy(), load.errors().size(), toDeadInstance, millis(failures.lastChangeAt() - killedAt),
                    WATCH_AFTER_KILL.toSeconds(), stillInEureka);
        }
    }

    @Test
    void anInstanceThatCrashesAfterSendingItsHeadersHasTheRequestResentToAnother() throws Exception {
        Duration heartbeat = Duration.ofSeconds(5);
        Duration lease = Duration.ofSeconds(15);
        try (LeakReports leaks = LeakReports.watch();
                UpstreamProcess crashing = UpstreamProcess.start(workDir, eurekaUrl(), "activity-ingest", "crashing-a",
                heartbeat, lease);
                UpstreamProcess survivor = UpstreamProcess.start(workDir, eurekaUrl(), "activity-ingest", "surviving-b",
                        heartbeat, lease)) {
            awaitInstances("activity-ingest", List.of("crashing-a", "surviving-b"));
            long resentBefore = upstreamFailuresByOutcome().getOrDefault("closed/resent", 0L);
            List<String> answers = new ArrayList<>();
            // Round-robin over two instances: one of the first two requests reaches the crashing one.
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> response = send(postEvents(PLAYER_KEY)
                        .header(Upstream.CRASH_AFTER_HEADERS, "crashing-a"));
                answers.add(response.statusCode() + " " + response.body().split(" ")[0]);
            }
            RegistryProcess.shared().cancel("activity-ingest", "crashing-a");
            assertThat(crashing.isAlive()).as("the instance crashed mid-answer").isFalse();
            assertThat(answers).containsOnly("202 surviving-b");
            assertThat(upstreamFailuresByOutcome().getOrDefault("closed/resent", 0L) - resentBefore).isEqualTo(1);
            // The broken answer's buffers (headers read, body awaited) must all have been released.
            System.gc();
            pause(500);
            assertThat(send(postEvents(PLAYER_KEY)).statusCode()).isEqualTo(202);
            assertThat(leaks.messages()).isEmpty();
        }
    }

    private Collection<Counter> upstreamFailures() {
        return meters.find("ottpulse.gateway.upstream.failures").counters();
    }

    /** The gateway's failed upstream calls by {@code cause/result}, e.g. {@code closed/resent}. */
    private Map<String, Long> upstreamFailuresByOutcome() {
        Map<String, Long> counts = new TreeMap<>();
        upstreamFailures().forEach(counter -> counts.put(
                counter.getId().getTag("cause") + "/" + counter.getId().getTag("result"), (long) counter.count()));
        return counts;
    }

    @Test
    void anInstanceThatLeavesEurekaStopsGettingRequestsWithinSeconds() throws Exception {
        try (Upstream leaving = Upstream.start("activity-ingest", "leaving-a", eurekaUrl());
                Upstream staying = Upstream.start("activity-ingest", "staying-b", eurekaUrl())) {
            awaitInstances("activity-ingest", List.of("leaving-a", "staying-b"));
            Load load = new Load();
            load.start();
            pause(1_000);
            long leftAt = System.nanoTime();
            leaving.leaveEureka();
            awaitInstances("activity-ingest", List.of("staying-b"));
            long droppedAt = System.nanoTime();
            pause(2_000);
            load.stop();

            List<Upstream.Received> afterDrop = leaving.received().stream()
                    .filter(request -> request.atNanos() > droppedAt).toList();
            long lastRequestAt = leaving.received().stream().mapToLong(Upstream.Received::atNanos).max().orElseThrow();
            assertThat(load.errors()).isEmpty();
            assertThat(afterDrop).as("only requests already on their way when the gateway dropped it")
                    .hasSizeLessThanOrEqualTo(CLIENTS);
            System.out.printf("FAILOVER leave: answered=%s errors=%d gateway-dropped-after=%d ms"
                    + " last-request-after=%d ms%n", load.answeredBy(), load.errors().size(),
                    millis(droppedAt - leftAt), millis(lastRequestAt - leftAt));
        }
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** Clients posting events in a loop, each waiting for its answer: steady load. */
    private final class Load {

        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Map<String, LongAdder> answeredBy = new ConcurrentHashMap<>();
        private final List<String> errors = new CopyOnWriteArrayList<>();

        void start() {
            for (int i = 0; i < CLIENTS; i++) {
                clients.execute(this::run);
            }
        }

        private void run() {
            while (running.get()) {
                try {
                    HttpResponse<String> response = send(postEvents(PLAYER_KEY));
                    if (response.statusCode() == 202) {
                        answeredBy.computeIfAbsent(response.body().split(" ")[0], id -> new LongAdder()).increment();
                    } else {
                        errors.add(response.statusCode() + " " + response.body());
                    }
                } catch (Exception e) {
                    errors.add(e.toString());
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        Map<String, Long> answeredBy() {
            Map<String, Long> counts = new TreeMap<>();
            answeredBy.forEach((id, count) -> counts.put(id, count.sum()));
            return counts;
        }

        List<String> errors() {
            return List.copyOf(errors);
        }
    }

    /** Samples the gateway's count of failed upstream calls, remembering when it last changed. */
    private final class FailureWatch {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong lastChangeAt = new AtomicLong(System.nanoTime());
        private final Thread sampler = new Thread(this::run, "failure-watch");

        void start() {
            sampler.start();
        }

        private void run() {
            long last = count();
            while (running.get()) {
                long now = count();
                if (now != last) {
                    last = now;
                    lastChangeAt.set(System.nanoTime());
                }
                pause(5);
            }
        }

        long count() {
            return (long) upstreamFailures().stream().mapToDouble(Counter::count).sum();
        }

        long lastChangeAt() {
            return lastChangeAt.get();
        }

        void stop() throws InterruptedException {
            running.set(false);
            sampler.join();
        }
    }
}
