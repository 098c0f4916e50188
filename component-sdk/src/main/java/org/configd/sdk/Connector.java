package org.configd.sdk;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import jnr.unixsocket.UnixSocketAddress;
import jnr.unixsocket.UnixSocketChannel;
import org.configd.protocol.Event;
import org.configd.protocol.Request;

/**
 * Makes {@link Configd} connections: a component's over its inherited descriptor, with the SIGHUP handler, the
 * reload thread and exit 1 when the channel breaks; a tool's over configd's info or control socket, without them.
 */
final class Connector {

    private Connector() {
    }

    /** A component's connection over the descriptor {@code CONFIGD_FD} names. */
    static Configd component(String client, Map<String, String> env, Exiter exiter, Log log) {
        String fd = env.get(Configd.ENV_FD);
        int number = -1;
        try {
            number = fd == null ? -1 : Integer.parseInt(fd.trim());
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        if (number < 0) {
            String why = (fd == null ? Configd.ENV_FD + " is not set"
                    : Configd.ENV_FD + " is \"" + fd + "\", not a descriptor")
                    + ": this program is a configd component and talks to configd on a descriptor configd opens for"
                    + " it; add it to components { } in configd's configuration and let configd start it";
            log.error(why);
            exiter.exit(Exit.PROTOCOL_ERROR);
            throw new IllegalStateException(why);
        }
        UnixSocketChannel channel = UnixSocketChannel.fromFD(number);
        try {
            // The descriptor's own mode wins over what a fresh channel object believes; toggling sets it for sure.
            channel.configureBlocking(false);
            channel.configureBlocking(true);
        } catch (IOException | RuntimeException e) {
            // not a socket at all: the first read says so, as a lost channel
        }
        return overChannel(channel, "the component channel (fd " + number + ")", client, env, exiter, log,
                Sighup::handle);
    }

    /**
     * A component's connection over {@code channel}; the seam the SDK's tests use with a socket pair.
     *
     * @param sighup installs its argument as the SIGHUP handler; false when it cannot
     */
    static Configd overChannel(SocketChannel channel, String name, String client, Map<String, String> env,
                               Exiter exiter, Log log, Predicate<Runnable> sighup) {
        Reloader reloader = new Reloader(exiter, log);
        if (!sighup.test(reloader::signal)) {
            log.warning("cannot handle SIGHUP in this JVM (is it run with -Xrs?); I will reload on configd's"
                    + " reload event only, and a SIGHUP will end me");
        }
        CountDownLatch lossReported = new CountDownLatch(1);
        Connection connection = Connection.open(channel, name, reason -> {
            log.error(reason + "; exiting with status 1");
            lossReported.countDown();
            exiter.exit(Exit.PROTOCOL_ERROR);
        });
        connection.onEvent(event -> {
            if (Event.RELOAD.equals(event.event())) {
                reloader.signal();
            }
        });
        try {
            ObjectNode hello = hello(connection, client);
            String component = hello.path("component").asText(env.getOrDefault(Configd.ENV_COMPONENT, "component"));
            Configd configd = new Configd(connection, client, component, reloader, env, exiter, log, lossReported);
            reloader.start(configd.ownSettings(), configd::ownSettings);
            return configd;
        } catch (ConfigdException e) {
            if (connection.isLost()) {
                awaitQuietly(lossReported);
            } else {
                log.error("configd refused to serve me on " + name + ": " + e.getMessage() + "; exiting with status 1");
            }
            exiter.exit(Exit.PROTOCOL_ERROR);
            throw e;
        }
    }

    /** A tool's connection to configd's info or control socket at {@code socket}. */
    static Configd socket(Path socket, String client) {
        Objects.requireNonNull(socket, "socket");
        if (!Files.exists(socket)) {
            throw new ConfigdException(ConfigdException.UNREACHABLE, "configd is not running: " + socket
                    + " does not exist (set CONFIGD_RUN_DIR to configd's run directory if it is elsewhere)");
        }
        UnixSocketChannel channel;
        try {
            channel = UnixSocketChannel.open(new UnixSocketAddress(new File(socket.toString())));
        } catch (IOException e) {
            throw new ConfigdException(ConfigdException.UNREACHABLE, "cannot connect to configd at " + socket + ": "
                    + e.getMessage() + " (is configd running, and may this user use the socket?)");
        }
        Connection connection = Connection.open(channel, "the connection to " + socket, reason -> { });
        try {
            hello(connection, client);
        } catch (ConfigdException e) {
            connection.close();
            throw e;
        }
        return new Configd(connection, client, null, null, System.getenv(), Exiter.SYSTEM, Log.stderr(),
                new CountDownLatch(0));
    }

    /**
     * Waits until the connection's loss is on stderr. Trap: the thread that noticed the loss writes that line and
     * exits; another thread that exits first could end the process before the line is written.
     */
    static void awaitQuietly(CountDownLatch reported) {
        try {
            reported.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode hello(Connection connection, String client) {
        Request hello = Request.hello(0, Objects.requireNonNull(client, "client"));
        return connection.call(hello.op(), hello.args());
    }
}
