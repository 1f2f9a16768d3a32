package io.ottpulse.ingest;

import io.ottpulse.activity.event.EventLimits;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Configuration of the HTTP source connector and its tasks. */
public final class HttpSourceConfig extends AbstractConfig {

    public static final String TOPIC_CONFIG = "topic";
    public static final String TOPIC_DOC = "Topic valid events are written to, keyed by userId.";
    public static final String TOPIC_DEFAULT = "ott.activity";

    public static final String REJECTED_TOPIC_CONFIG = "rejected.topic";
    public static final String REJECTED_TOPIC_DOC =
            "Topic events failing validation are written to, with the raw event, every reason and the client id.";
    public static final String REJECTED_TOPIC_DEFAULT = "ott.activity.rejected";

    public static final String LISTENER_PORT_CONFIG = "listener.port";
    public static final String LISTENER_PORT_DOC =
            "Base HTTP port: task n listens on listener.port + n, unless listener.ports lists the ports.";
    public static final int LISTENER_PORT_DEFAULT = 18080;

    public static final String LISTENER_PORTS_CONFIG = "listener.ports";
    public static final String LISTENER_PORTS_DOC =
            "Explicit HTTP port per task (task n gets the n-th); when set, tasks.max may not exceed its length.";

    public static final String LISTENER_HOST_CONFIG = "listener.host";
    public static final String LISTENER_HOST_DOC = "Address the HTTP listeners bind to.";
    public static final String LISTENER_HOST_DEFAULT = "0.0.0.0";

    public static final String LISTENER_THREADS_CONFIG = "listener.threads";
    public static final String LISTENER_THREADS_DOC = "Event-loop threads per task's HTTP listener.";
    public static final int LISTENER_THREADS_DEFAULT = 1;

    public static final String LISTENER_BIND_TIMEOUT_MS_CONFIG = "listener.bind.timeout.ms";
    public static final String LISTENER_BIND_TIMEOUT_MS_DOC = "How long a starting task keeps trying to bind its port "
            + "while the port is taken before it fails. A task restarted on the same worker (after the worker lost "
            + "Kafka, for instance) can start while its previous instance, stuck on the unreachable broker, still "
            + "holds the port; that instance releases it once it gets to stop.";
    public static final long LISTENER_BIND_TIMEOUT_MS_DEFAULT = 120_000L;

    public static final String ADVERTISED_HOST_CONFIG = "advertised.host";
    public static final String ADVERTISED_HOST_DOC =
            "Host name registered in Eureka for clients to reach the tasks; defaults to this machine's host name.";

    public static final String EUREKA_URLS_CONFIG = "eureka.service.urls";
    public static final String EUREKA_URLS_DOC = "Comma-separated Eureka service URLs, e.g. "
            + "http://localhost:8761/eureka/. Empty: tasks run without registering.";
    public static final String EUREKA_URLS_DEFAULT = "";

    public static final String EUREKA_SERVICE_ID_CONFIG = "eureka.service.id";
    public static final String EUREKA_SERVICE_ID_DOC = "Service id the tasks register under; the gateway routes to it.";
    public static final String EUREKA_SERVICE_ID_DEFAULT = "activity-ingest";

    public static final String ACK_TIMEOUT_MS_CONFIG = "ack.timeout.ms";
    public static final String ACK_TIMEOUT_MS_DOC = "How long a request waits for Kafka to acknowledge all its events "
            + "before it is answered 503 with Retry-After (the client resends; eventId makes resends recognisable).";
    public static final long ACK_TIMEOUT_MS_DEFAULT = 10_000L;

    public static final String GATEWAY_TOKEN_CONFIG = "gateway.token";
    public static final String GATEWAY_TOKEN_DOC = "Shared secret the gateway sends in X-Gateway-Token; requests "
            + "without it are refused 401, so nothing bypasses the gateway. Empty: every request is accepted (only "
            + "for running without a gateway).";

