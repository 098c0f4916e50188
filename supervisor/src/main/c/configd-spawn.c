/*
 * libconfigd-spawn: starts one component process from inside configd, in one exec instead of two.
 *
 * What posix_spawn and then configd-exec (configd-exec.c) do in two programs happens here in a child made with
 * clone(CLONE_VM | CLONE_VFORK), which runs on its own small stack in configd's memory until it executes the
 * component: own session and process group; fd 0 /dev/null, fd 1 the log pipe or /dev/null, fd 2 the log pipe,
 * fd 3 the component channel, everything else closed; the working directory; supplementary groups, group, user;
 * the parent-death signal (SIGKILL when configd's spawner thread ends) and the check that configd is still there;
 * every signal back to its default, an empty signal mask; the exec. Measured on the benchmark machine, the second
 * exec cost 0.5-0.65 ms of every restart (benchmarks/README.md).
 *
 * Rules for the child, because it shares the JVM's memory (and the calling thread's TLS) until its exec:
 *  - no malloc, no stdio, no locks, no function that may take one: system calls and reads of the argument block;
 *    open, close and write as raw system calls too, since glibc's are cancellation points, which update the
 *    calling thread's cancellation state (the spawner thread's, in this child);
 *  - every signal is blocked around the clone, glibc's own 32 and 33 included (so with a raw rt_sigprocmask, which
 *    glibc's sigfillset and pthread_sigmask leave them out of), so none of the JVM's handlers can run in the child;
 *    the child sets every disposition back to SIG_DFL before it unblocks anything;
 *  - the credentials are changed with raw system calls: glibc's setgroups/setresgid/setresuid, in a process with
 *    threads, take a lock of glibc's and mark every thread to signal it the change (nptl's setxid broadcast); in
 *    this child that is configd's lock and configd's threads, which run on meanwhile: a child killed while holding
 *    the lock would leave the JVM unable to start a thread;
 *  - it never returns: it executes the component or calls _exit.
 *
 * Failures before the credentials change (signals, session, descriptors, directory) are reported back through the
 * argument block, as posix_spawn reports them: configd reaps the child and records a failed spawn. Failures from
 * the credentials on are written to fd 2, the log pipe, and exit 1, a failed exec 126 (127 when the program does
 * not exist), exactly as configd-exec's: configd sees a component that exited with a message in its log.
 *
 * Trap: the spawner thread waits until the component's exec is done, and the kernel lets nothing but a fatal
 * signal interrupt that wait: a component program on a hung network file system holds up every later spawn (with
 * posix_spawn and configd-exec, the same held for a working directory there).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* Kernel headers before 5.9 lack the name; the number is the same on every architecture (the unified table). */
#ifndef SYS_close_range
#define SYS_close_range 436
#endif

#define CHILD_STACK_SIZE (64 * 1024)
/* The kernel's signal set for rt_sigaction and rt_sigprocmask: 64 signals on every 64-bit Linux. */
#define KERNEL_SIGSET_SIZE ((size_t) 8)
/* The kernel's "unchanged" for a uid or gid: never a component's. */
#define UNCHANGED_ID ((unsigned int) -1)
#define FIRST_CLOSED_FD 4

/* Stages reported in failure[0]; configd names the failed call from them (NativeSpawn.java). */
enum stage {
    STAGE_NONE = 0, STAGE_STACK, STAGE_CLONE, STAGE_SETSID, STAGE_OPEN_DEV_NULL, STAGE_DUP2, STAGE_CLOSE_RANGE,
    STAGE_CHDIR, STAGE_ARGUMENTS, STAGE_SIGNALS, STAGE_FCNTL
};

struct spawn {
    const char *path;
    char *const *argv;
    char *const *envp;
    const char *directory;
    int stdout_fd;
    int stderr_fd;
    int channel_fd;
    int switch_user;
    uid_t uid;
    gid_t gid;
    const gid_t *groups;
    size_t group_count;
    pid_t configd;
    /* Written by the child before it exits, read by the parent once the clone has returned. */
    volatile int stage;
    volatile int error;
};

static void write_all(const char *text) {
    size_t left = strlen(text);
    while (left > 0) {
        long written = syscall(SYS_write, STDERR_FILENO, text, left);
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            return;
        }
        text += written;
        left -= (size_t) written;
    }
}

