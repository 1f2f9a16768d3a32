package io.ottpulse.bench.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An open-model load generator: requests are due at a fixed rate whatever the server does, and each latency is
 * measured from when the request was due, not from when a connection was free to send it, so a stall shows in
 * full (no coordinated omission). HTTP/1.1 keep-alive connections, one request in flight on each; a due request
 * takes an idle connection, or a new one up to the limit, or waits its turn (the wait counts).
 * All connection work happens on one event-loop thread; a scheduler thread only says when requests are due.
 */
public final class OpenLoadClient implements AutoCloseable {

    /** What happened. */
    public record Result(Histogram latencyMicros, long sent, long errors, double achievedPerSecond) {
    }

    /** When the request now in flight on a connection was due. */
    private static final AttributeKey<Long> DUE = AttributeKey.valueOf("due");

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoop loop = group.next();
    private final int maxConnections;

    public OpenLoadClient(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public Result run(HttpTarget target, int perSecond, int seconds) throws InterruptedException, ExecutionException {
        Run run = new Run(target);
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long total = (long) perSecond * seconds;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            loop.execute(() -> run.due(due));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (run.completed.get() < total && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        loop.submit(run::closeAll).sync();
        Histogram copy = loop.submit(() -> run.latency.copy()).get();
        return new Result(copy, total, run.errors.get() + (total - run.completed.get()), run.completed.get() / elapsed);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One measured run; every field but the counters is touched on the event loop only. */
    private final class Run {

        final HttpTarget target;
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        final Deque<Channel> idle = new ArrayDeque<>();
        final Deque<Long> waiting = new ArrayDeque<>();
        final AtomicLong completed = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final Bootstrap bootstrap;
        int open;

        Run(HttpTarget target) {
            this.target = target;
            this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1024 * 1024),
                                    new Responses());
                        }
                    });
        }

        void due(long dueAt) {
            Channel channel = idle.pollFirst();
            if (channel != null) {
                send(channel, dueAt);
                return;
            }
            waiting.addLast(dueAt);
            if (open < maxConnections) {
                open++;
                bootstrap.connect(target.uri().getHost(), target.uri().getPort()).addListener(connected -> {
                    if (connected.isSuccess()) {
                        ready(((ChannelFuture) connected).channel());
                    } else {
                        open--;
                        fail(waiting.pollFirst());
                    }
                });
            }
        }

        /** A connection is free: it takes the oldest waiting request, or waits itself. */
        void ready(Channel channel) {
            Long dueAt = waiting.pollFirst();
            if (dueAt == null) {
                idle.addLast(channel);
            } else {
                send(channel, dueAt);
            }
        }

        void send(Channel channel, long dueAt) {
            channel.attr(DUE).set(dueAt);
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, target.method(),
                    target.uri().getRawPath() + (target.uri().getRawQuery() == null ? "" : "?" + target.uri().getRawQuery()),
                    Unpooled.wrappedBuffer(target.body()));
            request.headers()
                    .set(HttpHeaderNames.HOST, target.uri().getHost() + ":" + target.uri().getPort())
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, target.body().length);
            if (target.body().length > 0) {
                request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            }
            target.headers().forEach(request.headers()::set);
            channel.writeAndFlush(request);
        }

        void fail(Long dueAt) {
            if (dueAt != null) {
                errors.incrementAndGet();
                completed.incrementAndGet();
            }
        }

        void closeAll() {
            idle.forEach(Channel::close);
            idle.clear();
        }

        private final class Responses extends SimpleChannelInboundHandler<FullHttpResponse> {

            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
                Long dueAt = ctx.channel().attr(DUE).getAndSet(null);
                if (dueAt != null) {
                    latency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - dueAt)));
                    if (response.status().code() >= 400) {
                        errors.incrementAndGet();
                    }
                    completed.incrementAndGet();
                }
                ready(ctx.channel());
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                open--;
                idle.remove(ctx.channel());
                fail(ctx.channel().attr(DUE).getAndSet(null));
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        }
    }
}
