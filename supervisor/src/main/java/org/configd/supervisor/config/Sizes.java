package org.configd.supervisor.config;

/** Writes a byte count the way an operator writes it in HOCON: {@code 16k}, {@code 1M}, {@code 300 bytes}. */
final class Sizes {

    private static final long KIB = 1024;

    private Sizes() {
    }

    static String render(long bytes) {
        String[] units = {"G", "M", "k"};
        long[] factors = {KIB * KIB * KIB, KIB * KIB, KIB};
        for (int i = 0; i < units.length; i++) {
            if (bytes >= factors[i] && bytes % factors[i] == 0) {
                return bytes / factors[i] + units[i];
            }
        }
        return bytes + " bytes";
    }
}
