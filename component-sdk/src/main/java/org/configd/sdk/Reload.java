package org.configd.sdk;

/** What a {@link ReloadListener} did with new settings. */
public enum Reload {

    /** The new settings are in force; the component keeps running. */
    APPLIED,

    /**
     * The new settings cannot be applied on the fly (a listening port, a thread pool size): the SDK exits with
     * status 0, and configd starts the component again at once with them.
     */
    RESTART
}
