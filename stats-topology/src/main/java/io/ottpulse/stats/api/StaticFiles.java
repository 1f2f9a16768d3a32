package io.ottpulse.stats.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

/** The dashboard's files, served from the classpath folder {@code dashboard/}. */
final class StaticFiles {

    private static final String ROOT = "dashboard/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");

    private StaticFiles() {
    }

    /** A file by its path below the dashboard folder, with its content type; empty when there is none. */
    static Optional<File> find(String relativePath) throws IOException {
        if (relativePath.isEmpty() || relativePath.contains("..") || relativePath.startsWith("/")) {
            return Optional.empty();
        }
        String extension = relativePath.substring(relativePath.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(ROOT + relativePath)) {
            return in == null ? Optional.empty() : Optional.of(new File(type, in.readAllBytes()));
        }
    }

    record File(String contentType, byte[] content) {
    }
}
