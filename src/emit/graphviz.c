/*
 * graphviz.c - runs Graphviz (cgraph + gvc) in a forked child: parse the DOT
 * text, lay it out with dot, render, send the bytes back over a pipe and
 * _exit without freeing (gvFreeLayout is where 2.42 aborts), under CPU,
 * wall-clock and memory limits (the parent watches the child's resident
 * size, which works under sanitizers and valgrind, unlike RLIMIT_AS). See
 * render.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <gvc.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cleanup.h"
#include "diag.h"
#include "graphviz.h"
#include "strbuf.h"

char *graphviz_version(void)
{
    /* A context without plugins: gvContext() would read the plugin
     * configuration, which leaks, only to answer this. */
    GVC_t *gvc = gvContextPlugins(NULL, 0);
    char *v;

    if (!gvc)
        return NULL;
    v = gvcVersion(gvc) ? strdup(gvcVersion(gvc)) : NULL;
    gvFreeContext(gvc);
    return v;
}

/* Graphviz messages arrive in pieces; collect them and print whole lines. */
static struct strbuf child_messages = STRBUF_INIT;

static int child_on_message(char *msg)
{
    strbuf_addstr(&child_messages, msg);
    return 0;
}

/* Our own standard error in the child; Graphviz's is /dev/null. */
static FILE *child_stderr;

static void child_flush_messages(void)
{
    char *line = child_messages.buf, *nl;
    FILE *err = child_stderr ? child_stderr : stderr;
    struct strbuf out = STRBUF_INIT;

    while (line && *line) {
        nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (*line)
            diag_format(&out, NULL, "error", "graphviz: %s", line);
        line = nl ? nl + 1 : NULL;
    }
    fputs(out.buf, err);
    fflush(err);
    strbuf_release(&out);
}

/*
 * Parts of Graphviz print straight to standard error ("libpath/shortest.c:
 * 324: triangulation failed", by the hundred on a large drawing, when an
 * arrow's route is degraded): keep our messages on a copy of the
 * descriptor and send Graphviz's own to /dev/null. Sanitizer builds keep
 * standard error, where their reports go.
 */
static void child_quiet_stderr(void)
{
#if !defined(__SANITIZE_ADDRESS__)
    int saved = dup(STDERR_FILENO);
    int null = open("/dev/null", O_WRONLY);

    if (saved < 0 || null < 0)
        return;
    child_stderr = fdopen(saved, "w");
    if (child_stderr)
        dup2(null, STDERR_FILENO);
    close(null);
#endif
}

/* "57614" as "57,614". */
static void add_thousands(struct strbuf *sb, double x)
{
    char digits[32];
    int n = snprintf(digits, sizeof(digits), "%.0f", x), i;

    for (i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            strbuf_addch(sb, ',');
        strbuf_addch(sb, digits[i]);
    }
}

/*
 * The raster guard: a PNG is at most GRAPHVIZ_PNG_MAX_PX pixels a side
 * (Graphviz's cairo shrinks a larger drawing to fit) and PDF readers show
 * at most GRAPHVIZ_PDF_MAX_PT points a side; when fitting the laid-out
 * drawing would make its interfaces' text (10 pt) smaller than
 * GRAPHVIZ_READABLE_TEXT, say so, with the text's size, in a warning.
 */
static void child_raster_guard(Agraph_t *g, const char *format, double dpi)
{
    const char *bb = agget(g, "bb");
    double llx, lly, urx, ury, w, h, side, limit, text;
    int png = strcmp(format, "png") == 0;
    struct strbuf sb = STRBUF_INIT, msg = STRBUF_INIT;

    char bbox[128], *p;

    if ((!png && strcmp(format, "pdf") != 0) || !bb)
        return;
    /* gvLayout() writes "llx lly urx ury"; a DOT file's bb has commas. */
    snprintf(bbox, sizeof(bbox), "%s", bb);
    for (p = bbox; *p; p++)
        if (*p == ',')
            *p = ' ';
    if (sscanf(bbox, "%lf %lf %lf %lf", &llx, &lly, &urx, &ury) != 4)
        return;
    w = urx - llx;
    h = ury - lly;
    side = w > h ? w : h;
    /* In pixels for a PNG (dpi per 72 pt), in points for a PDF. */
    limit = png ? GRAPHVIZ_PNG_MAX_PX * 72.0 / (dpi > 0 ? dpi : 96.0) : GRAPHVIZ_PDF_MAX_PT;
    if (side <= limit)
        return;
    text = 10.0 * limit / side * (png ? (dpi > 0 ? dpi : 96.0) / 72.0 : 1.0);
    if (text >= GRAPHVIZ_READABLE_TEXT)
        return;
    strbuf_addstr(&sb, "the drawing is ");
    add_thousands(&sb, side);
    strbuf_addf(&sb, " pt %s: shrunk to fit %s's ", w > h ? "wide" : "tall", png ? "PNG" : "PDF");
    add_thousands(&sb, png ? GRAPHVIZ_PNG_MAX_PX : GRAPHVIZ_PDF_MAX_PT);
    strbuf_addf(&sb, " %s, its text would be %.1f %s; try -f html, --split or --group",
                png ? "px" : "pt", text, png ? "px" : "pt");
    diag_format(&msg, NULL, "warning", "%s", sb.buf);
    fputs(msg.buf, child_stderr ? child_stderr : stderr);
    fflush(child_stderr ? child_stderr : stderr);
    strbuf_release(&sb);
    strbuf_release(&msg);
}

