#!/bin/sh
# ticker: a configd component written in plain sh, to show that a component need not be Java.
# - reads its settings through configctl (configd gives every component CONFIGD_INFO_SOCKET, which tells
#   configctl where configd is, and CONFIGD_COMPONENT, its own name);
# - logs to stderr; a <N> prefix (sd-daemon priorities: <3> error, <4> warning, <5> notice, <6> info,
#   <7> debug) sets the level of the line in configd's log;
# - exits 102 when a setting is missing or unusable (configd then waits for the configuration to change),
#   1 when configd cannot be reached;
# - on SIGHUP (configd sends it when this component's settings change) it reads them again.
ctl="${CONFIGCTL:-$(dirname "$0")/../../../bin/configctl}"
me="${CONFIGD_COMPONENT:-ticker}"

# setting KEY: prints one of my settings. configctl exits 1 when configd answered an error (no such setting),
# 3 or 4 when it cannot ask.
setting() {
    value=$("$ctl" config --value "$me.$1") && { printf '%s\n' "$value"; return 0; }
    status=$?
    if [ "$status" -eq 1 ]; then
        echo "<3>my setting '$1' is missing; set components.$me.settings.$1, then reload configd" >&2
        exit 102
    fi
    echo "<3>cannot read my settings from configd (configctl exited $status)" >&2
    exit 1
}

load() {
    greeting=$(setting greeting) || exit $?
    interval=$(setting interval) || exit $?
    case $interval in
        ''|*[!0-9]*)
            echo "<3>my setting 'interval' is \"$interval\", but it must be a whole number of seconds;" \
                 "fix components.$me.settings.interval, then reload configd" >&2
            exit 102 ;;
    esac
    if [ "$interval" -lt 1 ]; then
        echo "<4>interval $interval is too short; ticking every second" >&2
        interval=1
    fi
    echo "<6>settings loaded: greeting \"$greeting\", every ${interval}s" >&2
}

reload=""
trap 'reload=yes' HUP
load
n=0
while :; do
    n=$((n + 1))
    echo "<7>tick $n" >&2
    echo "<6>$greeting (#$n)" >&2
    sleep "$interval" &
    wait $! 2>/dev/null || true          # a signal interrupts the wait, not the loop
    if [ -n "$reload" ]; then
        reload=""
        echo "<5>SIGHUP: reloading my settings" >&2
        load
    fi
done