    public static final String DRAIN_TIMEOUT_MS_CONFIG = "drain.timeout.ms";
    public static final String DRAIN_TIMEOUT_MS_DOC = "On stop, how long the task waits for Kafka to acknowledge the "
            + "records it already handed to Connect, so their requests get their answers; keep it below the "
            + "worker's task.shutdown.graceful.timeout.ms.";
    public static final long DRAIN_TIMEOUT_MS_DEFAULT = 3_000L;

    public static final String POLL_MAX_RECORDS_CONFIG = "poll.max.records";
    public static final String POLL_MAX_RECORDS_DOC = "Most records handed to Connect by one poll().";
    public static final int POLL_MAX_RECORDS_DEFAULT = 2_000;

    public static final String MAX_IN_FLIGHT_EVENTS_CONFIG = "max.in.flight.events";
    public static final String MAX_IN_FLIGHT_EVENTS_DOC = "Most events a task holds between accepting them and "
            + "Kafka's acknowledgement; requests that do not fit are answered 429 with Retry-After.";
    public static final long MAX_IN_FLIGHT_EVENTS_DEFAULT = 100_000L;

    public static final String MAX_IN_FLIGHT_BYTES_CONFIG = "max.in.flight.bytes";
    public static final String MAX_IN_FLIGHT_BYTES_DOC = "Most request bytes a task holds between accepting them and "
            + "Kafka's acknowledgement; requests that do not fit are answered 429 with Retry-After.";
    public static final long MAX_IN_FLIGHT_BYTES_DEFAULT = 64L * 1024 * 1024;

    public static final String MAX_REQUEST_BYTES_CONFIG = "max.request.bytes";
    public static final String MAX_REQUEST_BYTES_DOC = "Largest request body, after gzip decoding; larger: 413.";

    public static final String MAX_EVENT_BYTES_CONFIG = "max.event.bytes";
    public static final String MAX_EVENT_BYTES_DOC = "Largest single event in a request; larger: 413.";

    public static final String MAX_BATCH_EVENTS_CONFIG = "max.batch.events";
    public static final String MAX_BATCH_EVENTS_DOC = "Most events in one request; more: 413.";

    public static final String MAX_ID_LENGTH_CONFIG = "max.id.length";
    public static final String MAX_ID_LENGTH_DOC = "Longest id (eventId, userId, channelId...) or attribute name.";

    public static final String MAX_ATTRIBUTES_CONFIG = "max.attributes";
    public static final String MAX_ATTRIBUTES_DOC = "Most attributes per event.";

    public static final String MAX_ATTRIBUTE_VALUE_LENGTH_CONFIG = "max.attribute.value.length";
    public static final String MAX_ATTRIBUTE_VALUE_LENGTH_DOC = "Longest attribute value, in characters.";

