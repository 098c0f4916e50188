package org.configd.supervisor.config;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Wording helpers for problems: a did-you-mean for a misspelt key, and "a, b or c". */
final class Suggestions {

    private static final int MAX_TYPOS = 2;

    private Suggestions() {
    }

    /** The known name closest to {@code typed}, if it is within a couple of typos of it. */
    static Optional<String> closest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = MAX_TYPOS + 1;
        for (String candidate : known) {
            int distance = distance(typed, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    static String orList(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
