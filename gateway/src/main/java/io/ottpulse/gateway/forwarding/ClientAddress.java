package io.ottpulse.gateway.forwarding;

import java.net.InetSocketAddress;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address of the caller: the peer of the connection. The gateway is the edge (behind at most a TCP balancer),
 * so a client-sent {@code X-Forwarded-For} is never believed.
 */
public final class ClientAddress {

    private static final String UNKNOWN = "unknown";

    private ClientAddress() {
    }

    public static String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null || remote.getAddress() == null) {
            return UNKNOWN;
        }
        return remote.getAddress().getHostAddress();
    }
}
