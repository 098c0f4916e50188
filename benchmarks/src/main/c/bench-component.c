/*
 * The component the end-to-end benchmarks run: it stamps the moments that matter with CLOCK_MONOTONIC, the
 * clock behind Java's System.nanoTime(), so the harness can subtract its own readings from them.
 *
 *   bench-component STAMPS MODE [N]
 *   bench-component [NAME]           (in a service folder of runit or s6: the arguments are in ./bench-args)
 *
 * STAMPS is a file or FIFO; every stamp is one line written with one write(2) (atomic below PIPE_BUF):
 *   "<event> <name> <pid> <nanoseconds>\n"   event: start | exit | ready | done
 * The name is $CONFIGD_COMPONENT, or $BENCH_NAME when run without configd, or the folder's name when the
 * arguments come from ./bench-args: runit's and s6's services are folders whose ./run is this program, started
 * without arguments (a run script would add a shell's exec to every restart, which is not theirs to pay).
 *
 * Modes:
 *   pause        stamp start, then wait for a signal: SIGTERM ends it; on SIGUSR2 it stamps exit and exits 0, as
 *                a component that ends by itself (the harness chooses when, to take turns between supervisors)
 *   ignore-term  the same, with SIGTERM ignored (only SIGKILL ends it)
 *   exit-after N stamp start, sleep N ms, stamp exit, exit 0 (configd restarts it at once)
 *   write N      stamp ready, wait for SIGUSR1, write N numbered lines to stderr, one write(2) per line, then the
 *                line "<name> end-of-lines", stamp done; run by hand, exit; under a supervisor (configd, or in a
 *                service folder), do it all again (the numbers go on: the second burst writes N+1..2N), so that a
 *                burst can meet a warm log path. In a service folder with a ./log folder, stderr goes where
 *                stdout goes, the pipe to the service's logger, as a run script's `exec 2>&1` would have it
 *   write-buffered N   the same with stdio's full buffering (4 KiB writes that cut lines anywhere)
 *   tree PROGRAM ARGS  run PROGRAM (another supervisor) as a child and wait, as a subreaper, until it and every
 *                      process it started are gone: stamp root-exit when PROGRAM ends and gone when the last
 *                      descendant does. SIGTERM and SIGINT are passed on to PROGRAM. This is how the harness sees
 *                      the end of a supervisor such as runsvdir, which exits before its services do.
 *
 * The start stamp is taken first thing in main(): the runner links this program statically when it can, so that
 * little happens between execve() and that stamp.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *stamps;
static const char *name;
/* Whether the arguments came from a service folder's ./bench-args: runit or s6 runs this program. */
static int in_service_folder;

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long) t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void stamp(const char *event, long long at) {
    char line[256];
    int n = snprintf(line, sizeof line, "%s %s %d %lld\n", event, name, (int) getpid(), at);
    int fd = open(stamps, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) {
        perror(stamps);
        _exit(70);
    }
    if (write(fd, line, n) != n) {
        perror(stamps);
        _exit(70);
    }
    close(fd);
}

/* s6's readiness notification: the descriptor named in ./notification-fd, or -1. */
static int ready_fd = -1;

/* Stamps the start, then tells s6 the service is ready (without it, s6-supervise waits a second before every
 * restart; with it, only when the service died within a second of being ready). */
static void started_up(long long at) {
    stamp("start", at);
    if (ready_fd >= 0) {
        if (write(ready_fd, "\n", 1) != 1) {
            perror("notification-fd");
        }
        close(ready_fd);
        ready_fd = -1;
    }
}

static volatile sig_atomic_t go;
static volatile sig_atomic_t told_to_exit;

static void on_usr2(int sig) {
    (void) sig;
    told_to_exit = 1;
}

static void on_usr1(int sig) {
    (void) sig;
    go = 1;
}

static void write_lines(long first, long count, int buffered) {
    char line[128];
    for (long i = first; i < first + count; i++) {
        int n = snprintf(line, sizeof line, "%s %ld abcdefghijklmnopqrstuvwxyz\n", name, i);
        if (buffered) {
            fwrite(line, 1, n, stderr);
        } else if (write(2, line, n) != n) {
            _exit(71);
        }
    }
    fprintf(stderr, "%s end-of-lines\n", name);
    fflush(stderr);
}

static volatile sig_atomic_t root;

static void pass_on(int sig) {
    if (root > 0) {
        kill((pid_t) root, sig);
    }
}

