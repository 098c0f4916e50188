/*
 * The info-socket scenario's second client model: N blocking clients in C, one thread and one connection each,
 * each sending its next request as soon as the answer is in, as the harness's Java clients do, but without a JVM
 * beside configd. The Java clients spend about as much CPU per request as configd does, on the same two cores;
 * these spend what benchmarks/profile/unix-pingpong.c's clients spend (two socket calls and a wake-up), so the
 * figure says what configd serves when the clients cost what the kernel's floor assumes.
 *
 *   bench-client SOCKET WARMUP_MS WINDOW_MS WINDOWS HELLO REQUEST...
 *
 * HELLO and each REQUEST are the JSON texts of protocol messages (the harness encodes them with configd's own
 * codec); one client per REQUEST. Every answer must be a frame holding "ok":true. Prints, on stdout:
 *   measuring                         when the warm-up has ended (the harness samples configd's CPU)
 *   window I REQUESTS P50_NS P99_NS   for each window, requests completed in it and their latency
 *   cpu NS                            this program's CPU time (user + system) over the windows
 * Exits 0, or 1 with one sentence on stderr.
 */
#define _GNU_SOURCE /* memmem */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#define MAX_FRAME (1 << 20)

static struct sockaddr_un address;
static const char *hello;
static long long end_ns;
static pthread_barrier_t connected;

struct client {
    pthread_t thread;
    const char *request;
    long long *done_at;
    long long *latency;
    size_t size;
    size_t capacity;
};

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long) t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void fail(const char *what) {
    fprintf(stderr, "bench-client: %s\n", what);
    exit(1);
}

static void write_frame(int fd, const char *json) {
    static __thread char buffer[4096];
    size_t length = strlen(json);
    if (length + 4 > sizeof buffer) {
        fail("a request is longer than 4 KiB");
    }
    buffer[0] = (char) (length >> 24);
    buffer[1] = (char) (length >> 16);
    buffer[2] = (char) (length >> 8);
    buffer[3] = (char) length;
    memcpy(buffer + 4, json, length);
    if (write(fd, buffer, length + 4) != (ssize_t) (length + 4)) {
        fail("configd closed the connection while a request was written");
    }
}

/* A connection's input, read as much at a time as there is: one read(2) per answer, as a buffered client does. */
struct input {
    int fd;
    char *data;
    size_t start;
    size_t end;
};

/* Makes {@code count} bytes available at in->data + in->start. */
static void need(struct input *in, size_t count) {
    if (in->end - in->start >= count) {
        return;
    }
    if (in->start > 0) {
        memmove(in->data, in->data + in->start, in->end - in->start);
        in->end -= in->start;
        in->start = 0;
    }
    while (in->end < count) {
        ssize_t n = read(in->fd, in->data + in->end, MAX_FRAME + 4 - in->end);
        if (n <= 0) {
            fail("configd closed the connection before answering");
        }
        in->end += (size_t) n;
    }
}

/* Reads one frame and checks that it is a successful response. */
static void read_answer(struct input *in) {
    need(in, 4);
    unsigned char *h = (unsigned char *) in->data + in->start;
    size_t length = (size_t) h[0] << 24 | (size_t) h[1] << 16 | (size_t) h[2] << 8 | h[3];
    if (length > MAX_FRAME) {
        fail("an answer longer than 1 MiB");
    }
    need(in, 4 + length);
    char *body = in->data + in->start + 4;
    if (memmem(body, length, "\"ok\":true", 9) == NULL) {
        fprintf(stderr, "bench-client: configd answered with %.*s\n", (int) (length < 300 ? length : 300), body);
        exit(1);
    }
    in->start += 4 + length;
}

static void record(struct client *c, long long done, long long latency) {
    if (c->size == c->capacity) {
        c->capacity = c->capacity ? c->capacity * 2 : 1 << 16;
        c->done_at = realloc(c->done_at, c->capacity * sizeof *c->done_at);
        c->latency = realloc(c->latency, c->capacity * sizeof *c->latency);
        if (c->done_at == NULL || c->latency == NULL) {
            fail("out of memory");
        }
    }
    c->done_at[c->size] = done;
    c->latency[c->size++] = latency;
}

