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
 * The stats application's whole configuration, read from one JSON file. Every key has its default here (the shipped
 * {@code stats-topology.json} states them all, and a test keeps the two equal); an unknown key or a bad value stops
 * the start with a message naming the key.
 *
 * @param viewerTimeoutSeconds silence after which a viewer no longer counts, shared by every aggregation
 * @param gracePeriodSeconds how late (behind the viewer's newest event) an event may arrive and still be put in its
 *     place; later ones are counted and dropped
 * @param dedupWindowSeconds how long an eventId is remembered to drop a resent event
 * @param streams Kafka Streams settings passed through as they are (they win over the ones derived here)
 */
public record StatsConfig(
        String applicationId,
        String bootstrapServers,
        String inputTopic,
        String stateDir,
        long viewerTimeoutSeconds,
        long gracePeriodSeconds,
        long dedupWindowSeconds,
        Server server,
        Eureka eureka,
        ChannelLoad channelLoad,
        Preferences preferences,
        ChannelStats channelStats,
        TopChannels topChannels,
        Alerts alerts,
        RocksDb rocksdb,
        Map<String, String> streams) {

    public StatsConfig {
        applicationId = orDefault(applicationId, "ottpulse-stats");
        bootstrapServers = orDefault(bootstrapServers, "localhost:9092");
        inputTopic = orDefault(inputTopic, "ott.activity");
        stateDir = orDefault(stateDir, "data/stats");
        viewerTimeoutSeconds = positive("viewerTimeoutSeconds", viewerTimeoutSeconds, 300, 86_400);
        gracePeriodSeconds = positive("gracePeriodSeconds", gracePeriodSeconds, 5, 3_600);
        dedupWindowSeconds = positive("dedupWindowSeconds", dedupWindowSeconds, 600, 604_800);
        server = server == null ? new Server(null, 0, null) : server;
        eureka = eureka == null ? new Eureka(null, null) : eureka;
        channelLoad = channelLoad == null ? new ChannelLoad(null, 0, null) : channelLoad;
        preferences = preferences == null ? new Preferences(null, 0, 0, 0, null) : preferences;
        channelStats = channelStats == null ? new ChannelStats(null, 0, 0, 0, null) : channelStats;
        topChannels = topChannels == null ? new TopChannels(0) : topChannels;
        alerts = alerts == null ? new Alerts(null, 0, 0, 0, 0, 0, null) : alerts;
        rocksdb = rocksdb == null ? new RocksDb(0) : rocksdb;
        streams = streams == null ? Map.of() : Map.copyOf(streams);
    }

    public Duration viewerTimeout() {
        return Duration.ofSeconds(viewerTimeoutSeconds);
    }

    public Duration gracePeriod() {
        return Duration.ofSeconds(gracePeriodSeconds);
    }

    public Duration dedupWindow() {
        return Duration.ofSeconds(dedupWindowSeconds);
    }

    /** The REST API's listener, and the host other instances and Eureka reach it at. */
    public record Server(String host, int port, String advertisedHost) {
        public Server {
            host = orDefault(host, "0.0.0.0");
            port = (int) positive("server.port", port, 8090, 65535);
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

    /**
     * Concurrent viewers per channel.
     *
     * @param expiryIntervalMs how often (wall clock) viewers are checked: events that left the grace period settle,
     *     viewers silent for the timeout expire; also the resolution of those timers
     */
    public record ChannelLoad(Boolean enabled, long expiryIntervalMs, String outputTopic) {
        public ChannelLoad {
            enabled = enabled == null || enabled;
            expiryIntervalMs = positive("channelLoad.expiryIntervalMs", expiryIntervalMs, 1_000, 3_600_000);
            outputTopic = orDefault(outputTopic, "ott.channel-load");
        }

        public Duration expiryInterval() {
            return Duration.ofMillis(expiryIntervalMs);
        }
    }

    /** Each user's decayed watch time per channel, and the top of it with shares; disabled, none is kept. */
    public record Preferences(Boolean enabled, double halfLifeHours, int topN, int maxChannelsPerUser,
            String outputTopic) {
        public Preferences {
            enabled = enabled == null || enabled;
            halfLifeHours = halfLifeHours == 0 ? 168 : halfLifeHours;
            if (halfLifeHours < 0) {
                throw new IllegalArgumentException("preferences.halfLifeHours must be positive, was " + halfLifeHours);
            }
            topN = (int) positive("preferences.topN", topN, 5, 100);
            maxChannelsPerUser = (int) positive("preferences.maxChannelsPerUser", maxChannelsPerUser, 50, 10_000);
            outputTopic = orDefault(outputTopic, "ott.user-preferences");
        }

        public double halfLifeMs() {
            return halfLifeHours * 3_600_000;
        }
    }

    /** Per-minute (by default) channel statistics over event-time tumbling windows, final after their grace. */
    public record ChannelStats(Boolean enabled, long windowSeconds, long graceSeconds, long zapSeconds,
            String outputTopic) {
        public ChannelStats {
            enabled = enabled == null || enabled;
            windowSeconds = positive("channelStats.windowSeconds", windowSeconds, 60, 86_400);
            graceSeconds = positive("channelStats.graceSeconds", graceSeconds, 30, 86_400);
            zapSeconds = positive("channelStats.zapSeconds", zapSeconds, 10, 3_600);
            outputTopic = orDefault(outputTopic, "ott.channel-stats-1m");
        }
    }

    /** The global ranking of channels by current viewers. */
    public record TopChannels(int n) {
        public TopChannels {
            n = (int) positive("topChannels.n", n, 10, 1_000);
        }
    }

    /**
     * Viewer-drop alerts: a channel whose viewers fall to {@code 1 - dropRatio} of its baseline (the average of its
     * last {@code baselineMinutes} per-minute samples) with at least {@code minViewers} in the baseline. It is an
     * outage when at least {@code outageShare} of the viewers it lost left the platform, zapping otherwise.
     */
    public record Alerts(Boolean enabled, long evaluationIntervalSeconds, int baselineMinutes, int minViewers,
            double dropRatio, double outageShare, String outputTopic) {
        public Alerts {
            enabled = enabled == null || enabled;
            evaluationIntervalSeconds = positive("alerts.evaluationIntervalSeconds", evaluationIntervalSeconds, 10,
                    3_600);
            baselineMinutes = (int) positive("alerts.baselineMinutes", baselineMinutes, 10, 1_440);
            minViewers = (int) positive("alerts.minViewers", minViewers, 25, 100_000_000);
            dropRatio = fraction("alerts.dropRatio", dropRatio, 0.5);
            outageShare = fraction("alerts.outageShare", outageShare, 0.5);
            outputTopic = orDefault(outputTopic, "ott.alerts");
        }
    }

    /** Bound on RocksDB's off-heap memory (block cache and memtables of every store of this instance). */
    public record RocksDb(long memoryMb) {
        public RocksDb {
            memoryMb = positive("rocksdb.memoryMb", memoryMb, 128, 1_048_576);
        }
    }

    /** The configuration with every default, as if read from {@code {}}. */
    public static StatsConfig defaults() {
        return parse("{}");
    }

    public static StatsConfig read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static StatsConfig parse(String json) {
        ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
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

    /** The value, or the default when absent (0); a value outside 1..max stops the start. */
    private static long positive(String key, long value, long fallback, long max) {
        if (value == 0) {
            return fallback;
        }
        if (value < 1 || value > max) {
            throw new IllegalArgumentException(key + " must be between 1 and " + max + ", was " + value);
        }
        return value;
    }

    private static double fraction(String key, double value, double fallback) {
        if (value == 0) {
            return fallback;
        }
        if (value <= 0 || value >= 1) {
            throw new IllegalArgumentException(key + " must be between 0 and 1 (exclusive), was " + value);
        }
        return value;
    }
}
