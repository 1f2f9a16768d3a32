package io.ottpulse.gateway.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code config/} folder the test registry serves: settings a gateway gets only through the config server. */
public final class TestConfigRepository {

    /** An origin allowed for CORS only by the served settings. */
    public static final String CENTRAL_ORIGIN = "https://central.example";
    /** A request size limit set only by the served settings. */
    public static final int CENTRAL_MAX_REQUEST_BYTES = 2048;

    private TestConfigRepository() {
    }

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("gateway.yml"), """
                ottpulse:
                  gateway:
                    max-request-size: %dB
                    cors:
                      allowed-origins: %s
                """.formatted(CENTRAL_MAX_REQUEST_BYTES, CENTRAL_ORIGIN));
        return dir;
    }
}
