package org.configd.supervisor.ipc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.PeerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.configd.protocol.ErrorCode;
import org.configd.protocol.Response;
import org.configd.protocol.SocketKind;
import org.configd.supervisor.spawn.TmpDirs;

/**
 * configd's three kinds of connections on Netty's epoll transport: the public info socket, the root-only
 * control socket, and one pre-opened channel per component process. All carry the same protocol through
 * the same pipeline: frames with limits, JSON messages, then the per-connection {@link RequestHandler}.
 */
public final class IpcServer implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(IpcServer.class);

    /** The limits that protect configd from its clients. */
    public record Limits(int maxFrameSize, int maxInfoConnections, Duration frameTimeout) {}

    private final EventLoopGroup group;
    private final Limits limits;
    private final Operations operations;
    private final Authorizer authorizer;
    private final MessageEncoder encoder = new MessageEncoder();
    private final AtomicInteger infoConnections = new AtomicInteger();
    private final ConnectionLimit connectionLimit = new ConnectionLimit();
    private final List<Channel> listeners = new ArrayList<>();
    private final List<Path> socketFiles = new ArrayList<>();

    public IpcServer(EventLoopGroup group, Limits limits, Operations operations, Authorizer authorizer) {
        this.group = group;
        this.limits = limits;
        this.operations = operations;
        this.authorizer = authorizer;
    }

    /** Binds the info socket (0666: anyone may read). */
    public void listenInfo(Path path) throws IOException, InterruptedException {
        listen(path, SocketKind.INFO, PosixFilePermissions.fromString("rw-rw-rw-"), Optional.empty());
    }

    /** Binds the control socket: 0600, or 0660 with the admin group as its group. */
    public void listenControl(Path path, Optional<GroupPrincipal> adminGroup) throws IOException, InterruptedException {
        listen(path, SocketKind.CONTROL, PosixFilePermissions.fromString(adminGroup.isPresent() ? "rw-rw----" : "rw-------"),
                adminGroup);
    }

    /**
     * Binds inside a fresh private directory, sets mode and group there, then renames the socket into place:
     * the path is never visible with a wider mode, no process-wide umask is touched, and a stale socket file
     * from a crashed run is replaced atomically.
     */
    private void listen(Path path, SocketKind kind, Set<PosixFilePermission> mode, Optional<GroupPrincipal> group)
            throws IOException, InterruptedException {
        // A short fixed name: a socket path may not exceed 107 bytes. Only the holder of the pid-file lock binds.
        Path privateDir = path.resolveSibling(".bind");
        Path bound = privateDir.resolve(path.getFileName());
        TmpDirs.remove(privateDir); // with whatever a configd killed while binding left in it
        Files.createDirectory(privateDir,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            ChannelFuture bind = new ServerBootstrap()
                    .group(this.group)
                    .channel(EpollServerDomainSocketChannel.class)
                    .childHandler(initializer(kind))
                    .bind(new DomainSocketAddress(bound.toString()))
                    .await();
            if (!bind.isSuccess()) {
                throw new IOException("cannot listen on " + path + ": " + bind.cause().getMessage(), bind.cause());
            }
            Files.setPosixFilePermissions(bound, mode);
            if (group.isPresent()) {
                Files.setAttribute(bound, "posix:group", group.get());
            }
            Files.move(bound, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            listeners.add(bind.channel());
            socketFiles.add(path);
        } finally {
            Files.deleteIfExists(bound);
            Files.deleteIfExists(privateDir);
        }
    }

    private ChannelInitializer<EpollDomainSocketChannel> initializer(SocketKind kind) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(EpollDomainSocketChannel ch) throws IOException {
                PeerCredentials cred = ch.peerCredentials();
                Peer peer = new Peer(cred.pid(), cred.uid(), cred.gids().length > 0 ? cred.gids()[0] : -1);
                boolean authorized = kind == SocketKind.CONTROL && authorizer.mayControl(peer);
                Connection connection = new Connection(kind, peer, authorized, Optional.empty(), ch);
                ChannelPipeline p = codec(ch);
                if (kind == SocketKind.INFO) {
                    p.addLast(connectionLimit);
                }
                p.addLast(new RequestHandler(connection, operations, authorizer));
            }
        };
    }

    /**
     * Takes over the parent's end of a component's socketpair (already non-blocking and close-on-exec) as a
     * component channel; the peer is identified by construction.
     */
    public Channel attachComponent(int fd, ComponentIdentity identity) {
        EpollDomainSocketChannel ch = new EpollDomainSocketChannel(fd);
        Connection connection = new Connection(SocketKind.COMPONENT, new Peer(identity.pid(), -1, -1), true,
                Optional.of(identity), ch);
        codec(ch).addLast(new RequestHandler(connection, operations, authorizer));
        group.register(ch);
        return ch;
    }

    private ChannelPipeline codec(Channel ch) {
        return ch.pipeline()
                .addLast(new FrameDecoder(limits.maxFrameSize(), limits.frameTimeout()))
                .addLast(encoder)
                .addLast(new MessageDecoder());
    }

    /** Turns away info connections above the limit with one error frame, counting the others. */
    @ChannelHandler.Sharable
    private final class ConnectionLimit extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (infoConnections.incrementAndGet() > limits.maxInfoConnections()) {
                LOG.warn("info socket: refused a connection, {} are open (limit {}: configd.limits.max-info-connections)",
                        limits.maxInfoConnections(), limits.maxInfoConnections());
                ErrorAndClose.send(ctx.channel(), Response.error(null, ErrorCode.TOO_MANY_CONNECTIONS,
                        "configd serves at most " + limits.maxInfoConnections()
                                + " info connections at once; try again later"));
                return;
            }
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            infoConnections.decrementAndGet();
            super.channelInactive(ctx);
        }
    }

    /** Closes the listeners and removes the socket files (Netty deletes only the path it bound). */
    @Override
    public void close() {
        for (Channel ch : listeners) {
            ch.close().awaitUninterruptibly();
        }
        for (Path p : socketFiles) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("cannot remove the socket file {}: {}", p, e.getMessage());
            }
        }
    }
}
