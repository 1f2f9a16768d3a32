package io.ottpulse.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Waits for a component to be ready, failing early, with the end of its log, when its process died. */
final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final long POLL_MS = 250;
    private static final int LOG_LINES_ON_FAILURE = 30;

    private Readiness() {
    }

    static void await(ChildProcess child, String what, Duration timeout, BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            if (!child.isAlive()) {
                throw new IllegalStateException(child.name() + " exited while waiting for " + what + ":\n" + tail(child.log()));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(child.name() + " was not ready (" + what + ") within " + timeout
                        + ":\n" + tail(child.log()));
            }
            sleep(POLL_MS);
        }
    }

    /** True when a GET of the URL answers with the given status. */
    static boolean answers(String url, int status) {
        return status(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET()) == status;
    }

    /** The status code of a request, or -1 when nothing answers. */
    static int status(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