/* "error " and up to 10 digits and the NUL */
#define ERROR_NUMBER_SIZE 24

/* The error's text from glibc's static table: no locale, no allocation (strerror may do both). Before glibc 2.32,
 * which has no such function, "error N". */
static const char *error_text(int error, char number[ERROR_NUMBER_SIZE]) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 32))
    const char *text = strerrordesc_np(error);
    if (text != NULL) {
        return text;
    }
#endif
    char digits[12];
    int length = 0;
    unsigned int value = error < 0 ? 0U : (unsigned int) error;
    do {
        digits[length++] = (char) ('0' + value % 10);
        value /= 10;
    } while (value != 0 && length < (int) sizeof digits);
    memcpy(number, "error ", 6);
    for (int i = 0; i < length; i++) {
        number[6 + i] = digits[length - 1 - i];
    }
    number[6 + length] = '\0';
    return number;
}

static _Noreturn void fail_late(const char *what, const char *detail, int error, int code) {
    char number[ERROR_NUMBER_SIZE];
    const char *reason = error_text(error, number);
    write_all("configd: ");
    write_all(what);
    if (detail != NULL) {
        write_all(detail);
    }
    write_all(": ");
    write_all(reason);
    write_all("\n");
    _exit(code);
}

static _Noreturn void fail_early(struct spawn *s, enum stage stage) {
    s->error = errno;
    s->stage = stage;
    _exit(127);
}

static void move_onto(struct spawn *s, int from, int fd) {
    if (from == fd) {
        /* dup2 onto itself would leave close-on-exec set, and the descriptor would not reach the component */
        if (fcntl(fd, F_SETFD, 0) < 0) {
            fail_early(s, STAGE_FCNTL);
        }
    } else if (dup2(from, fd) < 0) {
        fail_early(s, STAGE_DUP2);
    }
}

/* Opens /dev/null onto fd; should fd have been free (configd's 0-2 closed meanwhile), it lands there itself. */
static void dev_null_onto(struct spawn *s, int fd, int flags) {
    long null_fd = syscall(SYS_openat, AT_FDCWD, "/dev/null", flags | O_CLOEXEC);
    if (null_fd < 0) {
        fail_early(s, STAGE_OPEN_DEV_NULL);
    }
    move_onto(s, (int) null_fd, fd);
    if (null_fd != fd) {
        syscall(SYS_close, null_fd);
    }
}

static int child(void *argument) {
    struct spawn *s = argument;
    /* All zero is SIG_DFL, no flags and an empty mask in every architecture's layout of the kernel's struct. */
    unsigned long default_action[4] = {0, 0, 0, 0};
    for (int signal = 1; signal <= 64; signal++) {
        if (signal != SIGKILL && signal != SIGSTOP
                && syscall(SYS_rt_sigaction, signal, default_action, NULL, KERNEL_SIGSET_SIZE) < 0) {
            fail_early(s, STAGE_SIGNALS);
        }
    }
    if (setsid() < 0) {
        fail_early(s, STAGE_SETSID);
    }
    /* Every source is 3 or above (configd checks), so no move below overwrites a later one's source; fd 3 last. */
    dev_null_onto(s, STDIN_FILENO, O_RDONLY);
    if (s->stdout_fd < 0) {
        dev_null_onto(s, STDOUT_FILENO, O_WRONLY);
    } else {
        move_onto(s, s->stdout_fd, STDOUT_FILENO);
    }
    move_onto(s, s->stderr_fd, STDERR_FILENO);
    move_onto(s, s->channel_fd, 3);
    if (syscall(SYS_close_range, FIRST_CLOSED_FD, ~0U, 0) < 0) {
        fail_early(s, STAGE_CLOSE_RANGE);
    }
    if (chdir(s->directory) < 0) {
        fail_early(s, STAGE_CHDIR);
    }
    if (s->switch_user) {
        if (syscall(SYS_setgroups, s->group_count, s->groups) < 0) {
            fail_late("cannot set the supplementary groups", NULL, errno, 1);
        }
        if (syscall(SYS_setresgid, s->gid, s->gid, s->gid) < 0) {
            fail_late("cannot switch to the group", NULL, errno, 1);
        }
        if (syscall(SYS_setresuid, s->uid, s->uid, s->uid) < 0) {
            fail_late("cannot switch to the user", NULL, errno, 1);
        }
    }
    /* After the switch: changing credentials clears the parent-death signal. */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) {
        fail_late("cannot set the parent-death signal", NULL, errno, 1);
    }
    if (getppid() != s->configd) {
        _exit(1); /* configd is gone already: nobody reads a message, and the component must not start */
    }
    unsigned long no_signals = 0;
    if (syscall(SYS_rt_sigprocmask, SIG_SETMASK, &no_signals, NULL, KERNEL_SIGSET_SIZE) < 0) {
        fail_late("cannot unblock the signals", NULL, errno, 1);
    }
    execve(s->path, s->argv, s->envp);
    int error = errno;
    fail_late("cannot execute ", s->path, error, error == ENOENT ? 127 : 126);
}

