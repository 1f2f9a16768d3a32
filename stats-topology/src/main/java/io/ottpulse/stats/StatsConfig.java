package io.ottpulse.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stats application's whole configuration, read from one JSON file. Every key has its default here; an unknown
 * key or a bad value stops the start with a message naming the key.
 *
 * @param streams Kafka Streams settings passed through as they are (they win over the ones derived here)
 */
public record StatsConfig(
        String applicationId,
        String bootstrapServers,
        String inputTopic,
        String stateDir,
        Server server,
        Eureka eureka,
        ChannelLoad channelLoad,
        Map<String, String> streams) {

    public StatsConfig {
        applicationId = orDefault(applicationId, "ottpulse-stats");
        bootstrapServers = orDefault(bootstrapServers, "localhost:9092");
        inputTopic = orDefault(inputTopic, "ott.activity");
        stateDir = orDefault(stateDir, "data/stats");
        server = server == null ? new Server(null, 0, null) : server;
        eureka = eureka == null ? new Eureka(null, null) : eureka;
        channelLoad = channelLoad == null ? new ChannelLoad(null, 0, 0, null) : channelLoad;
        streams = streams == null ? Map.of() : Map.copyOf(streams);
    }

    /** The REST API's listener. */
    public record Server(String host, int port, String advertisedHost) {
        public Server {
            host = orDefault(host, "0.0.0.0");
            port = port == 0 ? 8090 : requireInRange("server.port", port, 1, 65535);
            advertisedHost = orDefault(advertisedHost, "localhost");
        }
    }

    /** Registration in Eureka; empty service URLs: none. */
    public record Eureka(String serviceUrls, String serviceId) {
        public Eureka {
            serviceUrls = serviceUrls == null ? "" : serviceUrls.trim();
            serviceId = orDefault(serviceId, "stats-service");
        }
    }

    /** Concurrent viewers per channel. */
    public record ChannelLoad(Boolean enabled, long viewerTimeoutSeconds, long expiryIntervalMs, String outputTopic) {
        public ChannelLoad {
            enabled = enabled == null || enabled;
            viewerTimeoutSeconds = viewerTimeoutSeconds == 0 ? 300
                    : requireInRange("channelLoad.viewerTimeoutSeconds", viewerTimeoutSeconds, 1, 86_400);
            expiryIntervalMs = expiryIntervalMs == 0 ? 5_000
                    : requireInRange("channelLoad.expiryIntervalMs", expiryIntervalMs, 100, 3_600_000);
            outputTopic = orDefault(outputTopic, "ott.channel-load");
        }

        public Duration viewerTimeout() {
            return Duration.ofSeconds(viewerTimeoutSeconds);
        }

        public Duration expiryInterval() {
            return Duration.ofMillis(expiryIntervalMs);
        }
    }

    /** The configuration with every default, as if read from {@code {}}. */
    public static StatsConfig defaults() {
        return new StatsConfig(null, null, null, null, null, null, null, null);
    }

    public static StatsConfig read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static StatsConfig parse(String json) {
        ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            return mapper.readValue(json, StatsConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("unknown key " + path(e) + " in the stats configuration", e);
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException bad ? bad : e;
            throw new IllegalArgumentException("bad value for " + path(e) + ": " + message(cause), e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the stats configuration is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String message(Throwable cause) {
        return cause instanceof JsonMappingException mapping ? mapping.getOriginalMessage() : cause.getMessage();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static <N extends Number & Comparable<N>> N requireInRange(String key, N value, long min, long max) {
        if (value.longValue() < min || value.longValue() > max) {
            throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", was " + value);
        }
        return value;
    }
}
