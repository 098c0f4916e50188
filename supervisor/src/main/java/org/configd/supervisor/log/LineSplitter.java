package org.configd.supervisor.log;

/**
 * Cuts the bytes a component prints into lines: bytes in, lines out, no I/O.
 *
 * <ul>
 *   <li>A line ends at {@code \n}; a {@code \r} right before it is dropped. Empty lines are kept.</li>
 *   <li>A line longer than {@code maxLineLength} bytes is cut into several pieces of at most that many bytes,
 *       never inside a UTF-8 sequence; every piece after the first is reported as a continuation, so that the
 *       caller can give it the level of the first piece.</li>
 *   <li>Bytes are passed on as they came: invalid UTF-8 is the reader's to replace.</li>
 *   <li>The bytes after the last {@code \n} are only a line once {@link #finish} says the output has ended.</li>
 * </ul>
 *
 * Not thread-safe: one splitter per output, used by the thread that reads it.
 */
final class LineSplitter {

    /** Receives each line, or each piece of an overlong line. */
    interface Sink {
        /**
         * @param bytes        holds the line's bytes, without its line ending; only valid during the call
         * @param offset       where the line starts in {@code bytes}
         * @param length       how many bytes it has
         * @param continuation whether this piece continues the line of the previous piece (an overlong line)
         */
        void line(byte[] bytes, int offset, int length, boolean continuation);
    }

    private static final byte[] CR = {'\r'};

    /** The longest UTF-8 sequence is 4 bytes: a smaller limit could not always hold one. */
    static final int MIN_LINE_LENGTH = 4;

    /** Grows up to {@code maxLineLength} as long lines come: most components never print a long line. */
    private byte[] line;
    private final int maxLineLength;
    private int length;
    private boolean continuation;
    /**
     * A {@code \r} that has been read but not yet stored: it is dropped when {@code \n} follows, and becomes part of
     * the text otherwise. Holding it back also keeps it from ending a piece of an overlong line right before
     * {@code \n}.
     */
    private boolean carriageReturn;

    /** @param maxLineLength how many bytes a line may have before it is cut; at least {@value #MIN_LINE_LENGTH} */
    LineSplitter(int maxLineLength) {
        if (maxLineLength < MIN_LINE_LENGTH) {
            throw new IllegalArgumentException(
                    "maxLineLength is " + maxLineLength + ": it must be at least " + MIN_LINE_LENGTH + " bytes.");
        }
        this.maxLineLength = maxLineLength;
        this.line = new byte[Math.min(maxLineLength, 256)];
    }

    /**
     * Splits {@code count} bytes from {@code bytes[offset]} on, reporting every line they complete. Runs of ordinary
     * bytes are found first, eight at a time ({@link Words}), and copied in bulk; a whole line inside {@code bytes} is
     * reported where it lies, without a copy. (Byte by byte, this copying was a third of the log loop's time under a
     * fast writer.)
     */
    void feed(byte[] bytes, int offset, int count, Sink sink) {
        int i = offset;
        int end = offset + count;
        while (i < end) {
            byte b = bytes[i];
            if (carriageReturn && b != '\n' && b != '\r') {
                carriageReturn = false; // a \r not followed by \n is text
                append(CR, 0, 1, sink);
            }
            if (b == '\n' || b == '\r') {
                lineBreak(b, sink);
                i++;
                continue;
            }
            int run = i + 1;
            while (end - run >= Long.BYTES && !Words.hasLineBreak(Words.at(bytes, run))) {
                run += Long.BYTES;
            }
            while (run < end && bytes[run] != '\n' && bytes[run] != '\r') {
                run++;
            }
            if (length == 0 && run < end && bytes[run] == '\n' && run - i <= maxLineLength) {
                sink.line(bytes, i, run - i, continuation);
                continuation = false;
                i = run + 1;
            } else {
                append(bytes, i, run - i, sink);
                i = run;
            }
        }
    }

    private void lineBreak(byte b, Sink sink) {
        if (b == '\n') {
            carriageReturn = false;
            emit(length, sink);
            length = 0;
            continuation = false;
        } else {
            if (carriageReturn) {
                append(CR, 0, 1, sink);
            }
            carriageReturn = true;
        }
    }

    /** The output has ended: reports the last line even though no {@code \n} ended it. */
    void finish(Sink sink) {
        if (length > 0 || carriageReturn) {
            emit(length, sink);
        }
        length = 0;
        continuation = false;
        carriageReturn = false;
    }

    /** Shows {@code sink} the bytes read after the last complete line, if there are any; they stay pending. */
    void pending(Sink sink) {
        if (length > 0) {
            sink.line(line, 0, length, continuation);
        }
    }

    private void append(byte[] bytes, int from, int count, Sink sink) {
        while (count > 0) {
            if (length == line.length) {
                if (line.length < maxLineLength) {
                    line = java.util.Arrays.copyOf(line, Math.min(maxLineLength, line.length * 2));
                } else {
                    cut(sink);
                }
            }
            int n = Math.min(count, line.length - length);
            System.arraycopy(bytes, from, line, length, n);
            length += n;
            from += n;
            count -= n;
        }
    }

    /** The buffer is full and the line goes on: report a piece, keeping an unfinished UTF-8 sequence for the next. */
    private void cut(Sink sink) {
        int carried = unfinishedSequenceLength();
        emit(length - carried, sink);
        System.arraycopy(line, length - carried, line, 0, carried);
        length = carried;
        continuation = true;
    }

    /** How many bytes at the end of the buffer begin a UTF-8 sequence that the buffer does not complete (0 to 3). */
    private int unfinishedSequenceLength() {
        for (int back = 1; back <= Math.min(3, length); back++) {
            int b = line[length - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // a continuation byte: its lead byte is further back
            }
            int sequenceLength = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return sequenceLength > back ? back : 0;
        }
        return 0; // only continuation bytes: invalid anyway, and decoding replaces them
    }

    private void emit(int count, Sink sink) {
        sink.line(line, 0, count, continuation);
    }
}