static _Noreturn void child_run(int fd, const char *dot, const char *engine, const char *format,
                                double dpi, unsigned timeout)
{
    struct rlimit cpu = {timeout, timeout + 1};
    const char *fault = getenv("SGMAP_TEST_FAULT");
    GVC_t *gvc;
    Agraph_t *g;
    FILE *out;

    setrlimit(RLIMIT_CPU, &cpu);
    alarm(timeout);
    /* Test hook: a layout slow enough to be interrupted (signals.sh). */
    if (fault && strcmp(fault, "slow-layout") == 0)
        sleep(30);
    child_quiet_stderr();
    agseterr(AGERR);
    agseterrf(child_on_message);
    gvc = gvContext();
    g = agmemread(dot);
    if (!g) {
        child_flush_messages();
        _exit(EXIT_SYSTEM);
    }
    if (dpi > 0) {
        char value[32];
        snprintf(value, sizeof(value), "%g", dpi);
        agsafeset(g, "dpi", value, "");
    }
    if (gvLayout(gvc, g, engine) != 0) {
        child_flush_messages();
        _exit(EXIT_SYSTEM);
    }
    /* Test hooks: simulate Graphviz aborting inside the layout, with any
     * engine or with dot only. */
    if (fault && (strcmp(fault, "layout-abort") == 0 ||
                  (strcmp(fault, "dot-abort") == 0 && strcmp(engine, "dot") == 0)))
        abort();
    /* Straight into the pipe: gvRenderData() grew its buffer a page at a
     * time, hundreds of remaps for the 28 MB SVG of a 10,000-group
     * account. The parent keeps nothing unless this exits with 0. */
    out = fdopen(fd, "w");
    if (!out || gvRender(gvc, g, format, out) != 0 || fflush(out) != 0 || ferror(out)) {
        child_flush_messages();
        _exit(EXIT_SYSTEM);
    }
    child_raster_guard(g, format, dpi);
    /* Test hook: free the layout as a library user would; 2.42 can abort here. */
    if (fault && strcmp(fault, "free-layout") == 0) {
        gvFreeLayout(gvc, g);
        agclose(g);
    }
    _exit(0);
}

/*
 * Cairo stamps PDFs with the current time and ignores SOURCE_DATE_EPOCH, so
 * the same input would give different files. Overwrite the date in place
 * with the epoch (same length, so the cross-reference offsets stay valid).
 */
static void pdf_fix_date(char *data, size_t len)
{
    static const char key[] = "/CreationDate (D:";
    static const char epoch[] = "19700101000000";
    size_t klen = sizeof(key) - 1, i, j;

    for (i = 0; i + klen + 14 <= len; i++) {
        if (memcmp(data + i, key, klen) != 0)
            continue;
        for (j = 0; j < 14; j++)
            if (data[i + klen + j] < '0' || data[i + klen + j] > '9')
                return;
        memcpy(data + i + klen, epoch, 14);
        return;
    }
}

/* Layout costs measured on Graphviz 2.42 (graphviz-notes.md, section 5):
 * dot's default stays under ~2 s up to about 300 clusters x 900 edges;
 * nslimit1/mclimit keep 1000 x 3000 near 7 s, and a filtered view (one
 * VPC of the quota account at the group level: 834 boxes x 1,819 edges)
 * can take over a minute even with nslimit=0.02, while the packed
 * overview of the whole account takes seconds; so ranked layouts stop at
 * about 1,000,000, and beyond that only osage (packed clusters, straight
 * edges) finishes in seconds. A drawing of part of an input is never laid
 * out slower than the drawing of all of it, which costs more. */
#define COST_DEFAULT_MAX 300000.0
#define COST_FAST_MAX 1000000.0

const char *graphviz_plan(const struct view *v, struct dot_layout *plan)
{
    size_t handles = 0, edges = 0, i;
    double cost;

    for (i = 0; i < v->nnodes; i++)
        if (v->nodes[i]->type == VNODE_HANDLE)
            handles++;
    /* Arrows folded into boxes are not drawn. */
    for (i = 0; i < v->nedges; i++)
        edges += !v->edges[i]->folded;
    cost = (double)(v->nclusters + handles + 1) * (double)(edges + 1) + (double)v->nnodes;
    plan->engine = "dot";
    plan->fast = 0;
    plan->packed = 0;
    if (cost <= COST_DEFAULT_MAX)
        return NULL;
    if (cost <= COST_FAST_MAX) {
        plan->fast = 1;
        return "large drawing: using faster dot settings (nslimit1=1 nslimit=0.02 mclimit=0.1)";
    }
    graphviz_plan_packed(plan);
    return "very large drawing: packing groups with osage (arrows drawn straight, their ports "
           "in tooltips); use --vpc, --group or --exclude for a ranked drawing";
}

