package io.ottpulse.gateway.support;

import io.ottpulse.testkit.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis server ({@code redis-server} from the PATH; Debian package {@code redis-server}) as a child process on a
 * free loopback port, keeping nothing on disk. A missing binary is a test failure, never a skip.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final String BINARY = "redis-server";
    private static final int IO_TIMEOUT_MS = 2_000;

    private final Process process;
    private final int port;
    private final Path log;

    private RedisServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static RedisServerProcess start(Path workDir) throws IOException {
        Path binary = onPath(BINARY);
        int port = FreePorts.pick();
        Path log = workDir.resolve("redis.log");
        Process process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", workDir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        RedisServerProcess redis = new RedisServerProcess(process, port, log);
        redis.awaitPong(Duration.ofSeconds(20));
        return redis;
    }

    private static Path onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir).resolve(name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(name + " is not on the PATH (" + path + "): the Redis rate-limit tests need a"
                + " real Redis server; install it (Debian: apt-get install -y redis-server), as .ci/run does");
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * Sends one command (RESP array of bulk strings) on a new connection and returns the first line of the reply,
     * e.g. {@code +PONG} or {@code :1}.
     */
    public String command(String... words) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(IO_TIMEOUT_MS);
            StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
            for (String word : words) {
                request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n")
                        .append(word).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            return in.readLine();
        }
    }

    private void awaitPong(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!answersPing()) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("redis-server did not answer PING, see " + log);
            }
            RegistryProcess.sleep(50);
        }
    }

    private boolean answersPing() {
        try {
            return "+PONG".equals(command("PING"));
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Stops the server (SIGTERM, then SIGKILL if it lingers) and waits until it has exited. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return "redis-server (pid " + process.pid() + ", port " + port + ", log " + log + ")";
    }
}
