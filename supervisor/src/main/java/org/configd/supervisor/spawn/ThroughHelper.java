package org.configd.supervisor.spawn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Components started with glibc's {@code posix_spawn} of {@code configd-exec --pdeathsig KILL [--groups=G,..
 * --regid=G --reuid=U] -- command...}, or of util-linux setpriv with the same options, which then executes the
 * command: the fallback when configd's spawn library is not there.
 *
 * @param helper configd-exec or setpriv, an executable file
 */
record ThroughHelper(Path helper) implements ChildStart {

    @Override
    public int start(SpawnRequest request, int outputWrite, int channelChild) throws SpawnException {
        return PosixSpawn.spawn(helper, arguments(request), request, outputWrite, channelChild);
    }

    List<String> arguments(SpawnRequest request) {
        List<String> argv = new ArrayList<>(List.of(helper.toString(), "--pdeathsig", "KILL"));
        request.runAs().ifPresent(user -> argv.addAll(List.of("--groups=" + user.groups().stream()
                .map(String::valueOf).collect(Collectors.joining(",")), "--regid=" + user.gid(),
                "--reuid=" + user.uid())));
        argv.add("--");
        argv.addAll(request.command());
        return argv;
    }

    @Override
    public String toString() {
        return "posix_spawn of " + helper;
    }
}
