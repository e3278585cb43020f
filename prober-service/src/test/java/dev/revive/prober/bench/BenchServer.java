package dev.revive.prober.bench;

import java.nio.charset.StandardCharsets;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.ReferenceCountUtil;

/**
 * The benchmark's loopback web server, in its own JVM so the harness's process CPU time is the prober's alone.
 * Deliberately cheap, so it is not what limits the figures: raw Netty (epoll when it loads, 2 event loops), one
 * prebuilt response (status line, headers and a 330-byte page in one direct buffer) written for every request head
 * it sees (a blank line), closed after the write when the request says {@code Connection: close}, kept open else.
 * No HTTP parsing beyond that. Serves {@code ports} consecutive ports of 127.0.0.1 from the given base, prints
 * READY, and exits when its standard input closes.
 */
public final class BenchServer {

    private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    public static void main(String[] args) throws Exception {
        int base = Integer.parseInt(args[0]);
        int ports = Integer.parseInt(args[1]);
        String page = "<html><body>" + "ok ".repeat(100) + "</body></html>";
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + page.length() + "\r\n\r\n" + page)
                .getBytes(StandardCharsets.ISO_8859_1);
        ByteBuf response = Unpooled.unreleasableBuffer(Unpooled.directBuffer(head.length).writeBytes(head));
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = epoll ? new EpollEventLoopGroup(2) : new NioEventLoopGroup(2);
        ServerBootstrap b = new ServerBootstrap().group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new Responder(response));
        for (int i = 0; i < ports; i++) {
            b.bind("127.0.0.1", base + i).sync();
        }
        System.out.println("READY " + (epoll ? "epoll" : "nio"));
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the harness goes away
        }
        System.exit(0);
    }

    /** Answers each request head with the prebuilt response; shared by all connections (it keeps no state of its own). */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class Responder extends ChannelInboundHandlerAdapter {
        private final ByteBuf response;

        Responder(ByteBuf response) {
            this.response = response;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                // Requests are small and come in one read on loopback; a head split across reads is not needed here.
                int heads = 0;
                boolean close = false;
                for (int i = in.readerIndex(); i <= in.writerIndex() - END_OF_HEAD.length; i++) {
                    if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r' && in.getByte(i + 3) == '\n') {
                        heads++;
                    }
                }
                if (heads > 0) {
                    close = in.toString(StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT).contains("connection: close");
                }
                for (int h = 0; h < heads; h++) {
                    ctx.write(response.duplicate());
                }
                if (heads > 0) {
                    var f = ctx.writeAndFlush(Unpooled.EMPTY_BUFFER);
                    if (close) {
                        f.addListener(ChannelFutureListener.CLOSE);
                    }
                }
            } finally {
                ReferenceCountUtil.release(in);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private BenchServer() {
    }
}
