package io.ottpulse.bench.http;

import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One request the benchmark clients send over and over: a body is sent as JSON. */
public record HttpTarget(URI uri, HttpMethod method, byte[] body, Map<String, String> headers) {

    public static HttpTarget post(String url, String jsonBody, Map<String, String> headers) {
        return new HttpTarget(URI.create(url), HttpMethod.POST, jsonBody.getBytes(StandardCharsets.UTF_8), headers);
    }

    public static HttpTarget get(String url, Map<String, String> headers) {
        return new HttpTarget(URI.create(url), HttpMethod.GET, new byte[0], headers);
    }
}