    /** Set by the connector on each task's configuration: the task's number, from 0. */
    static final String TASK_ID_CONFIG = "task.id";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(TOPIC_CONFIG, Type.STRING, TOPIC_DEFAULT, new ConfigDef.NonEmptyString(), Importance.HIGH, TOPIC_DOC)
            .define(REJECTED_TOPIC_CONFIG, Type.STRING, REJECTED_TOPIC_DEFAULT, new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, REJECTED_TOPIC_DOC)
            .define(LISTENER_PORT_CONFIG, Type.INT, LISTENER_PORT_DEFAULT, Range.between(1, 65535), Importance.HIGH,
                    LISTENER_PORT_DOC)
            .define(LISTENER_PORTS_CONFIG, Type.LIST, List.of(), portList(), Importance.MEDIUM, LISTENER_PORTS_DOC)
            .define(LISTENER_HOST_CONFIG, Type.STRING, LISTENER_HOST_DEFAULT, new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, LISTENER_HOST_DOC)
            .define(LISTENER_THREADS_CONFIG, Type.INT, LISTENER_THREADS_DEFAULT, Range.between(1, 64),
                    Importance.LOW, LISTENER_THREADS_DOC)
            .define(LISTENER_BIND_TIMEOUT_MS_CONFIG, Type.LONG, LISTENER_BIND_TIMEOUT_MS_DEFAULT,
                    Range.between(0L, 600_000L), Importance.LOW, LISTENER_BIND_TIMEOUT_MS_DOC)
            .define(ADVERTISED_HOST_CONFIG, Type.STRING, "", Importance.MEDIUM, ADVERTISED_HOST_DOC)
            .define(EUREKA_URLS_CONFIG, Type.STRING, EUREKA_URLS_DEFAULT, Importance.HIGH, EUREKA_URLS_DOC)
            .define(EUREKA_SERVICE_ID_CONFIG, Type.STRING, EUREKA_SERVICE_ID_DEFAULT, new ConfigDef.NonEmptyString(),
                    Importance.MEDIUM, EUREKA_SERVICE_ID_DOC)
            .define(ACK_TIMEOUT_MS_CONFIG, Type.LONG, ACK_TIMEOUT_MS_DEFAULT, Range.between(100L, 600_000L),
                    Importance.MEDIUM, ACK_TIMEOUT_MS_DOC)
            .define(GATEWAY_TOKEN_CONFIG, Type.PASSWORD, "", Importance.HIGH, GATEWAY_TOKEN_DOC)
            .define(DRAIN_TIMEOUT_MS_CONFIG, Type.LONG, DRAIN_TIMEOUT_MS_DEFAULT, Range.between(0L, 60_000L),
                    Importance.LOW, DRAIN_TIMEOUT_MS_DOC)
            .define(POLL_MAX_RECORDS_CONFIG, Type.INT, POLL_MAX_RECORDS_DEFAULT, Range.atLeast(1), Importance.LOW,
                    POLL_MAX_RECORDS_DOC)
            .define(MAX_IN_FLIGHT_EVENTS_CONFIG, Type.LONG, MAX_IN_FLIGHT_EVENTS_DEFAULT, Range.atLeast(1L),
                    Importance.MEDIUM, MAX_IN_FLIGHT_EVENTS_DOC)
            .define(MAX_IN_FLIGHT_BYTES_CONFIG, Type.LONG, MAX_IN_FLIGHT_BYTES_DEFAULT, Range.atLeast(1024L),
                    Importance.MEDIUM, MAX_IN_FLIGHT_BYTES_DOC)
            .define(MAX_REQUEST_BYTES_CONFIG, Type.INT, EventLimits.DEFAULT_MAX_REQUEST_BYTES, Range.atLeast(1024),
                    Importance.MEDIUM, MAX_REQUEST_BYTES_DOC)
            .define(MAX_EVENT_BYTES_CONFIG, Type.INT, EventLimits.DEFAULT_MAX_EVENT_BYTES, Range.atLeast(256),
                    Importance.MEDIUM, MAX_EVENT_BYTES_DOC)
            .define(MAX_BATCH_EVENTS_CONFIG, Type.INT, EventLimits.DEFAULT_MAX_BATCH_EVENTS, Range.atLeast(1),
                    Importance.MEDIUM, MAX_BATCH_EVENTS_DOC)
            .define(MAX_ID_LENGTH_CONFIG, Type.INT, EventLimits.DEFAULT_MAX_ID_LENGTH, Range.atLeast(1),
                    Importance.LOW, MAX_ID_LENGTH_DOC)
            .define(MAX_ATTRIBUTES_CONFIG, Type.INT, EventLimits.DEFAULT_MAX_ATTRIBUTES, Range.atLeast(1),
                    Importance.LOW, MAX_ATTRIBUTES_DOC)
            .define(MAX_ATTRIBUTE_VALUE_LENGTH_CONFIG, Type.INT, EventLimits.DEFAULT_MAX_ATTRIBUTE_VALUE_LENGTH,
                    Range.atLeast(1), Importance.LOW, MAX_ATTRIBUTE_VALUE_LENGTH_DOC);

