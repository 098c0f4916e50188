package org.configd.sdk;

/** The body of a component run by {@link Configd#run}. */
@FunctionalInterface
public interface ComponentMain {

    /**
     * Does the component's work, usually until the process is stopped. Returning ends the component like the end
     * of {@code main} does: the process exits 0 once no other non-daemon thread runs, and configd starts it again.
     *
     * @param configd the connection to configd, with the component's settings already read
     * @throws Exception anything unexpected, which {@link Configd#run} reports and turns into a crash exit
     */
    void run(Configd configd) throws Exception;
}
