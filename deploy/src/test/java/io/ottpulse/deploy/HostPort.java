package io.ottpulse.deploy;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/** A host and port as services name each other: {@code kafka-1:9092}, or taken from a URL. */
record HostPort(String host, int port) {

    static HostPort parse(String hostAndPort) {
        String trimmed = hostAndPort.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not host:port: " + hostAndPort);
        }
        return new HostPort(trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1)));
    }

    /** {@code a:1,b:2} as a list. */
    static List<HostPort> parseList(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(HostPort::parse).toList();
    }

    /** The host and port of a URL, which must name its port. */
    static HostPort ofUrl(String url) {
        URI uri = URI.create(url.trim());
        if (uri.getHost() == null || uri.getPort() < 0) {
            throw new IllegalArgumentException("URL without host or port: " + url);
        }
        return new HostPort(uri.getHost(), uri.getPort());
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