static int tree(char **command) {
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) {
        perror("prctl(PR_SET_CHILD_SUBREAPER)");
        return 70;
    }
    struct sigaction on_signal;
    memset(&on_signal, 0, sizeof on_signal);
    on_signal.sa_handler = pass_on;
    sigemptyset(&on_signal.sa_mask);
    sigaction(SIGTERM, &on_signal, NULL);
    sigaction(SIGINT, &on_signal, NULL);
    pid_t child = fork();
    if (child < 0) {
        perror("fork");
        return 71;
    }
    if (child == 0) {
        execvp(command[0], command);
        perror(command[0]);
        _exit(127);
    }
    root = child;
    for (;;) {
        int status;
        pid_t gone = wait(&status);
        if (gone == child) {
            stamp("root-exit", now_ns());
        } else if (gone < 0 && errno == ECHILD) {
            break;
        }
    }
    stamp("gone", now_ns());
    return 0;
}

/* The arguments of a service folder's ./run, one a line in ./bench-args; the name is the folder's. */
static int args_from_file(char *program, char **args, int max) {
    static char text[1024];
    static char cwd[4096];
    int fd = open("bench-args", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return 1;
    }
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    if (n <= 0 || getcwd(cwd, sizeof cwd) == NULL) {
        return 1;
    }
    text[n] = 0;
    char number[16];
    int ready = open("notification-fd", O_RDONLY | O_CLOEXEC);
    if (ready >= 0) {
        ssize_t r = read(ready, number, sizeof number - 1);
        close(ready);
        number[r > 0 ? r : 0] = 0;
        ready_fd = r > 0 ? atoi(number) : -1;
    }
    char *slash = strrchr(cwd, '/');
    name = slash != NULL ? slash + 1 : cwd;
    in_service_folder = 1;
    if (access("log", F_OK) == 0 && dup2(1, 2) < 0) {
        perror("dup2");
    }
    int count = 0;
    args[count++] = program;
    for (char *line = strtok(text, "\n"); line != NULL && count < max; line = strtok(NULL, "\n")) {
        args[count++] = line;
    }
    return count;
}

int main(int argc, char **argv) {
    long long started = now_ns();
    char *file_args[5];
    if (argc < 3) { /* runsv runs ./run with no arguments, s6-supervise with the service's name */
        int count = args_from_file(argv[0], file_args, 5);
        if (count >= 3) {
            argc = count;
            argv = file_args;
        }
    }
    if (argc < 3) {
        fprintf(stderr, "usage: %s STAMPS pause|ignore-term|exit-after MS|write N|write-buffered N"
                "|tree PROGRAM ARGS\n", argv[0]);
        return 64;
    }
    stamps = argv[1];
    const char *mode = argv[2];
    long arg = argc > 3 ? atol(argv[3]) : 0;
    if (name == NULL) {
        name = getenv("CONFIGD_COMPONENT");
    }
    if (name == NULL) {
        name = getenv("BENCH_NAME");
    }
    if (name == NULL) {
        name = "unnamed";
    }

    if (strcmp(mode, "tree") == 0 && argc > 3) {
        return tree(argv + 3);
    }
    if (strcmp(mode, "pause") == 0 || strcmp(mode, "ignore-term") == 0) {
        if (mode[0] == 'i') {
            signal(SIGTERM, SIG_IGN);
        }
        sigset_t usr2, old;
        sigemptyset(&usr2);
        sigaddset(&usr2, SIGUSR2);
        sigprocmask(SIG_BLOCK, &usr2, &old);
        signal(SIGUSR2, on_usr2);
        started_up(started);
        while (!told_to_exit) {
            sigsuspend(&old);
        }
        stamp("exit", now_ns());
        return 0;
    }
    if (strcmp(mode, "exit-after") == 0) {
        started_up(started);
        struct timespec pause_for = {arg / 1000, (arg % 1000) * 1000000L};
        nanosleep(&pause_for, NULL);
        stamp("exit", now_ns());
        return 0;
    }
    if (strcmp(mode, "write") == 0 || strcmp(mode, "write-buffered") == 0) {
        int buffered = mode[5] == '-';
        if (buffered) {
            setvbuf(stderr, NULL, _IOFBF, 4096);
        }
        sigset_t usr1, old;
        sigemptyset(&usr1);
        sigaddset(&usr1, SIGUSR1);
        sigprocmask(SIG_BLOCK, &usr1, &old);
        signal(SIGUSR1, on_usr1);
        for (long first = 1;; first += arg) {
            stamp("ready", now_ns());
            while (!go) {
                sigsuspend(&old);
            }
            go = 0;
            write_lines(first, arg, buffered);
            stamp("done", now_ns());
            if (getenv("CONFIGD_COMPONENT") == NULL && !in_service_folder) {
                return 0;
            }
        }
    }
    fprintf(stderr, "%s: unknown mode %s\n", argv[0], mode);
    return 64;
}
