package org.configd.supervisor.log;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;

/**
 * The last lines a component printed, kept as bytes in slots that are reused: every line passes through here, and
 * only the few asked for when the component has ended are ever decoded. Not thread-safe.
 */
final class LastLines {

    private final byte[][] slots;
    private final int[] lengths;
    /** The slot the next line goes to. */
    private int next;
    private int size;

    LastLines(int capacity) {
        slots = new byte[capacity][];
        lengths = new int[capacity];
    }

    void add(byte[] bytes, int offset, int length) {
        byte[] slot = slots[next];
        if (slot == null || slot.length < length) {
            slot = new byte[Math.max(length, 64)];
            slots[next] = slot;
        }
        System.arraycopy(bytes, offset, slot, 0, length);
        lengths[next] = length;
        next = (next + 1) % slots.length;
        size = Math.min(size + 1, slots.length);
    }

    /** The lines, oldest first, decoded (invalid UTF-8 replaced). */
    List<String> texts() {
        List<String> texts = new ArrayList<>(size);
        for (int i = size; i > 0; i--) {
            int slot = Math.floorMod(next - i, slots.length);
            texts.add(new String(slots[slot], 0, lengths[slot], UTF_8));
        }
        return texts;
    }
}
