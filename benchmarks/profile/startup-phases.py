#!/usr/bin/env python3
"""Where configd's start-up time goes, from `-Xlog:class+load:file=...:uptime` logs (one per run, as made by
startup-timeline): the uptime at which each step first loads its classes marks the step's start. Prints each
step's median duration over the runs, and how many classes each library contributed."""
import collections
import re
import statistics
import sys

# (step, the class whose first load marks its start), in the order ConfigdMain and Daemon.run take them.
STEPS = [
    ('JVM start', None),
    ('read the configuration (Typesafe Config)', 'org.configd.supervisor.config.ConfigLoader'),
    ('read the license', 'org.configd.supervisor.license.LicenseLoader'),
    ('Log4j2 initialises (first logger)', 'org.apache.logging.log4j.LogManager'),
    ('jnr-posix/jnr-ffi bind libc', 'jnr.posix.POSIXFactory'),
    ('run dir, pid file, unified log', 'org.configd.supervisor.daemon.PidFile'),
    ('Netty event loops (epoll)', 'io.netty.channel.MultiThreadIoEventLoopGroup'),
    ('spawner, IPC server, bind sockets', 'org.configd.supervisor.spawn.Spawner'),
    ('first request answered (first spawns meanwhile)', 'org.configd.supervisor.ipc.RequestHandler'),
]
LINE = re.compile(r'\[([\d.]+)s\] (\S+) source: (.*)')


def library(cls, source):
    if 'shared objects file' in source:
        return 'any, from a CDS archive (JDK\'s or configd\'s)'
    if source.startswith('jrt:/'):
        return 'JDK ' + source[5:].split('/')[0]
    if source.endswith('.jar'):
        return source.rsplit('/', 1)[-1].rsplit('-', 1)[0]
    if source.startswith('file:') or source.startswith('/'):
        return 'configd'
    return 'generated at run time'


def one_run(path):
    first = {}
    classes = collections.Counter()
    end = 0.0
    for line in open(path):
        m = LINE.match(line)
        if not m:
            continue
        t, cls, source = float(m.group(1)), m.group(2), m.group(3)
        first.setdefault(cls, t)
        classes[library(cls, source)] += 1
        end = t
    marks = [0.0] + [first.get(cls) for _, cls in STEPS[1:]] + [end]
    return marks, classes


def main():
    runs = [one_run(p) for p in sys.argv[1:]]
    print('%d runs; seconds (median): start of the step, its duration' % len(runs))
    for i, (step, _) in enumerate(STEPS):
        starts = [m[i] for m, _ in runs if m[i] is not None]
        ends = [m[i + 1] for m, _ in runs if m[i + 1] is not None]
        if starts and ends:
            print('  %-44s %6.3f %6.3f' % (step, statistics.median(starts),
                                           statistics.median(ends) - statistics.median(starts)))
    total = collections.Counter()
    for _, c in runs:
        total.update(c)
    print('classes loaded per run, by origin:')
    for lib, n in total.most_common(14):
        print('  %-44s %6d' % (lib, n // len(runs)))


main()
