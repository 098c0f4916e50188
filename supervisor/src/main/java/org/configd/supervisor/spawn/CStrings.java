package org.configd.supervisor.spawn;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jnr.ffi.Memory;
import jnr.ffi.Pointer;

/**
 * NUL-terminated UTF-8 strings and NULL-terminated string arrays in native memory, for {@link LibC}.
 *
 * <p>Trap: the memory is freed when the returned {@link Pointer} is garbage collected, and an array does not keep
 * its strings reachable on its own: a caller keeps every pointer it made in a local variable until the native call
 * has returned ({@link #array} returns the strings too for that reason).
 */
final class CStrings {

    private CStrings() {
    }

    /** A native array of pointers to {@code values}, followed by NULL, plus the strings it points to. */
    record Array(Pointer pointer, List<Pointer> strings) {
    }

    static Pointer of(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a string passed to the C library contains a NUL character: "
                    + value.replace('\0', '?'));
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Pointer memory = Memory.allocateDirect(LibC.RUNTIME, bytes.length + 1, true);
        memory.put(0, bytes, 0, bytes.length);
        return memory;
    }

    static Array array(List<String> values) {
        int slot = LibC.RUNTIME.addressSize();
        Pointer array = Memory.allocateDirect(LibC.RUNTIME, (long) slot * (values.size() + 1), true);
        List<Pointer> strings = values.stream().map(CStrings::of).toList();
        for (int i = 0; i < strings.size(); i++) {
            array.putPointer((long) i * slot, strings.get(i));
        }
        return new Array(array, strings);
    }
}
