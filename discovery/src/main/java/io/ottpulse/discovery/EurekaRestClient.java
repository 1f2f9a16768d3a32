package io.ottpulse.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The four calls of Eureka's REST API an instance needs. Plain {@link HttpURLConnection}: no client threads to
 * outlive the registration, and none of the Jersey/Archaius baggage of the Netflix client.
 */
final class EurekaRestClient {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int TIMEOUT_MS = 3_000;

    private final EurekaSettings settings;

    EurekaRestClient(EurekaSettings settings) {
        this.settings = settings;
    }

    /** Registers (or re-registers) the instance with the given status. */
    void register(EurekaInstance instance, EurekaStatus status) throws IOException {
        byte[] body = registrationJson(instance, status, settings);
        expect(send("POST", "apps/" + instance.appName(), body), 204, "register");
    }

    /** Renews the lease; false when Eureka no longer knows the instance and it must register again. */
    boolean renew(EurekaInstance instance) throws IOException {
        int code = send("PUT", instancePath(instance), null);
        if (code == 404) {
            return false;
        }
        expect(code, 200, "renew");
        return true;
    }

    /**
     * Sets the status through Eureka's override API, which (unlike a re-registration) wins over the status the
     * instance registered with. UP removes the override.
     */
    void overrideStatus(EurekaInstance instance, EurekaStatus status) throws IOException {
        String path = instancePath(instance) + "/status?value=" + status.name();
        int code = send(status == EurekaStatus.UP ? "DELETE" : "PUT", path, null);
        expect(code, 200, "status " + status);
    }

    void cancel(EurekaInstance instance) throws IOException {
        int code = send("DELETE", instancePath(instance), null);
        if (code != 404) {
            expect(code, 200, "cancel");
        }
    }

    private static String instancePath(EurekaInstance instance) {
        return "apps/" + instance.appName() + "/" + instance.instanceId();
    }

    /** Sends to each service URL in turn until one answers; returns its status code. */
    private int send(String method, String path, byte[] body) throws IOException {
        IOException last = null;
        for (URI serviceUrl : settings.serviceUrls()) {
            try {
                return sendTo(serviceUrl.resolve(path), method, body);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static int sendTo(URI uri, String method, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout(TIMEOUT_MS);
            connection.setReadTimeout(TIMEOUT_MS);
            connection.setRequestProperty("Accept", "application/json");
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            int code = connection.getResponseCode();
            drain(code < 400 ? connection.getInputStream() : connection.getErrorStream());
            return code;
        } finally {
            connection.disconnect();
        }
    }

    private static void drain(InputStream in) throws IOException {
        if (in != null) {
            try (in) {
                in.readAllBytes();
            }
        }
    }

    private static void expect(int actual, int expected, String call) throws IOException {
        if (actual != expected) {
            throw new IOException("Eureka answered " + actual + " to " + call + ", expected " + expected);
        }
    }

    /** Eureka counts leases in whole seconds: rounded up, never 0 (which it would replace by its defaults). */
    private static long wholeSeconds(Duration duration) {
        long seconds = duration.toSeconds();
        return Math.max(1, duration.equals(Duration.ofSeconds(seconds)) ? seconds : seconds + 1);
    }

    static byte[] registrationJson(EurekaInstance instance, EurekaStatus status, EurekaSettings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("instance");
            json.writeStringField("instanceId", instance.instanceId());
            json.writeStringField("hostName", instance.host());
            json.writeStringField("app", instance.appName());
            json.writeStringField("ipAddr", instance.host());
            json.writeStringField("vipAddress", instance.serviceId());
            json.writeStringField("secureVipAddress", instance.serviceId());
            json.writeStringField("status", status.name());
            json.writeObjectFieldStart("port");
            json.writeNumberField("$", instance.port());
            json.writeStringField("@enabled", "true");
            json.writeEndObject();
            json.writeObjectFieldStart("securePort");
            json.writeNumberField("$", 443);
            json.writeStringField("@enabled", "false");
            json.writeEndObject();
            json.writeStringField("homePageUrl", instance.baseUrl() + "/");
            json.writeStringField("statusPageUrl", instance.baseUrl() + instance.healthPath());
            json.writeStringField("healthCheckUrl", instance.baseUrl() + instance.healthPath());
            json.writeObjectFieldStart("dataCenterInfo");
            json.writeStringField("@class", "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo");
            json.writeStringField("name", "MyOwn");
            json.writeEndObject();
            // Without a lease the registry applies its default 90 s, keeping a crashed instance listed for minutes.
            json.writeObjectFieldStart("leaseInfo");
            json.writeNumberField("renewalIntervalInSecs", wholeSeconds(settings.renewalInterval()));
            json.writeNumberField("durationInSecs", wholeSeconds(settings.leaseDuration()));
            json.writeEndObject();
            json.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> entry : instance.metadata().entrySet()) {
                json.writeStringField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
