package io.ottpulse.bench.ingest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.ottpulse.activity.event.EventBatchParser;
import io.ottpulse.activity.event.EventLimits;
import io.ottpulse.activity.event.InvalidRequestException;
import io.ottpulse.bench.http.HttpTarget;
import io.ottpulse.bench.http.Wrk;
import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Which HTTP server the ingest tasks run on: Netty and Undertow, each with one I/O thread (a task's default), doing
 * the same work per request (read the body, parse and validate it, answer 202), driven by wrk in turns in the same
 * run. Run: {@code java -cp bench/target/bench.jar io.ottpulse.bench.ingest.HttpServerChoice [seconds]}.
 */
public final class HttpServerChoice {

    private static final EventBatchParser PARSER = new EventBatchParser(EventLimits.DEFAULTS);

    private HttpServerChoice() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int nettyPort = freePort();
        int undertowPort = freePort();
        EventLoopGroup netty = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel nettyChannel = startNetty(netty, nettyPort);
        Undertow undertow = startUndertow(undertowPort);
        try {
            // Warm both up (JIT) before anything is measured.
            wrk(nettyPort, SampleEvents.batch(10), 16, 5);
            wrk(undertowPort, SampleEvents.batch(10), 16, 5);
            for (String[] load : new String[][] {{"single event", SampleEvents.batch(1), "64"},
                    {"batch of 100", SampleEvents.batch(100), "16"}}) {
                for (int round = 1; round <= 2; round++) {
                    Wrk.Result nettyResult = wrk(nettyPort, load[1], Integer.parseInt(load[2]), seconds);
                    Wrk.Result undertowResult = wrk(undertowPort, load[1], Integer.parseInt(load[2]), seconds);
                    System.out.printf("%s, round %d%n  netty    %s%n  undertow %s%n  netty/undertow throughput %.2f%n",
                            load[0], round, nettyResult, undertowResult,
                            nettyResult.requestsPerSecond() / undertowResult.requestsPerSecond());
                }
            }
        } finally {
            nettyChannel.close().syncUninterruptibly();
            netty.shutdownGracefully().syncUninterruptibly();
            undertow.stop();
        }
    }

    private static Wrk.Result wrk(int port, String body, int connections, int seconds) throws Exception {
        return Wrk.run(HttpTarget.post("http://localhost:" + port + "/v1/events", body, Map.of()), 1, connections,
                seconds);
    }

    private static String answer(byte[] body) {
        try {
            return "{\"accepted\":" + PARSER.parse(body).accepted().size() + "}";
        } catch (InvalidRequestException e) {
            return "{\"error\":\"" + e.reason() + "\"}";
        }
    }

    private static Channel startNetty(EventLoopGroup group, int port) throws InterruptedException {
        return new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpServerKeepAliveHandler(),
                                new HttpObjectAggregator(EventLimits.DEFAULT_MAX_REQUEST_BYTES),
                                new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                        byte[] body = answer(ByteBufUtil.getBytes(request.content()))
                                                .getBytes(StandardCharsets.UTF_8);
                                        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                HttpResponseStatus.ACCEPTED, Unpooled.wrappedBuffer(body));
                                        response.headers().set(HttpHeaderNames.CONTENT_TYPE,
                                                HttpHeaderValues.APPLICATION_JSON).setInt(
                                                HttpHeaderNames.CONTENT_LENGTH, body.length);
                                        ctx.writeAndFlush(response);
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        ctx.close();
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress("localhost", port)).sync().channel();
    }

    private static Undertow startUndertow(int port) {
        Undertow server = Undertow.builder()
                .addHttpListener(port, "localhost")
                .setIoThreads(1)
                .setWorkerThreads(1)
                .setHandler(exchange -> exchange.getRequestReceiver().receiveFullBytes((done, body) -> {
                    done.setStatusCode(202);
                    done.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                    done.getResponseSender().send(answer(body));
                }))
                .build();
        server.start();
        return server;
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
