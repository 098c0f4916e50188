package org.configd.supervisor.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The pid file, held under an exclusive lock for the daemon's whole life. The lock (not the file's
 * existence) says whether a configd runs: a file left by a crashed run is simply taken over. It is taken
 * before anything is bound, because binding a UNIX socket replaces whatever socket file was there — a
 * second daemon that bound first would silently steal the first one's sockets.
 */
final class PidFile implements AutoCloseable {

    /** Another configd holds the lock. */
    static final class AlreadyRunning extends Exception {
        private static final long serialVersionUID = 1L;

        AlreadyRunning(String message) {
            super(message, null, false, false);
        }
    }

    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;

    private PidFile(Path path, FileChannel channel, FileLock lock) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code path} and writes this process's pid into it. */
    static PidFile lock(Path path) throws IOException, AlreadyRunning {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String other = readPid(channel);
            channel.close();
            throw new AlreadyRunning("another configd" + (other.isEmpty() ? "" : " (pid " + other + ")")
                    + " is already running with the pid file " + path
                    + "; stop it first, or give this one another run-dir");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        channel.force(false);
        return new PidFile(path, channel, lock);
    }

    private static String readPid(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        channel.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
    }

    Path path() {
        return path;
    }

    /** Removes the file while still holding the lock, so a daemon starting right now never loses its own file. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(path);
        } finally {
            lock.release();
            channel.close();
        }
    }
}