/*
 * Starts path with argv and envp (NULL-terminated arrays) as described above. stdout_fd is the log pipe, or -1 for
 * /dev/null; stderr_fd the log pipe; channel_fd the child's end of the component channel; all three 3 or above.
 * With switch_user, the child takes groups, gid and uid (numeric: configd has looked the names up).
 *
 * Returns the child's pid, which the caller must reap. When the child could not be made or failed before the
 * switch of credentials, returns -1 with failure[0] the stage and failure[1] the errno, and no child is left.
 */
int configd_spawn(const char *path, char *const argv[], char *const envp[], const char *directory,
                  int stdout_fd, int stderr_fd, int channel_fd, int switch_user, unsigned int uid,
                  unsigned int gid, const unsigned int *groups, int group_count, int failure[2]) {
    struct spawn s = {
        .path = path, .argv = argv, .envp = envp, .directory = directory, .stdout_fd = stdout_fd,
        .stderr_fd = stderr_fd, .channel_fd = channel_fd, .switch_user = switch_user, .uid = uid, .gid = gid,
        .groups = groups, .group_count = group_count < 0 ? 0 : (size_t) group_count, .configd = getpid(),
        .stage = STAGE_NONE, .error = 0
    };
    failure[0] = STAGE_NONE;
    failure[1] = 0;
    /* Checked here as well as by configd: a source below 3 would be overwritten by an earlier move, and an id of
     * -1 would leave the child root (the kernel's "unchanged"), as would no supplementary group at all. */
    if (stderr_fd < 3 || channel_fd < 3 || (stdout_fd >= 0 && stdout_fd < 3)
            || (switch_user && (uid == UNCHANGED_ID || gid == UNCHANGED_ID || group_count <= 0))) {
        failure[0] = STAGE_ARGUMENTS;
        failure[1] = EINVAL;
        return -1;
    }
    /* A page below the stack, never accessible: a child that overflowed its stack faults instead of writing on. */
    size_t guard = (size_t) sysconf(_SC_PAGESIZE);
    size_t mapping_size = guard + CHILD_STACK_SIZE;
    char *mapping = mmap(NULL, mapping_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK,
                         -1, 0);
    if (mapping == MAP_FAILED) {
        failure[0] = STAGE_STACK;
        failure[1] = errno;
        return -1;
    }
    if (mprotect(mapping, guard, PROT_NONE) != 0) {
        failure[0] = STAGE_STACK;
        failure[1] = errno;
        munmap(mapping, mapping_size);
        return -1;
    }
    char *stack = mapping + guard;
    unsigned long every = ~0UL, before;
    if (syscall(SYS_rt_sigprocmask, SIG_SETMASK, &every, &before, KERNEL_SIGSET_SIZE) < 0) {
        failure[0] = STAGE_SIGNALS;
        failure[1] = errno;
        munmap(mapping, mapping_size);
        return -1;
    }
    /* The stack grows down on every architecture configd runs on. CLONE_VFORK: back here once it exec'd or ended. */
    pid_t pid = clone(child, stack + CHILD_STACK_SIZE, CLONE_VM | CLONE_VFORK | SIGCHLD, &s);
    int clone_error = errno;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &before, NULL, KERNEL_SIGSET_SIZE);
    munmap(mapping, mapping_size);
    if (pid < 0) {
        failure[0] = STAGE_CLONE;
        failure[1] = clone_error;
        return -1;
    }
    if (s.stage != STAGE_NONE) {
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
        }
        failure[0] = s.stage;
        failure[1] = s.error;
        return -1;
    }
    return pid;
}
