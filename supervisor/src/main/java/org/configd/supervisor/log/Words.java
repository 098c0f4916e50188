package org.configd.supervisor.log;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Tests on eight bytes at once, read as one {@code long} (SWAR): the log loop looks at every byte a component prints
 * for a line break, and nearly all of them are text. A test says exactly whether some byte of the word matches (a
 * borrow may mark a byte above a match as well, never a word without one), so a word that passes needs no further
 * look, and one that fails is looked at byte by byte. The split of a 16 KiB read of short lines took a quarter less
 * time this way (LogPathBenchmarks, benchmarks/README.md).
 */
final class Words {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Words() {}

    /** The eight bytes from {@code bytes[offset]} on; the caller checks that there are eight. */
    static long at(byte[] bytes, int offset) {
        return (long) LONGS.get(bytes, offset);
    }

    /** Whether one of the eight bytes is {@code \n} or {@code \r}. */
    static boolean hasLineBreak(long word) {
        return (hasZero(word ^ ONES * '\n') | hasZero(word ^ ONES * '\r')) != 0;
    }

    /** Non-zero when one of the eight bytes is zero. */
    private static long hasZero(long word) {
        return (word - ONES) & ~word & HIGHS;
    }
}