    public HttpSourceConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    public String topic() {
        return getString(TOPIC_CONFIG);
    }

    public String rejectedTopic() {
        return getString(REJECTED_TOPIC_CONFIG);
    }

    public String listenerHost() {
        return getString(LISTENER_HOST_CONFIG);
    }

    public int listenerThreads() {
        return getInt(LISTENER_THREADS_CONFIG);
    }

    public Duration listenerBindTimeout() {
        return Duration.ofMillis(getLong(LISTENER_BIND_TIMEOUT_MS_CONFIG));
    }

    /** The port of task {@code taskId}: the n-th of listener.ports, or listener.port + n. */
    public int portOf(int taskId) {
        List<String> ports = getList(LISTENER_PORTS_CONFIG);
        if (ports.isEmpty()) {
            return getInt(LISTENER_PORT_CONFIG) + taskId;
        }
        if (taskId >= ports.size()) {
            throw new ConfigException(LISTENER_PORTS_CONFIG, ports, "no port listed for task " + taskId);
        }
        return Integer.parseInt(ports.get(taskId).trim());
    }

    /** How many tasks the port configuration allows. */
    public int maxTasksByPorts() {
        List<String> ports = getList(LISTENER_PORTS_CONFIG);
        return ports.isEmpty() ? Integer.MAX_VALUE : ports.size();
    }

    public String advertisedHost() {
        String host = getString(ADVERTISED_HOST_CONFIG);
        if (!host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new ConfigException(ADVERTISED_HOST_CONFIG, host, "this machine's host name is unknown; set it");
        }
    }

    /** The Eureka URLs, or empty when the tasks run without registration. */
    public String eurekaUrls() {
        return getString(EUREKA_URLS_CONFIG).trim();
    }

    public String eurekaServiceId() {
        return getString(EUREKA_SERVICE_ID_CONFIG);
    }

    public Duration ackTimeout() {
        return Duration.ofMillis(getLong(ACK_TIMEOUT_MS_CONFIG));
    }

    public Password gatewayToken() {
        return getPassword(GATEWAY_TOKEN_CONFIG);
    }

    public Duration drainTimeout() {
        return Duration.ofMillis(getLong(DRAIN_TIMEOUT_MS_CONFIG));
    }

    public int pollMaxRecords() {
        return getInt(POLL_MAX_RECORDS_CONFIG);
    }

    public long maxInFlightEvents() {
        return getLong(MAX_IN_FLIGHT_EVENTS_CONFIG);
    }

    public long maxInFlightBytes() {
        return getLong(MAX_IN_FLIGHT_BYTES_CONFIG);
    }

    public EventLimits limits() {
        return new EventLimits(
                getInt(MAX_ID_LENGTH_CONFIG),
                getInt(MAX_ATTRIBUTES_CONFIG),
                getInt(MAX_ATTRIBUTE_VALUE_LENGTH_CONFIG),
                getInt(MAX_EVENT_BYTES_CONFIG),
                getInt(MAX_BATCH_EVENTS_CONFIG),
                getInt(MAX_REQUEST_BYTES_CONFIG));
    }

    int taskId() {
        return Integer.parseInt(originalsStrings().get(TASK_ID_CONFIG));
    }

    private static ConfigDef.Validator portList() {
        return (name, value) -> {
            for (Object port : (List<?>) value) {
                try {
                    int number = Integer.parseInt(port.toString().trim());
                    if (number < 1 || number > 65535) {
                        throw new ConfigException(name, value, "port " + number + " is outside 1-65535");
                    }
                } catch (NumberFormatException e) {
                    throw new ConfigException(name, value, "\"" + port + "\" is not a port number");
                }
            }
        };
    }
}
