package org.configd.supervisor.spawn;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * NUL-terminated UTF-8 strings and NULL-terminated string arrays in native memory, for {@link LibC}.
 *
 * <p>Trap: the memory is freed when the returned {@link Pointer} is garbage collected: a caller keeps every pointer
 * it made reachable ({@link java.lang.ref.Reference#reachabilityFence}) until the native call has returned. An
 * array is one block holding its table and its strings, so its one pointer is all there is to keep.
 */
final class CStrings {

    private CStrings() {
    }

    static Pointer of(String value) {
        byte[] bytes = bytes(value);
        Pointer memory = Memory.allocateDirect(LibC.RUNTIME, bytes.length + 1, true);
        memory.put(0, bytes, 0, bytes.length);
        return memory;
    }

    private static byte[] bytes(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a string passed to the C library contains a NUL character: "
                    + value.replace('\0', '?'));
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A native array of pointers to {@code values}, followed by NULL, in one block with the strings (one allocation
     * per array: a spawn passes a dozen strings, and each of jnr's allocations is a malloc and a finalizable object).
     */
    static Pointer array(List<String> values) {
        int slot = LibC.RUNTIME.addressSize();
        long table = (long) slot * (values.size() + 1);
        byte[][] strings = new byte[values.size()][];
        long size = table;
        for (int i = 0; i < strings.length; i++) {
            strings[i] = bytes(values.get(i));
            size += strings[i].length + 1;
        }
        Pointer block = Memory.allocateDirect(LibC.RUNTIME, size, true);
        long offset = table;
        for (int i = 0; i < strings.length; i++) {
            block.put(offset, strings[i], 0, strings[i].length);
            block.putAddress((long) i * slot, block.address() + offset);
            offset += strings[i].length + 1; // the NUL is there: the block is cleared
        }
        return block;
    }
}
