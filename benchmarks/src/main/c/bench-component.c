/*
 * The component the end-to-end benchmarks run: it stamps the moments that matter with CLOCK_MONOTONIC, the
 * clock behind Java's System.nanoTime(), so the harness can subtract its own readings from them.
 *
 *   bench-component STAMPS MODE [N]
 *
 * STAMPS is a file or FIFO; every stamp is one line written with one write(2) (atomic below PIPE_BUF):
 *   "<event> <name> <pid> <nanoseconds>\n"   event: start | exit | ready | done
 * The name is $CONFIGD_COMPONENT, or $BENCH_NAME when run without configd.
 *
 * Modes:
 *   pause        stamp start, then wait for a signal (SIGTERM ends it)
 *   ignore-term  the same, with SIGTERM ignored (only SIGKILL ends it)
 *   exit-after N stamp start, sleep N ms, stamp exit, exit 0 (configd restarts it at once)
 *   write N      stamp ready, wait for SIGUSR1, write N numbered lines to stderr, one write(2) per line, then the
 *                line "<name> end-of-lines", stamp done; without configd, exit; under configd, do it all again
 *                (the numbers go on: the second burst writes N+1..2N), so that a burst can meet a warm configd
 *   write-buffered N   the same with stdio's full buffering (4 KiB writes that cut lines anywhere)
 *
 * The start stamp is taken first thing in main(): the runner links this program statically when it can, so that
 * little happens between execve() and that stamp.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *stamps;
static const char *name;

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

static volatile sig_atomic_t go;

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

int main(int argc, char **argv) {
    long long started = now_ns();
    if (argc < 3) {
        fprintf(stderr, "usage: %s STAMPS pause|ignore-term|exit-after MS|write N|write-buffered N\n", argv[0]);
        return 64;
    }
    stamps = argv[1];
    const char *mode = argv[2];
    long arg = argc > 3 ? atol(argv[3]) : 0;
    name = getenv("CONFIGD_COMPONENT");
    if (name == NULL) {
        name = getenv("BENCH_NAME");
    }
    if (name == NULL) {
        name = "unnamed";
    }

    if (strcmp(mode, "pause") == 0 || strcmp(mode, "ignore-term") == 0) {
        if (mode[0] == 'i') {
            signal(SIGTERM, SIG_IGN);
        }
        stamp("start", started);
        for (;;) {
            pause();
        }
    }
    if (strcmp(mode, "exit-after") == 0) {
        stamp("start", started);
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
            if (getenv("CONFIGD_COMPONENT") == NULL) {
                return 0;
            }
        }
    }
    fprintf(stderr, "%s: unknown mode %s\n", argv[0], mode);
    return 64;
}
