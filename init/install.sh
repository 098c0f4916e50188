#!/bin/sh
# Installs this configd distribution (the folder above this script) on a server. Run it as root from the
# unpacked archive:
#
#   tar xzf configd-VERSION.tar.gz && sudo configd-VERSION/init/install.sh
#
# What it does; it never overwrites a configuration an administrator may have edited:
#   /opt/configd/{bin,lib,init,examples,doc}  the program (replaced, lib/ entirely, so no old jar stays behind)
#   user and group "configd"                  a system account for components (user = "configd" in their section)
#   /etc/configd/configd.conf, conf.d/        the example configuration, only when there is none yet
#                                             (the new example is always left as configd.conf.example)
#   /etc/default/configd                      the init script's and the unit's settings, only when missing
#   /var/log/configd/                         the log folder (root:adm 0750: administrators read the log)
#   /etc/systemd/system/configd.service       with systemd; else /etc/init.d/configd
#   /opt/configd/lib/cds/                     class-data archives that halve configd's and configctl's start-up
#                                             CPU time, made by a short training run with the installed JDK
#
# Options:
#   --prefix DIR   install the program in DIR instead of /opt/configd: an absolute path to a new or empty folder,
#                  or to an earlier configd installation (it refuses anything else, such as /usr/local)
#   --no-user      do not create the configd user
#   --no-service   install neither the systemd unit nor the init script
#   --cds          only (re)make the class-data archives, e.g. after a JDK upgrade
#   DESTDIR=/stage stages everything below /stage, for packaging (no user, no service activation, no archives)
# Nothing is started: it prints the commands that start configd.
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
prefix=/opt/configd
make_user=yes
service=yes
only_cds=no
while [ $# -gt 0 ]; do
    case $1 in
        --prefix) prefix=${2:?--prefix needs a directory}; shift 2 ;;
        --no-user) make_user=no; shift ;;
        --no-service) service=no; shift ;;
        --cds) only_cds=yes; shift ;;
        *) echo "install.sh: unknown option $1; see the comment at the top of $0" >&2; exit 2 ;;
    esac
done
dest=${DESTDIR:-}
home="$dest$prefix"

