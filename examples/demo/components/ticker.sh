#!/bin/sh
# ticker: a configd component written in plain sh.
# - reads its settings through configctl (configd gives every component CONFIGD_INFO_SOCKET, which tells
#   configctl where configd is, and CONFIGD_COMPONENT, its own name);
# - logs to stderr; a <N> prefix (sd-daemon priorities: <3> error, <4> warning, <6> info, <7> debug)
#   sets the level of the line in configd's log;
# - on SIGHUP (configd sends it when this component's settings change) it reads them again.
ctl="$(dirname "$0")/../../../bin/configctl"
me="${CONFIGD_COMPONENT:-ticker}"

load() {
    greeting=$("$ctl" config --value "$me.greeting") || { echo "<3>cannot read my settings" >&2; exit 1; }
    interval=$("$ctl" config --value "$me.interval") || exit 1
    echo "<6>settings loaded: greeting \"$greeting\", every ${interval}s" >&2
}

reload=""
trap 'reload=yes' HUP
load
n=0
while :; do
    n=$((n + 1))
    echo "<6>$greeting (#$n)" >&2
    sleep "$interval" &
    wait $! 2>/dev/null || true          # a signal interrupts the wait, not the loop
    if [ -n "$reload" ]; then
        reload=""
        echo "<5>SIGHUP: reloading my settings" >&2
        load
    fi
done
