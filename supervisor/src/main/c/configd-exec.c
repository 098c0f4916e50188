/*
 * configd-exec: the program configd spawns each component through. It does what configd cannot do between fork
 * and exec from Java, then executes the component:
 *
 *   configd-exec --pdeathsig KILL [--groups=G[,G...]] [--regid=G] [--reuid=U] -- PROGRAM [ARG...]
 *
 * The options are a subset of util-linux setpriv's, with the same meaning, so configd builds one command line for
 * either program (it falls back to setpriv when this one is not installed). Why not always setpriv: setpriv loads
 * shared libraries and sets up its locale before it does anything; this program is statically linked and takes
 * numeric ids only (configd has looked the names up). Measured on the benchmark machine: 0.65 ms from its exec to
 * the component's, against 1.24 ms through setpriv (benchmarks/README.md, third round).
 *
 * Order matters: changing the credentials clears the parent-death signal (prctl(2)), so the signal is set after the
 * user switch; and if configd ended before the signal was armed, the component would outlive it, so the parent is
 * checked again afterwards. Failures before the exec exit 1, a failed exec 126 (127 when PROGRAM does not exist),
 * as setpriv's do; the message goes to stderr, which is configd's log pipe.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#define MAX_GROUPS 65536

static const char *program_name = "configd-exec";

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "%s: %s%s%s\n", program_name, what, detail ? ": " : "", detail ? detail : "");
    _exit(1);
}

/* A decimal id below 2^32 - 1 (which is -1, "unchanged", to the kernel); anything else is refused. */
static unsigned int parse_id(const char *text, const char *option) {
    if (*text < '0' || *text > '9') {
        fail("not a numeric id", option);
    }
    errno = 0;
    char *end;
    unsigned long value = strtoul(text, &end, 10);
    if (errno != 0 || *end != '\0' || value >= UINT_MAX) {
        fail("not a numeric id", option);
    }
    return (unsigned int) value;
}

static size_t parse_groups(char *list, gid_t *groups) {
    size_t count = 0;
    for (char *item = strtok(list, ","); item != NULL; item = strtok(NULL, ",")) {
        if (count == MAX_GROUPS) {
            fail("too many groups", NULL);
        }
        groups[count++] = parse_id(item, "--groups");
    }
    if (count == 0) {
        fail("no group in", "--groups");
    }
    return count;
}

int main(int argc, char **argv) {
    pid_t parent = getppid();
    int pdeathsig = 0, has_uid = 0, has_gid = 0, has_groups = 0;
    uid_t uid = 0;
    gid_t gid = 0;
    static gid_t groups[MAX_GROUPS];
    size_t group_count = 0;
    int i = 1;
    for (; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--") == 0) {
            i++;
            break;
        } else if (strcmp(arg, "--pdeathsig") == 0 && i + 1 < argc && strcmp(argv[i + 1], "KILL") == 0) {
            pdeathsig = SIGKILL;
            i++;
        } else if (strncmp(arg, "--reuid=", 8) == 0) {
            uid = parse_id(arg + 8, "--reuid");
            has_uid = 1;
        } else if (strncmp(arg, "--regid=", 8) == 0) {
            gid = parse_id(arg + 8, "--regid");
            has_gid = 1;
        } else if (strncmp(arg, "--groups=", 9) == 0) {
            group_count = parse_groups(argv[i] + 9, groups);
            has_groups = 1;
        } else {
            fail("unknown option (usage: configd-exec --pdeathsig KILL [--groups=G,...] [--regid=G] [--reuid=U]"
                 " -- PROGRAM [ARG...])", arg);
        }
    }
    if (i >= argc) {
        fail("no program to execute after --", NULL);
    }
    if (has_uid && (!has_groups || !has_gid)) {
        fail("--reuid needs --regid and --groups, or the component would keep configd's groups", NULL);
    }
    if (has_groups && setgroups(group_count, groups) != 0) {
        fail("cannot set the supplementary groups", strerror(errno));
    }
    if (has_gid && setresgid(gid, gid, gid) != 0) {
        fail("cannot switch to the group", strerror(errno));
    }
    if (has_uid && setresuid(uid, uid, uid) != 0) {
        fail("cannot switch to the user", strerror(errno));
    }
    if (pdeathsig != 0) {
        if (prctl(PR_SET_PDEATHSIG, pdeathsig, 0, 0, 0) != 0) {
            fail("cannot set the parent-death signal", strerror(errno));
        }
        if (getppid() != parent) {
            _exit(1); /* configd is gone already: nobody reads a message, and the component must not start */
        }
    }
    execv(argv[i], argv + i);
    int error = errno;
    fprintf(stderr, "%s: cannot execute %s: %s\n", program_name, argv[i], strerror(error));
    return error == ENOENT ? 127 : 126;
}
