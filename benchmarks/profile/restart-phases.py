#!/usr/bin/env python3
"""Splits each restart in `perf script -F comm,pid,tid,time,event,trace` output (recorded by restart-timeline)
into its phases: death, configd's waitpid, its kill of the process group, the old TMPDIR moved aside (renamed:
it is removed later, off the critical path), the new one made, the spawner's clone, the exec of configd-exec (or
setpriv) where configd starts components through one, the component's exec. Times are CLOCK_MONOTONIC
(perf -k mono)."""
import re
import statistics
import sys

PHASES = ['configd waitpid', 'configd kills the group', 'old TMPDIR moved aside', 'new TMPDIR made',
          'spawner clone', 'helper exec', 'component exec']
LINE = re.compile(r'\s*(.+?)\s+(\d+)/(\d+)\s+([\d.]+):\s+(\S+):\s*(.*)')


def events(lines):
    for line in lines:
        m = LINE.match(line)
        if m:
            comm, pid, tid, t, event, rest = m.groups()
            yield float(t) * 1000, comm.strip(), int(pid), event, rest


def first(marks, name, t):
    if name not in marks:
        marks[name] = t


def cycles(evs):
    """A cycle starts when a bench-component process exits (on its own, or after an outside SIGKILL)."""
    out = []
    killed_at = {}
    i = 0
    while i < len(evs):
        t, comm, pid, event, rest = evs[i]
        if event == 'syscalls:sys_enter_kill' and not comm.startswith('configd') and rest.endswith('0x00000009'):
            killed_at[int(rest.split()[1].rstrip(','), 16)] = t
        if event == 'sched:sched_process_exit' and comm.startswith('bench-comp'):
            marks = {'death': killed_at.get(pid, t)}
            for t2, c2, p2, e2, r2 in evs[i + 1:]:
                if not c2.startswith('configd') and not (e2 == 'sched:sched_process_exec'):
                    continue
                if e2 == 'syscalls:sys_enter_wait4':
                    first(marks, 'configd waitpid', t2)
                elif e2 == 'syscalls:sys_enter_kill' and 'ffffffff' in r2:
                    first(marks, 'configd kills the group', t2)
                elif e2 == 'syscalls:sys_enter_rename':
                    first(marks, 'old TMPDIR moved aside', t2)
                elif e2 == 'syscalls:sys_enter_mkdir':
                    first(marks, 'new TMPDIR made', t2)
                elif e2 in ('syscalls:sys_enter_clone3', 'syscalls:sys_enter_clone') and c2.startswith('configd-spawn'):
                    first(marks, 'spawner clone', t2)
                elif e2 == 'sched:sched_process_exec' and ('setpriv' in r2 or 'configd-exec' in r2):
                    first(marks, 'helper exec', t2)
                elif e2 == 'sched:sched_process_exec' and 'spawner clone' in marks:
                    marks['component exec'] = t2
                    break
            if all(p in marks for p in PHASES if p != 'helper exec'):
                out.append(marks)
        i += 1
    return out


def main():
    cs = cycles(list(events(sys.stdin)))
    if not cs:
        sys.exit('restart-phases: no complete restart in the trace')
    print('%d restarts; milliseconds from the previous phase: median, p90' % len(cs))
    prev = 'death'
    phases = [p for p in PHASES if all(p in c for c in cs)]  # no helper exec: configd's spawn library
    for name in phases + ['total']:
        if name == 'total':
            vals = sorted(c['component exec'] - c['death'] for c in cs)
            label = 'total, death to exec'
        else:
            vals = sorted(c[name] - c[prev] for c in cs)
            label = name
            prev = name
        p90 = vals[min(len(vals) - 1, max(0, -(-9 * len(vals) // 10) - 1))]
        print('  %-28s %7.2f %7.2f' % (label, statistics.median(vals), p90))


main()
