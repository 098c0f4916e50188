package org.configd.distribution;

/** A main class the launchers must never find: ArchiveTest copies it into their working directory. */
public final class Planted {

    static final String GREETING = "planted code ran";

    private Planted() {}

    public static void main(String[] args) {
        System.out.println(GREETING);
    }
}
