package io.ottpulse.gateway.transport;

import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.TransportConfig;

/**
 * Upstream connections pooled per event loop. The gateway's server and client share Reactor Netty's event loops,
 * and a new upstream connection is made on the loop that asks for it (Reactor Netty's colocation); but one shared
 * pool hands any idle connection to any loop, so with two loops about half the requests hop threads twice (request
 * out on the other loop, response back), each hop a task handed over and a sleeping loop woken. A pool per loop keeps
 * a request, its upstream connection and its response on one thread. Requests made from other threads (none on the
 * normal path) share one more pool.
 */
final class EventLoopLocalConnectionProvider implements ConnectionProvider {

    private final Supplier<ConnectionProvider> pools;
    private final ConnectionProvider shared;
    private final ConcurrentMap<Thread, ConnectionProvider> byEventLoop = new ConcurrentHashMap<>();

    EventLoopLocalConnectionProvider(Supplier<ConnectionProvider> pools) {
        this.pools = pools;
        this.shared = pools.get();
    }

    @Override
    public Mono<? extends Connection> acquire(TransportConfig config, ConnectionObserver observer,
            Supplier<? extends SocketAddress> remoteAddress, AddressResolverGroup<?> resolverGroup) {
        return Mono.defer(() -> poolOfCurrentThread().acquire(config, observer, remoteAddress, resolverGroup));
    }

    /** Netty's event-loop threads are {@link FastThreadLocalThread}s; there are as many as configured loops. */
    private ConnectionProvider poolOfCurrentThread() {
        Thread thread = Thread.currentThread();
        if (!(thread instanceof FastThreadLocalThread)) {
            return shared;
        }
        ConnectionProvider pool = byEventLoop.get(thread);
        return pool != null ? pool : byEventLoop.computeIfAbsent(thread, loop -> pools.get());
    }

    @Override
    public void disposeWhen(SocketAddress address) {
        all().forEach(pool -> pool.disposeWhen(address));
    }

    @Override
    public Mono<Void> disposeLater() {
        return Flux.fromIterable(all()).flatMap(ConnectionProvider::disposeLater).then();
    }

    @Override
    public boolean isDisposed() {
        return shared.isDisposed();
    }

    @Override
    public int maxConnections() {
        return shared.maxConnections();
    }

    @Override
    public String name() {
        return shared.name();
    }

    private List<ConnectionProvider> all() {
        List<ConnectionProvider> all = new ArrayList<>(byEventLoop.values());
        all.add(shared);
        return all;
    }
}
