package org.configd.supervisor.ipc;

/** The component process at the other end of a component channel: which component, and which launch of it. */
public record ComponentIdentity(String name, long launch, int pid) {}
