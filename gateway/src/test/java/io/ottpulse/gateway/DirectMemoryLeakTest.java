package io.ottpulse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import io.ottpulse.discovery.EurekaInstance;
import io.ottpulse.discovery.EurekaRegistration;
import io.ottpulse.discovery.EurekaSettings;
import io.ottpulse.gateway.support.LeakReports;
import io.ottpulse.gateway.support.Upstream;
import io.ottpulse.testkit.FreePorts;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every way a request body can travel through or stop at the gateway (passed on, refused by size declared or
 * counted, refused by type or key, resent after a refused connection), with Netty tracking every pooled buffer
 * ({@code io.netty.leakDetection.level=paranoid}, set by the build): Netty must report no leak.
 */
class DirectMemoryLeakTest extends GatewayTestBase {

    private static final int ROUNDS = 40;
    private static final int OVER_LIMIT = 1024 * 1024 + 1;

    @Test
    void noBodyPathLeaksABuffer() throws Exception {
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        try (LeakReports leaks = LeakReports.watch();
                Upstream ingest = Upstream.start("activity-ingest", "leak-ingest", eurekaUrl());
                Upstream stats = Upstream.start("stats-service", "leak-stats", eurekaUrl());
                EurekaRegistration refusing = EurekaRegistration.start(new EurekaInstance("activity-ingest",
                        "leak-refusing", "localhost", FreePorts.pick(), "/health", Map.of()),
                        EurekaSettings.of(eurekaUrl()))) {
            awaitInstances("activity-ingest", List.of("leak-ingest", "leak-refusing"));
            awaitInstances("stats-service", List.of("leak-stats"));
            for (int round = 0; round < ROUNDS; round++) {
                sendEveryKindOfBody();
                if (round % 10 == 9) {
                    System.gc();
                }
            }
            System.gc();
            pause(500);
            sendEveryKindOfBody();

            assertThat(ingest.received()).hasSizeGreaterThanOrEqualTo(ROUNDS);
            assertThat(leaks.messages()).isEmpty();
        }
    }

    private void sendEveryKindOfBody() throws Exception {
        byte[] overLimit = new byte[OVER_LIMIT];
        assertThat(send(postEvents(PLAYER_KEY)).statusCode()).isEqualTo(202);
        assertThat(send(postEvents(PLAYER_KEY).POST(HttpRequest.BodyPublishers.ofByteArray(overLimit))).statusCode())
                .isEqualTo(413);
        assertThat(send(postEvents(PLAYER_KEY).POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(overLimit)))).statusCode()).isEqualTo(413);
        assertThat(send(postEvents(PLAYER_KEY).setHeader("Content-Type", "text/plain")).statusCode()).isEqualTo(415);
        assertThat(send(postEvents("not-a-known-key-0123456789")).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(gateway("/v1/stats/channels"))).statusCode()).isEqualTo(200);
    }
}
