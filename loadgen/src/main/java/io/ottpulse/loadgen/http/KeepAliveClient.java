package io.ottpulse.loadgen.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
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
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A lean HTTP/1.1 client for load generation: keep-alive connections to one host, one request in flight on each, all
 * connection work on one event-loop thread. A request takes an idle connection, or a new one up to
 * {@code maxConnections}, or waits for the next free one, oldest first. Each request is answered exactly once: with
 * the response, or with why there was none: the connection failed or was lost (the exception), or no answer came
 * within the request timeout ({@link HttpTimeoutException}, counted from the call to {@link #send}).
 * <p>
 * Loadgen's sender used the JDK's {@code HttpClient} before: this costs 0.31x its CPU per request (loadgen README,
 * "CPU per request"), which on a shared machine is CPU left to the system under test.
 */
public final class KeepAliveClient implements AutoCloseable {

    /** What became of a request; called on the client's event-loop thread, so it must not block. */
    public interface Answer {
        void response(int status, byte[] body);

        void failure(Throwable cause);
    }

    private static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final Map<String, String> headers;
    private final int maxConnections;
    private final long timeoutNanos;
    // Touched on the event loop only.
    private final Deque<Channel> idle = new ArrayDeque<>();
    private final Deque<Pending> waiting = new ArrayDeque<>();
    private int open;
    private int connecting;

    /**
     * @param target scheme, host and port of the server (the path is given per request)
     * @param headers sent with every request
     */
    public KeepAliveClient(URI target, Map<String, String> headers, int maxConnections, Duration requestTimeout) {
        this.host = target.getHost();
        this.port = target.getPort() > 0 ? target.getPort() : 80;
        this.headers = Map.copyOf(headers);
        this.maxConnections = maxConnections;
        this.timeoutNanos = requestTimeout.toNanos();
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("keep-alive-client", true),
                NioIoHandler.newFactory());
        this.loop = group.next();
        this.bootstrap = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(requestTimeout.toMillis(), 5_000))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(),
                                new HttpObjectAggregator(MAX_RESPONSE_BYTES), new Exchange());
                    }
                });
    }

    /**
     * Sends a request (from any thread) and returns at once; {@code answer} is told of its outcome.
     *
     * @param pathAndQuery the request target, e.g. {@code /v1/events}
     * @param body sent as JSON when not empty
     */
    public void send(HttpMethod method, String pathAndQuery, byte[] body, Answer answer) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, pathAndQuery,
                Unpooled.wrappedBuffer(body));
        request.headers()
                .set(HttpHeaderNames.HOST, host + ":" + port)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (body.length > 0) {
            request.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        headers.forEach(request.headers()::set);
        Pending pending = new Pending(request, answer);
        loop.execute(() -> dispatch(pending));
    }

    private void dispatch(Pending pending) {
        pending.timer = loop.schedule(pending::timedOut, timeoutNanos, TimeUnit.NANOSECONDS);
        Channel channel = idle.pollFirst();
        if (channel != null) {
            channel.pipeline().get(Exchange.class).start(pending);
        } else {
            waiting.addLast(pending);
            connectIfShort();
        }
    }

    /** Opens a connection when more requests wait than connections are being opened, within the bound. */
    private void connectIfShort() {
        if (waiting.size() <= connecting || open >= maxConnections) {
            return;
        }
        open++;
        connecting++;
        bootstrap.connect(host, port).addListener((ChannelFuture connected) -> {
            connecting--;
            if (connected.isSuccess()) {
                free(connected.channel());
            } else {
                open--;
                Pending first = waiting.pollFirst();
                if (first != null) {
                    first.fail(connected.cause());
                }
                connectIfShort();
            }
        });
    }

    /** A connection is free: it takes the oldest waiting request, or waits itself. */
    private void free(Channel channel) {
        if (!channel.isActive()) {
            return;
        }
        Pending next = waiting.pollFirst();
        if (next == null) {
            idle.addLast(channel);
        } else {
            channel.pipeline().get(Exchange.class).start(next);
        }
    }

    /** Closes every connection; requests still unanswered are not answered. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Netty annotates a refused connection with the address; the name stays the JDK's. */
    private static Throwable plain(Throwable cause) {
        return cause instanceof ConnectException && cause.getClass() != ConnectException.class
                ? new ConnectException(cause.getMessage()) : cause;
    }

    /** One request until it is answered. */
    private final class Pending {

        final FullHttpRequest request;
        final Answer answer;
        ScheduledFuture<?> timer;
        /** The connection carrying it; null while it waits for one. */
        Exchange exchange;
        boolean answered;

        Pending(FullHttpRequest request, Answer answer) {
            this.request = request;
            this.answer = answer;
        }

        void respond(int status, byte[] body) {
            if (!answered) {
                answered = true;
                timer.cancel(false);
                answer.response(status, body);
            }
        }

        void fail(Throwable cause) {
            if (!answered) {
                answered = true;
                timer.cancel(false);
                answer.failure(plain(cause));
            }
        }

        /** Its connection cannot be reused: an answer may still come on it, for this request. */
        void timedOut() {
            if (exchange == null) {
                waiting.remove(this);
            } else {
                exchange.abandon();
            }
            fail(new HttpTimeoutException("no answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
        }
    }

    /** One connection's request and answer, one at a time. */
    private final class Exchange extends SimpleChannelInboundHandler<FullHttpResponse> {

        private Channel channel;
        private Pending current;
        private Throwable lastFailure;

        void start(Pending pending) {
            current = pending;
            pending.exchange = this;
            channel.writeAndFlush(pending.request).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }

        void abandon() {
            current = null;
            channel.close();
        }

        // Not channelActive: the connect listener hands the connection its first request before that event.
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            channel = ctx.channel();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            Pending answered = current;
            current = null;
            if (answered != null) {
                answered.respond(response.status().code(), ByteBufUtil.getBytes(response.content()));
            }
            if (HttpUtil.isKeepAlive(response)) {
                free(ctx.channel());
            } else {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            lastFailure = cause;
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            open--;
            idle.remove(ctx.channel());
            Pending lost = current;
            current = null;
            if (lost != null) {
                lost.fail(lastFailure != null ? lastFailure : new ClosedChannelException());
            }
            connectIfShort();
        }
    }
}