static void *run(void *arg) {
    struct client *c = arg;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct input in = {fd, malloc(MAX_FRAME + 4), 0, 0};
    if (in.data == NULL || fd < 0 || connect(fd, (struct sockaddr *) &address, sizeof address) != 0) {
        fail("cannot connect to the info socket");
    }
    write_frame(fd, hello);
    read_answer(&in);
    pthread_barrier_wait(&connected);
    for (long long t = now_ns(); t < end_ns;) {
        write_frame(fd, c->request);
        read_answer(&in);
        long long done = now_ns();
        record(c, done, done - t);
        t = done;
    }
    close(fd);
    free(in.data);
    return NULL;
}

static int by_value(const void *a, const void *b) {
    long long x = *(const long long *) a, y = *(const long long *) b;
    return (x > y) - (x < y);
}

/* The nearest-rank percentile P of N sorted values, as the harness's Figure.percentile takes it (N > 0). */
static size_t nearest_rank(size_t n, int p) {
    size_t rank = (n * (size_t) p + 99) / 100; /* ceil(p / 100 * n) */
    return rank == 0 ? 0 : rank - 1;
}

static long long cpu_ns(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000000000LL
           + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1000LL;
}

static void sleep_until(long long at) {
    struct timespec t = {at / 1000000000LL, at % 1000000000LL};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) != 0) {
    }
}

int main(int argc, char **argv) {
    if (argc < 7) {
        fprintf(stderr, "usage: %s SOCKET WARMUP_MS WINDOW_MS WINDOWS HELLO REQUEST...\n", argv[0]);
        return 64;
    }
    address.sun_family = AF_UNIX;
    if (strlen(argv[1]) >= sizeof address.sun_path) {
        fail("the socket's path is too long");
    }
    strcpy(address.sun_path, argv[1]);
    long long warmup = atoll(argv[2]) * 1000000LL, window = atoll(argv[3]) * 1000000LL;
    int windows = atoi(argv[4]);
    hello = argv[5];
    int clients = argc - 6;
    struct client *all = calloc((size_t) clients, sizeof *all);
    if (all == NULL) {
        fail("out of memory");
    }
    pthread_barrier_init(&connected, NULL, (unsigned) clients + 1);
    /* Set before any client starts; the warm-up covers their connecting. */
    long long start = now_ns();
    end_ns = start + warmup + windows * window;
    for (int i = 0; i < clients; i++) {
        all[i].request = argv[6 + i];
        pthread_create(&all[i].thread, NULL, run, &all[i]);
    }
    pthread_barrier_wait(&connected);
    sleep_until(start + warmup);
    long long cpu_before = cpu_ns();
    printf("measuring\n");
    fflush(stdout);
    sleep_until(end_ns);
    long long cpu_after = cpu_ns();
    size_t total = 0;
    for (int i = 0; i < clients; i++) {
        pthread_join(all[i].thread, NULL);
        total += all[i].size;
    }
    long long *latencies = malloc((total + 1) * sizeof *latencies);
    if (latencies == NULL) {
        fail("out of memory");
    }
    for (int w = 0; w < windows; w++) {
        long long from = start + warmup + w * window, to = from + window;
        size_t n = 0;
        for (int i = 0; i < clients; i++) {
            for (size_t k = 0; k < all[i].size; k++) {
                if (all[i].done_at[k] >= from && all[i].done_at[k] < to) {
                    latencies[n++] = all[i].latency[k];
                }
            }
        }
        qsort(latencies, n, sizeof *latencies, by_value);
        printf("window %d %zu %lld %lld\n", w, n, n ? latencies[nearest_rank(n, 50)] : 0,
               n ? latencies[nearest_rank(n, 99)] : 0);
    }
    printf("cpu %lld\n", cpu_after - cpu_before);
    return 0;
}
