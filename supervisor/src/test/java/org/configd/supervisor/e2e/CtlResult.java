package org.configd.supervisor.e2e;

/** What one configctl run printed and returned. */
public record CtlResult(int exit, String out, String err) {

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
