package io.ottpulse.ingest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.ottpulse.activity.event.FieldError;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One task's HTTP listener: Netty, HTTP/1.1 with keep-alive, gzip request bodies, bounded request size. */
final class IngestServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestServer.class);
    private static final long BIND_RETRY_MS = 250;
    private static final long OVERSIZED_LINGER_MS = 2_000;
    private static final String KEEP_ALIVE_HANDLER = "keep-alive";

    private final EventLoopGroup group;
    private final Channel channel;

    private IngestServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Binds and starts serving. While the port is taken it retries for up to {@code bindTimeout}, then fails with a
     * message naming the port.
     */
    static IngestServer start(String host, int port, int threads, int maxRequestBytes, IngestHandler handler,
            String threadPrefix, Duration bindTimeout) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads,
                new DefaultThreadFactory(threadPrefix, true), NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(KEEP_ALIVE_HANDLER, new HttpServerKeepAliveHandler())
                                .addLast(new HttpContentDecompressor())
                                .addLast(new BoundedAggregator(maxRequestBytes))
                                .addLast(handler);
                    }
                });
        try {
            return new IngestServer(group, bindWhenFree(bootstrap, new InetSocketAddress(host, port), bindTimeout));
        } catch (Exception e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof BindException) {
                throw new ConnectException("cannot listen on " + host + ":" + port + ": port " + port
                        + " is already in use (waited " + bindTimeout.toMillis() + " ms for it)", e);
            }
            throw new ConnectException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    private static Channel bindWhenFree(ServerBootstrap bootstrap, InetSocketAddress address, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean warned = false;
        while (true) {
            try {
                return bootstrap.bind(address).sync().channel();
            } catch (Exception e) {
                if (!(e instanceof BindException) || System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                if (!warned) {
                    log.warn("Port {} is taken; retrying for up to {} ms (a previous instance of this task may still "
                            + "be stopping)", address.getPort(), timeout.toMillis());
                    warned = true;
                }
                Thread.sleep(BIND_RETRY_MS);
            }
        }
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting, closes every connection and ends the listener's threads. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * Aggregates request bodies up to the limit, answering a larger one 413 with a JSON body. Closing at once would
     * reset a client still sending the body, and the reset discards the 413 before the client reads it; so the answer
     * is followed by a half-close while the aggregator discards the rest of the body, and the connection closes when
     * the client closes it or after {@link #OVERSIZED_LINGER_MS}.
     */
    private static final class BoundedAggregator extends HttpObjectAggregator {
        private final int maxRequestBytes;

        BoundedAggregator(int maxRequestBytes) {
            super(maxRequestBytes);
            this.maxRequestBytes = maxRequestBytes;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            FullHttpResponse response = IngestHandler.toHttp(IngestResponse.error(413, "request_too_large",
                    new FieldError("body", "larger than the limit of " + maxRequestBytes + " bytes")));
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            SocketChannel channel = (SocketChannel) ctx.channel();
            // Written past the keep-alive handler, which would close the connection as soon as the answer is out.
            ctx.pipeline().context(KEEP_ALIVE_HANDLER).writeAndFlush(response).addListener(written -> {
                channel.shutdownOutput();
                channel.eventLoop().schedule(() -> channel.close(), OVERSIZED_LINGER_MS, TimeUnit.MILLISECONDS);
            });
        }
    }
}
