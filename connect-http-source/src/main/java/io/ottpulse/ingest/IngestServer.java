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
import io.netty.handler.codec.http.HttpContentDecompressor;
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
                                .addLast(new HttpServerKeepAliveHandler())
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

    /** Aggregates request bodies up to the limit, answering a larger one 413 with a JSON body. */
    private static final class BoundedAggregator extends HttpObjectAggregator {
        private final int maxRequestBytes;

        BoundedAggregator(int maxRequestBytes) {
            super(maxRequestBytes);
            this.maxRequestBytes = maxRequestBytes;
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            IngestHandler.respond(ctx, false, IngestResponse.error(413, "request_too_large",
                    new FieldError("body", "larger than the limit of " + maxRequestBytes + " bytes")));
        }
    }
}
