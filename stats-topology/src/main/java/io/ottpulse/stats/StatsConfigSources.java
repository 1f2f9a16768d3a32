package io.ottpulse.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The stats configuration from where the command line says: the config server's {@code stats-topology.json}, a local
 * file, both, or neither (every default). With both, the local file goes on top of the server's, key by key (nested
 * objects such as {@code server} or {@code streams} are merged, any other value replaces): the server holds what
 * every instance shares, the local file what only this instance can know (its port, advertised host, state folder).
 * Each source is validated on its own first, so an unknown key or a bad value is named together with its source.
 */
final class StatsConfigSources {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatsConfigSources() {
    }

    /**
     * @param configServerUrl the config server to fetch the file from, or null for none
     * @param localFile the local file, or null for none
     */
    static StatsConfig load(String configServerUrl, Path localFile) throws IOException {
        ObjectNode merged = JSON.createObjectNode();
        if (configServerUrl != null) {
            URI location = ConfigServerFile.location(configServerUrl);
            overlay(merged, validated(location.toString(), ConfigServerFile.fetch(location)));
        }
        if (localFile != null) {
            overlay(merged, validated(localFile.toString(), read(localFile)));
        }
        return StatsConfig.parse(merged.toString());
    }

    private static String read(Path localFile) throws IOException {
        try {
            return Files.readString(localFile);
        } catch (IOException e) {
            throw new IOException("cannot read the stats configuration: " + e, e);
        }
    }

    /** The source's JSON object, after the one validation path of {@link StatsConfig#parse} accepted it. */
    private static ObjectNode validated(String source, String json) {
        try {
            if (!(JSON.readTree(json) instanceof ObjectNode object)) {
                throw new IllegalArgumentException("the stats configuration must be a JSON object");
            }
            StatsConfig.parse(json);
            return object;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": the stats configuration is not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static void overlay(ObjectNode base, ObjectNode top) {
        for (Map.Entry<String, JsonNode> field : top.properties()) {
            if (base.get(field.getKey()) instanceof ObjectNode below && field.getValue() instanceof ObjectNode above) {
                overlay(below, above);
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }
}
