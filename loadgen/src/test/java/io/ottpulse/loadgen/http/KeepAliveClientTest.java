package io.ottpulse.loadgen.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
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
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeepAliveClientTest {

    /** Each request is answered by what it became: its status and body, or the failure's name. */
    private static final class Answers implements KeepAliveClient.Answer {
        final BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();

        @Override
        public void response(int status, byte[] body) {
            outcomes.add(status + " " + new String(body, StandardCharsets.UTF_8));
        }

        @Override
        public void failure(Throwable cause) {
            outcomes.add(cause.getClass().getSimpleName());
        }

        String next() throws InterruptedException {
            String outcome = outcomes.poll(60, TimeUnit.SECONDS);
            assertThat(outcome).as("an answer").isNotNull();
            return outcome;
        }
    }

    @Test
    void reusesAtMostTheBoundOfConnectionsAndAnswersEveryRequest() throws Exception {
        List<String> headersSeen = new CopyOnWriteArrayList<>();
        AtomicInteger connections = new AtomicInteger();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            connections.incrementAndGet();
                            channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                    new SimpleChannelInboundHandler<FullHttpRequest>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                            headersSeen.add(request.headers().get("X-Api-Key"));
                                            byte[] body = request.content().toString(StandardCharsets.UTF_8)
                                                    .getBytes(StandardCharsets.UTF_8);
                                            DefaultFullHttpResponse response = new DefaultFullHttpResponse(
                                                    HttpVersion.HTTP_1_1, HttpResponseStatus.ACCEPTED,
                                                    Unpooled.wrappedBuffer(body));
                                            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                                            ctx.writeAndFlush(response);
                                        }
                                    });
                        }
                    }).bind(new InetSocketAddress("localhost", 0)).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            Answers answers = new Answers();
            try (KeepAliveClient client = new KeepAliveClient(URI.create("http://localhost:" + port),
                    Map.of("X-Api-Key", "k"), 2, Duration.ofSeconds(30))) {
                for (int i = 0; i < 200; i++) {
                    client.send(HttpMethod.POST, "/v1/events", ("[" + i + "]").getBytes(StandardCharsets.UTF_8),
                            answers);
                }
                List<String> outcomes = new java.util.ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    outcomes.add(answers.next());
                }
                assertThat(outcomes).hasSize(200).allMatch(outcome -> outcome.matches("202 \\[\\d+]"));
                assertThat(outcomes).doesNotHaveDuplicates();
            }
            assertThat(connections.get()).isBetween(1, 2);
            assertThat(headersSeen).hasSize(200).containsOnly("k");
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void aRefusedConnectionIsAnsweredAsAConnectException() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        Answers answers = new Answers();
        try (KeepAliveClient client = new KeepAliveClient(URI.create("http://localhost:" + port), Map.of(), 4,
                Duration.ofSeconds(30))) {
            for (int i = 0; i < 3; i++) {
                client.send(HttpMethod.POST, "/v1/events", new byte[] {'[', ']'}, answers);
            }
            assertThat(List.of(answers.next(), answers.next(), answers.next())).containsOnly("ConnectException");
        }
    }

    @Test
    void aRequestWithoutAnswerIsAnsweredAsATimeoutAndItsConnectionDropped() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Answers answers = new Answers();
            try (KeepAliveClient client = new KeepAliveClient(URI.create("http://localhost:" + silent.getLocalPort()),
                    Map.of(), 1, Duration.ofMillis(300))) {
                client.send(HttpMethod.GET, "/", new byte[0], answers);
                client.send(HttpMethod.GET, "/", new byte[0], answers);
                assertThat(List.of(answers.next(), answers.next())).containsOnly("HttpTimeoutException");
            }
        }
    }
}