/* The resident memory of process pid in bytes, from /proc (0 if unknown). */
static unsigned long long resident_bytes(pid_t pid)
{
    char statm[64];
    unsigned long long size = 0, resident = 0;
    FILE *fp;

    snprintf(statm, sizeof(statm), "/proc/%ld/statm", (long)pid);
    fp = fopen(statm, "r");
    if (!fp)
        return 0;
    if (fscanf(fp, "%llu %llu", &size, &resident) != 2)
        resident = 0;
    fclose(fp);
    return resident * (unsigned long long)sysconf(_SC_PAGESIZE);
}

void graphviz_plan_packed(struct dot_layout *plan)
{
    plan->engine = "osage";
    plan->fast = 0;
    plan->packed = 1;
}

/* Why the last layout failed, for graphviz_last_failure(). */
static struct strbuf last_failure = STRBUF_INIT;

const char *graphviz_last_failure(void)
{
    return last_failure.buf;
}

int graphviz_render(const char *dot, const char *engine, const char *format, double dpi,
                    unsigned timeout_seconds, char **out, size_t *outlen)
{
    int fds[2], status, fork_errno;
    pid_t pid, parent;
    sigset_t held;
    struct strbuf sb = STRBUF_INIT;
    char buf[65536];
    ssize_t n;
    unsigned ticks = 0; /* tenths of a second without output */
    int too_big = 0;

    fflush(stdout);
    fflush(stderr);
    if (pipe(fds) < 0) {
        diag_system("cannot create a pipe: %s", strerror(errno));
        return -1;
    }
    /* The child dies with sgmap, whether a signal handler kills it or
     * sgmap is killed outright (cleanup.h); signals are held until it is
     * registered, and in the child until it is set up. */
    parent = getpid();
    cleanup_hold(&held);
    pid = fork();
    if (pid == 0) {
        close(fds[0]);
        if (cleanup_in_child(parent, &held) < 0)
            _exit(EXIT_SYSTEM);
        child_run(fds[1], dot, engine, format, dpi, timeout_seconds);
    }
    if (pid > 0)
        cleanup_set_child(pid);
    fork_errno = errno;
    cleanup_release(&held);
    if (pid < 0) {
        diag_system("cannot start the layout process: %s", strerror(fork_errno));
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    close(fds[1]);
    for (;;) {
        struct pollfd pfd = {fds[0], POLLIN, 0};
        int ready = poll(&pfd, 1, 100);
        if (!too_big && resident_bytes(pid) > GRAPHVIZ_MEMORY_LIMIT) {
            /* A runaway layout is stopped before it exhausts the machine. */
            too_big = 1;
            kill(pid, SIGKILL);
        }
        if (ready == 0) {
            /* A progress line for long layouts, only on a terminal. */
            if (++ticks >= 20 && ticks % 10 == 0)
                diag_progress("laying out the drawing (%u s)", ticks / 10);
            continue;
        }
        if (ready < 0 && errno == EINTR)
            continue;
        n = read(fds[0], buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        strbuf_add(&sb, buf, (size_t)n);
    }
    diag_progress_done();
    close(fds[0]);
    /* Forgotten before it is reaped, when its pid could be reused; a
     * signal meanwhile still takes it down through PR_SET_PDEATHSIG. */
    cleanup_hold(&held);
    cleanup_set_child(0);
    cleanup_release(&held);
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            diag_system("cannot wait for the layout process: %s", strerror(errno));
            strbuf_release(&sb);
            return -1;
        }
    }
    if (too_big) {
        strbuf_reset(&last_failure);
        strbuf_addf(&last_failure,
                    "graphviz needed more than %lu MiB to lay out the drawing with %s",
                    (unsigned long)(GRAPHVIZ_MEMORY_LIMIT >> 20), engine);
        strbuf_release(&sb);
        return GRAPHVIZ_LAYOUT_FAILED;
    }
    if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        strbuf_reset(&last_failure);
        if (sig == SIGXCPU || sig == SIGALRM || sig == SIGKILL)
            strbuf_addf(&last_failure, "graphviz layout with %s took longer than %u seconds",
                        engine, timeout_seconds);
        else
            strbuf_addf(&last_failure, "graphviz crashed while drawing with %s (signal %d, %s)",
                        engine, sig, strsignal(sig));
        strbuf_release(&sb);
        return GRAPHVIZ_LAYOUT_FAILED;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        diag_system("graphviz could not draw the %s output; nothing was written", format);
        strbuf_release(&sb);
        return -1;
    }
    if (strcmp(format, "pdf") == 0)
        pdf_fix_date(sb.buf, sb.len);
    *outlen = sb.len;
    *out = strbuf_detach(&sb);
    return 0;
}
