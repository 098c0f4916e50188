package org.configd.supervisor.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.logging.log4j.Level;
import org.configd.supervisor.cli.Configctl.UsageException;
import org.configd.supervisor.config.LogFormat;
import org.configd.supervisor.log.LogRecord;
import org.configd.supervisor.log.LogRecordFormat;
import org.configd.supervisor.log.LogRecordParser;

/**
 * {@code configctl log}: the unified log, oldest record first, filtered, from every file of it (the rotated ones,
 * compressed or not, then the live one), or followed as it grows. Either format of the file is read, and printed
 * as text, or as JSON lines with {@code --json}.
 *
 * <p>Without {@code -n} the records stream straight through (the log may be large); with {@code -n N} the files
 * are read newest first and only until N records passed the filter.
 */
public final class LogCommand {

    static final String USAGE = "log [-n N] [-f] [--component NAME]... [--level LEVEL] [--since TIME] "
            + "[--until TIME] [--json] [--file PATH | --config FILE]";
    /** How many records {@code -f} shows before following, as {@code tail -f} does. */
    private static final int FOLLOW_LINES = 10;

    private final PrintStream out;
    private final PrintStream err;
    private final LogLocation location;
    private final Clock clock;
    private final Duration pollInterval;

    private final boolean json;

    /**
     * @param location     where the log file is found
     * @param json         {@code configctl --json} was given
     * @param clock        now, for relative times, and the zone records are printed in
     * @param pollInterval how often {@code -f} looks for new lines
     */
    public LogCommand(PrintStream out, PrintStream err, LogLocation location, boolean json, Clock clock,
            Duration pollInterval) {
        this.out = out;
        this.err = err;
        this.location = location;
        this.json = json;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    /** The command as configctl runs it: the system clock and zone, a poll every quarter second. */
    static LogCommand forConfigctl(PrintStream out, PrintStream err, Path runDir, Map<String, String> env,
            boolean json) {
        return new LogCommand(out, err, new LogLocation(runDir, env, LogLocation.DEFAULT_CONFIG), json,
                Clock.systemDefaultZone(), Duration.ofMillis(250));
    }

    /** Runs {@code configctl log ARGS}; with {@code -f} until the thread is interrupted or stdout closes. */
    public int run(List<String> argv) throws UsageException {
        Request request = parse(argv);
        Path file;
        try {
            file = location.find();
        } catch (LogLocation.NotFound e) {
            err.println("configctl: " + e.getMessage());
            return e.exitCode;
        }
        try {
            return read(file, request);
        } catch (AccessDeniedException e) {
            err.println("configctl: cannot read " + e.getFile() + ": permission denied; run configctl log as root"
                    + " or as a user who may read the log");
            return Configctl.NO_PRIVILEGE;
        } catch (IOException e) {
            err.println("configctl: cannot read the log " + file + ": " + e.getMessage());
            return Configctl.DAEMON_ERROR;
        }
    }

    /** What the command line asks for; {@code lines} is null for every record. */
    private record Request(LogFilter filter, Integer lines, boolean follow, boolean json) {}

    private Request parse(List<String> argv) throws UsageException {
        Deque<String> args = new ArrayDeque<>(argv);
        Set<String> sources = new HashSet<>();
        Level level = null;
        Instant since = null;
        Instant until = null;
        Integer lines = null;
        boolean follow = false;
        boolean asJson = json;
        while (!args.isEmpty()) {
            String option = args.pop();
            switch (option) {
                case "-n", "--lines" -> lines = count(option, value(option, args));
                case "-f", "--follow" -> follow = true;
                case "--json" -> asJson = true;
                case "--component" -> sources.add(value(option, args));
                case "--level" -> level = LogFilter.level(value(option, args));
                case "--since" -> since = LogTimes.parse(option, value(option, args), clock);
                case "--until" -> until = LogTimes.parse(option, value(option, args), clock);
                case "--file" -> location.file(Path.of(value(option, args)));
                case "--config" -> location.config(Path.of(value(option, args)));
                default -> throw new UsageException("unknown log option '" + option + "'; usage: configctl " + USAGE);
            }
        }
        if (follow && lines == null) {
            lines = FOLLOW_LINES;
        }
        return new Request(new LogFilter(sources, level, since, until), lines, follow, asJson);
    }

    private int read(Path file, Request request) throws IOException {
        LogPrinter printer = new LogPrinter(out, LogRecordFormat.of(request.json() ? LogFormat.JSON : LogFormat.TEXT,
                clock.getZone()));
        try (LiveLogFile live = new LiveLogFile(file)) {
            List<Path> rotated = RotatedLogFiles.oldestFirst(file);
            if (!live.exists() && rotated.isEmpty() && !request.follow()) {
                err.println("configctl: the log " + file + " does not exist (yet); configd creates it when it starts"
                        + " (configd.log.file)");
                return Configctl.DAEMON_ERROR;
            }
            if (request.lines() == null) {
                stream(rotated, live, request.filter(), printer);
            } else {
                tail(request.lines(), rotated, live, request.filter(), printer);
            }
            printer.flush();
            if (request.follow()) {
                follow(live, request.filter(), printer);
            }
            return Configctl.OK;
        }
    }

    /** Every record that passes, oldest first, printed as it is read. */
    private void stream(List<Path> rotated, LiveLogFile live, LogFilter filter, LogPrinter printer)
            throws IOException {
        Consumer<LogRecord> print = r -> {
            if (filter.matches(r)) {
                printer.print(r);
            }
        };
        for (Path p : rotated) {
            if (filter.mayMatchFileWrittenAt(Files.getLastModifiedTime(p))) {
                readFile(p, print);
            }
        }
        LogRecordParser parser = new LogRecordParser(print);
        live.readLines(parser::line);
        parser.flush();
    }

    /** The last {@code n} records that pass, reading the newest file first and no further back than needed. */
    private void tail(int n, List<Path> rotated, LiveLogFile live, LogFilter filter, LogPrinter printer)
            throws IOException {
        List<Deque<LogRecord>> newestFirst = new ArrayList<>();
        int found = 0;
        Deque<LogRecord> newest = lastOf(n, filter);
        LogRecordParser parser = new LogRecordParser(newest::add);
        live.readLines(parser::line);
        parser.flush();
        newestFirst.add(newest);
        found += newest.size();
        for (int i = rotated.size() - 1; i >= 0 && found < n; i--) {
            Path p = rotated.get(i);
            if (!filter.mayMatchFileWrittenAt(Files.getLastModifiedTime(p))) {
                break; // older files were written earlier still
            }
            Deque<LogRecord> records = lastOf(n - found, filter);
            readFile(p, records::add);
            newestFirst.add(records);
            found += records.size();
        }
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            newestFirst.get(i).forEach(printer::print);
        }
    }

