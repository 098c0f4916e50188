package org.configd.bench;

/**
 * What every scenario gets: the options and the configd to measure.
 *
 * @param options      the command line
 * @param installation the configd under test
 */
public record Context(Options options, Installation installation) {
}
