/*
 * The floor for the info-socket scenario on this machine: one single-threaded epoll server and N blocking client
 * threads over a UNIX stream socket, each client sending a request-sized message and waiting for a reply of the
 * size of configd's config.get answer, as fast as they can. No JSON, no JVM: what remains is the kernel's cost of
 * two socket writes and two thread wake-ups per request.
 *
 *   gcc -O2 -pthread -o /tmp/unix-pingpong unix-pingpong.c && /tmp/unix-pingpong 16 5
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define REQUEST 64
#define REPLY 280

static struct sockaddr_un addr;
static volatile int stop;
static long counts[256];

static void *client(void *arg) {
    long i = (long) arg;
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (connect(fd, (struct sockaddr *) &addr, sizeof addr) != 0) {
        perror("connect");
        exit(1);
    }
    char req[REQUEST] = {0}, rep[REPLY];
    while (!stop) {
        if (write(fd, req, sizeof req) != sizeof req) break;
        size_t got = 0;
        while (got < sizeof rep) {
            ssize_t n = read(fd, rep + got, sizeof rep - got);
            if (n <= 0) return NULL;
            got += n;
        }
        counts[i]++;
    }
    close(fd);
    return NULL;
}

int main(int argc, char **argv) {
    int clients = argc > 1 ? atoi(argv[1]) : 16;
    int seconds = argc > 2 ? atoi(argv[2]) : 5;
    addr.sun_family = AF_UNIX;
    snprintf(addr.sun_path, sizeof addr.sun_path, "/tmp/unix-pingpong-%d.sock", (int) getpid());
    int lfd = socket(AF_UNIX, SOCK_STREAM, 0);
    unlink(addr.sun_path);
    if (bind(lfd, (struct sockaddr *) &addr, sizeof addr) != 0 || listen(lfd, 64) != 0) {
        perror("bind");
        return 1;
    }
    pthread_t t[256];
    for (long i = 0; i < clients; i++) pthread_create(&t[i], NULL, client, (void *) i);
    int ep = epoll_create1(0);
    for (int i = 0; i < clients; i++) {
        int c = accept(lfd, NULL, NULL);
        struct epoll_event ev = {.events = EPOLLIN, .data.fd = c};
        epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev);
    }
    struct timespec t0, now;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    char buf[4096], rep[REPLY];
    memset(rep, 'x', sizeof rep);
    struct epoll_event evs[64];
    for (;;) {
        int n = epoll_wait(ep, evs, 64, 100);
        for (int i = 0; i < n; i++) {
            ssize_t r = read(evs[i].data.fd, buf, sizeof buf);
            for (ssize_t k = 0; k + REQUEST <= r; k += REQUEST) write(evs[i].data.fd, rep, sizeof rep);
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - t0.tv_sec >= seconds) break;
    }
    stop = 1;
    long total = 0;
    for (int i = 0; i < clients; i++) total += counts[i];
    printf("%d clients, %d s: %.0f requests/s\n", clients, seconds, total / (double) seconds);
    fflush(stdout);
    unlink(addr.sun_path);
    _exit(0); /* the clients may be blocked in read: do not wait for them */
}
