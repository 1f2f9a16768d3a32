package io.ottpulse.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A compose environment file ({@code .env}, {@code env_file}): {@code KEY=value} lines, {@code #} comments. */
final class EnvFile {

    private EnvFile() {
    }

    static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("environment file missing: " + file);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : Project.read(file).split("\n")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new AssertionError(file + ": not KEY=value: " + line);
            }
            entries.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
        }
        return entries;
    }
}
