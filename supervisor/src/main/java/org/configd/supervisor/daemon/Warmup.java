package org.configd.supervisor.daemon;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import jnr.posix.POSIXFactory;
import org.apache.logging.log4j.LogManager;
import org.configd.protocol.MessageCodec;
import org.configd.protocol.Request;
import org.configd.supervisor.spawn.LibC;
import org.configd.supervisor.spawn.ProcessSignals;

/**
 * Start-up in parallel: most of configd's start is class loading and static initialisation (Log4j2's plugin
 * registry alone takes about half a second cold), and little of it depends on the configuration. While the
 * main thread reads the configuration, two threads initialise logging and the native pieces (Netty's epoll
 * transport, jnr's bindings, the JSON codec). Nothing here keeps state of its own: each library caches what
 * it initialised, and the main thread simply finds it done (or waits on the class-initialisation lock).
 */
final class Warmup {

    private Warmup() {}

    static void begin() {
        start("configd-warmup-log", () -> LogManager.getContext(false));
        start("configd-warmup-native", () -> {
            Epoll.ensureAvailability();
            EpollIoHandler.newFactory();
            load(MultiThreadIoEventLoopGroup.class, EpollDomainSocketChannel.class,
                    EpollServerDomainSocketChannel.class);
            MessageCodec.encode(Request.hello(0, "warmup"));
            load(LibC.class);
            POSIXFactory.getNativePOSIX().getuid();
            firstKill();
        });
    }

    /** Signal 0 to itself: the first kill(2) through jnr costs ~15 ms, better now than amid a shutdown. */
    private static void firstKill() {
        try {
            ProcessSignals.signalProcess((int) ProcessHandle.current().pid(), 0);
        } catch (java.io.IOException e) {
            // kill(self, 0) cannot fail; if it did, the real kill reports it.
        }
    }

    private static void load(Class<?>... classes) {
        for (Class<?> c : classes) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void start(String name, Runnable work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                // The main thread meets the same problem and reports it; a warm-up never fails on its own.
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }
}