# The program's folder is replaced in part (bin/, lib/) and chowned as a whole: only a new or empty folder, or an
# earlier configd installation, may be it; never /usr/local, never the unpacked archive this script runs from.
case $prefix in
    /*) ;;
    *) echo "install.sh: --prefix $prefix is not an absolute path; give one such as /opt/configd" >&2; exit 2 ;;
esac
if [ -e "$home" ] && [ ! -e "$home/bin/.launch" ] && { [ ! -d "$home" ] || [ -n "$(ls -A "$home" 2>&1)" ]; }; then
    echo "install.sh: $home is neither empty nor a configd installation;" \
        "give --prefix a new or empty folder, such as /opt/configd" >&2
    exit 2
fi
if [ "$only_cds" = no ] && [ -d "$home" ] && [ "$(cd "$home" && pwd -P)" = "$(cd "$src" && pwd -P)" ]; then
    echo "install.sh: $home is the distribution this script runs from;" \
        "run the install.sh of the unpacked archive instead" >&2
    exit 2
fi

say() { printf 'install.sh: %s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

# A short run of configd and configctl on a throwaway configuration, each JVM writing the classes it loaded into
# lib/cds/ at its exit (see bin/.launch). Failing here costs start-up time only, never the installation.
train_cds() {
    rm -rf "$home/lib/cds"
    mkdir -p "$home/lib/cds"
    work=$(mktemp -d)
    cat >"$work/configd.conf" <<EOF
configd { run-dir = "$work/run", log.file = "$work/configd.log", license.file = "$work/license.key" }
components.idle { command = ["/bin/sleep", "600"] }
EOF
    CONFIGD_CDS_TRAIN=1 "$home/bin/configd" -c "$work/configd.conf" </dev/null >"$work/console" 2>&1 &
    pid=$!
    tries=0
    until CONFIGD_RUN_DIR="$work/run" "$home/bin/configctl" ping >/dev/null 2>&1; do
        tries=$((tries + 1))
        if [ $tries -gt 100 ] || ! kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
            say "warning: no class-data archives (configd did not start for the training run: $(tail -1 "$work/console"))"
            rm -rf "$work" "$home/lib/cds"
            return 0
        fi
        sleep 0.2
    done
    CONFIGD_CDS_TRAIN=1 CONFIGD_RUN_DIR="$work/run" "$home/bin/configctl" status >/dev/null 2>&1 || true
    kill -TERM "$pid"
    wait "$pid" || true
    rm -rf "$work"
    say "class-data archives made in $home/lib/cds/: $(cd "$home/lib/cds" && echo *)"
}

if [ -z "$dest" ] && [ "$(id -u)" -ne 0 ]; then
    fail "run me as root (or set DESTDIR to stage an installation)"
fi
if [ "$only_cds" = yes ]; then
    [ -x "$home/bin/configd" ] || fail "$home/bin/configd is missing; install configd first"
    train_cds
    exit 0
fi
if [ ! -d "$src/lib" ] || [ ! -x "$src/bin/configd" ]; then
    fail "$src is no configd distribution (no lib/, bin/configd)"
fi
if [ ! -f "$src/lib/libconfigd-spawn.so" ] && [ ! -x "$src/lib/configd-exec" ] \
        && ! command -v setpriv >/dev/null 2>&1; then
    say "warning: setpriv (util-linux) is missing; this build has neither lib/libconfigd-spawn.so nor" \
        "lib/configd-exec, so configd needs it to start components"
fi

# The program. lib/ is replaced as a whole: a jar of the previous version left in it would join the class path.
mkdir -p "$home"
rm -rf "${home:?}/lib" "${home:?}/bin"
for part in bin lib init examples doc; do
    if [ -d "$src/$part" ]; then
        cp -R "$src/$part" "$home/"
    fi
done
cp "$src/README.md" "$home/README.md"
rm -rf "$home/examples/demo/run"
chown -R root:root "$home" 2>/dev/null || true
say "installed the program in $home"

if [ "$make_user" = yes ] && [ -z "$dest" ]; then
    if id configd >/dev/null 2>&1; then
        say "the user configd exists already"
    elif command -v useradd >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin configd
        say "created the system user and group configd for components"
    else
        adduser -S -D -H -h /nonexistent -s /sbin/nologin configd && say "created the system user configd"
    fi
fi

etc="$dest/etc/configd"
mkdir -p "$etc/conf.d"
cp "$src/etc/configd/configd.conf" "$etc/configd.conf.example"
if [ ! -e "$etc/configd.conf" ]; then
    cp "$src/etc/configd/configd.conf" "$etc/configd.conf"
    say "wrote the example configuration $etc/configd.conf"
else
    say "kept $etc/configd.conf; the new example is $etc/configd.conf.example"
fi

mkdir -p "$dest/etc/default"
if [ ! -e "$dest/etc/default/configd" ]; then
    cat >"$dest/etc/default/configd" <<EOF
# Settings of configd's init script and systemd unit: plain KEY=value lines (systemd reads this file too).
# The environment of the init script wins over this file.
#CONFIGD_HOME=$prefix
#CONFIGD_CONFIG=/etc/configd/configd.conf
#CONFIGD_RUN_DIR=/run/configd
#CONFIGD_PIDFILE=/run/configd/configd.pid
#CONFIGD_STOP_WAIT=40
#JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
#CONFIGD_JAVA_OPTS="-Xms16m -Xmx256m -XX:+UseSerialGC -Xss512k -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData"
EOF
    [ "$prefix" = /opt/configd ] || sed -i "s|^#CONFIGD_HOME=.*|CONFIGD_HOME=$prefix|" "$dest/etc/default/configd"
    say "wrote $dest/etc/default/configd"
fi

mkdir -p "$dest/var/log/configd"
chmod 0750 "$dest/var/log/configd"
if getent group adm >/dev/null 2>&1; then
    chgrp adm "$dest/var/log/configd"
fi

if [ "$service" = yes ]; then
    if [ -d /run/systemd/system ] || [ -n "$dest" ]; then
        mkdir -p "$dest/etc/systemd/system"
        sed "s|/opt/configd|$prefix|g" "$src/init/configd.service" >"$dest/etc/systemd/system/configd.service"
        say "installed $dest/etc/systemd/system/configd.service"
        start="systemctl daemon-reload && systemctl enable --now configd"
    fi
    if [ ! -d /run/systemd/system ] || [ -n "$dest" ]; then
        mkdir -p "$dest/etc/init.d"
        sed "s|CONFIGD_HOME:-/opt/configd|CONFIGD_HOME:-$prefix|" "$src/init/configd" >"$dest/etc/init.d/configd"
        chmod 0755 "$dest/etc/init.d/configd"
        say "installed $dest/etc/init.d/configd"
        start=${start:-"update-rc.d configd defaults (or chkconfig --add configd) && /etc/init.d/configd start"}
    fi
fi

if [ -z "$dest" ]; then
    train_cds
fi

say "done. Next: edit /etc/configd/configd.conf (configd --check -c /etc/configd/configd.conf checks it),"
say "put the license in /etc/configd/license.key and the vendor's key in /etc/configd/license.pub, then start:"
say "  ${start:-$prefix/init/configd start}"