    /** A deque that keeps only the last {@code n} records that pass the filter. */
    private static Deque<LogRecord> lastOf(int n, LogFilter filter) {
        return new ArrayDeque<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean add(LogRecord r) {
                if (n == 0 || !filter.matches(r)) {
                    return false;
                }
                if (size() == n) {
                    removeFirst();
                }
                return super.add(r);
            }
        };
    }

    /**
     * Prints records as they are appended, across rotations, until the thread is interrupted or stdout is gone.
     * A record is handed on once the file has stopped growing, so that the error lines written after it in the
     * text format are still attached to it.
     */
    private void follow(LiveLogFile live, LogFilter filter, LogPrinter printer) throws IOException {
        LogRecordParser parser = new LogRecordParser(r -> {
            if (filter.matches(r)) {
                printer.print(r);
            }
        });
        try {
            while (!Thread.currentThread().isInterrupted() && !out.checkError()) {
                if (!live.readLines(parser::line)) {
                    parser.flush();
                    printer.flush();
                    LockSupport.parkNanos(pollInterval.toNanos());
                }
            }
        } catch (ClosedByInterruptException stopped) {
            // The interrupt that ends -f came while the file was being read (NIO closes the channel then): a stop,
            // not a read error.
        }
    }

    private static void readFile(Path p, Consumer<LogRecord> records) throws IOException {
        LogRecordParser parser = new LogRecordParser(records);
        try (BufferedReader reader = RotatedLogFiles.open(p)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                parser.line(line);
            }
        }
        parser.flush();
    }

    private static String value(String option, Deque<String> args) throws UsageException {
        if (args.isEmpty()) {
            throw new UsageException(option + " needs a value; usage: configctl " + USAGE);
        }
        return args.pop();
    }

    private static int count(String option, String text) throws UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the sentence below says what is wanted
        }
        throw new UsageException(option + " '" + text + "' is not a number of records; use 0 or more");
    }

    /** Prints records in the chosen format; configctl's stdout is buffered, {@link #flush} writes a batch out. */
    private static final class LogPrinter {
        private final PrintStream out;
        private final LogRecordFormat format;

        LogPrinter(PrintStream out, LogRecordFormat format) {
            this.out = out;
            this.format = format;
        }

        void print(LogRecord r) {
            out.print(format.format(r));
        }

        void flush() {
            out.flush();
        }
    }
}
