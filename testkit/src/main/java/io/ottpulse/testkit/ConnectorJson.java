package io.ottpulse.testkit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connector configuration as shipped in {@code connectors/}: {@code {"name": ..., "config": {...}}}, loaded so a
 * test can submit the very file platform teams deploy, with only its addresses changed.
 */
public record ConnectorJson(String name, Map<String, String> config) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ConnectorJson load(String fileName) {
        Path file = ProjectPaths.artifact("connectors", fileName);
        try {
            Map<String, Object> root = JSON.readValue(file.toFile(), new TypeReference<>() {
            });
            @SuppressWarnings("unchecked")
            Map<String, String> config = (Map<String, String>) root.get("config");
            return new ConnectorJson((String) root.get("name"), new LinkedHashMap<>(config));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The same connector with some settings replaced or added. */
    public ConnectorJson with(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>(config);
        merged.putAll(overrides);
        return new ConnectorJson(name, merged);
    }
}
