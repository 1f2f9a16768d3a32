package io.ottpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** Binding a task's port that is still taken, as by the task's previous instance on the same worker. No request is made. */
class IngestServerBindTest {

    @Test
    void startsOnceATakenPortIsReleased() throws Exception {
        ServerSocket taken = new ServerSocket(0);
        int port = taken.getLocalPort();
        AtomicReference<IngestServer> started = new AtomicReference<>();
        Thread starter = new Thread(() -> started.set(
                IngestServer.start("0.0.0.0", port, 1, 1024, null, "bind-test", Duration.ofSeconds(60))));
        starter.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> starter.getState() == Thread.State.TIMED_WAITING);
            assertThat(started.get()).as("started while the port was taken").isNull();
        } finally {
            taken.close();
        }
        starter.join(Duration.ofSeconds(30).toMillis());
        try (IngestServer server = started.get()) {
            assertThat(server).isNotNull();
            assertThat(server.port()).isEqualTo(port);
        }
    }

    @Test
    void failsNamingThePortWhenItStaysTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> IngestServer.start("0.0.0.0", taken.getLocalPort(), 1, 1024, null, "bind-test",
                    Duration.ofMillis(600)))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " is already in use (waited 600 ms for it)");
        }
    }
}
