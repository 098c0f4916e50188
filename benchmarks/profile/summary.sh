# Sourced by the profile scripts that compare two builds by turns.

# summary FILE LABEL WHAT: the median, p10 and p90 of the numbers in FILE (one a line, in ms), and how many WHAT.
summary() {
    sort -n "$1" | awk -v label="$2" -v what="$3" '{ t[NR] = $1 }
        END { printf "%s: median %.1f ms, p10 %.1f, p90 %.1f (%d %s)\n", label, t[int(NR / 2) + 1],
              t[int(NR * 0.1) + 1], t[int(NR * 0.9)], NR, what }'
}
