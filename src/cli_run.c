/*
 * cli_run.c -- the front end's run: which files to read, where the
 * output goes, and the loop that advises each scenario and folds every
 * outcome into one exit status (the highest wins).
 */
/* realpath() is an X/Open interface in glibc's headers. */
#define _XOPEN_SOURCE 700

#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static void
inputs_add(struct inputs *in, char *path, int found, const struct aa_diags *why)
{
    if (in->n == in->cap) {
        in->cap = in->cap ? in->cap * 2 : 16;
        in->v = realloc(in->v, in->cap * sizeof(*in->v));
        in->found = realloc(in->found, in->cap);
        in->why = realloc(in->why, in->cap * sizeof(*in->why));
        if (in->v == NULL || in->found == NULL || in->why == NULL)
            exit(AA_EXIT_INTERNAL);
    }
    in->found[in->n] = (unsigned char)found;
    in->why[in->n] = why;
    in->v[in->n++] = path;
}

void
cli_inputs_fini(struct inputs *in)
{
    for (size_t i = 0; i < in->n; i++)
        free(in->v[i]);
    free(in->v);
    free(in->found);
    free(in->why);
    for (size_t i = 0; i < in->nwalks; i++)
        aa_diags_free(in->walks[i]);
    free(in->walks);
    memset(in, 0, sizeof(*in));
}

static char *
xstrdup(const char *s)
{
    char *d = strdup(s);

    if (d == NULL)
        exit(AA_EXIT_INTERNAL);
    return d;
}

static struct aa_diags *
new_diags(void)
{
    struct aa_diags *dl = aa_diags_new();

    if (dl == NULL)
        exit(AA_EXIT_INTERNAL);
    return dl;
}

/* ---- the root ------------------------------------------------------- */

static char *
own(struct cli_opts *o, char *path)
{
    o->owned[o->nowned++] = path; /* room for one per argument */
    return path;
}

/* "--root DIR: " and why DIR cannot be the root. */
static char *
root_error(const char *dir, const char *what, const char *why)
{
    char *s = malloc(strlen(dir) + strlen(what) + strlen(why) + 16);

    if (s == NULL)
        exit(AA_EXIT_INTERNAL);
    sprintf(s, "--root %s: %s%s", dir, what, why);
    return s;
}

/* Reports name every file relative to the root.  Rather than keep two
 * names for each (one to open it by, one to show), the run works from the
 * root: paths typed relative to where the user stands are rewritten
 * first, then the process moves.  Messages on standard error then name
 * files as reports do. */
char *
cli_enter_root(struct cli_opts *o, size_t first)
{
    const char *name = o->root != NULL ? o->root : ".";
    char *root = realpath(name, NULL), *cwd, *why = NULL;
    struct stat st;

    if (root == NULL || stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) {
        if (o->root != NULL)
            why = root_error(o->root, "",
                             root == NULL ? strerror(errno) : "not a folder");
        free(root); /* without a current folder, names stay as typed */
        return why;
    }
    for (size_t i = first; i < o->nfiles; i++)
        o->files[i] = own(o, aa_path_relative(root, o->files[i]));
    /* An input too, named as the others are ("/abs/w/x.tf" is w/x.tf). */
    if (o->explain != NULL)
        o->explain = own(o, aa_path_relative(root, o->explain));
    cwd = realpath(".", NULL);
    if (cwd != NULL && strcmp(cwd, root) != 0) {
        for (size_t i = 0; i < o->nrules; i++)
            o->rules[i] = own(o, aa_path_relative(root, o->rules[i]));
        for (size_t i = 0; i < o->noutputs; i++)
            o->outputs[i].path =
                own(o, aa_path_relative(root, o->outputs[i].path));
        if (o->baseline != NULL)
            o->baseline = own(o, aa_path_relative(root, o->baseline));
        if (o->compare != NULL)
            o->compare = own(o, aa_path_relative(root, o->compare));
        if (o->write_baseline != NULL)
            o->write_baseline =
                own(o, aa_path_relative(root, o->write_baseline));
        if (chdir(root) != 0)
            why = root_error(name, "cannot enter: ", strerror(errno));
    }
    free(cwd);
    free(root);
    return why;
}

/* The inputs being sorted by drop_repeats (C11 has no qsort_r). */
static const struct inputs *sorting;

static int
cmp_input(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    int c = strcmp(sorting->v[a], sorting->v[b]);

    return c != 0 ? c : a < b ? -1 : a > b;
}

/* A file named more than once (a folder and a plan in it, one folder
 * twice) is advised once, where it came first: twice, its findings were
 * counted twice and SARIF held each result twice.  Names are compared as
 * the run shows them, normalised below the root. */
static void
drop_repeats(struct inputs *in)
{
    size_t *ord, k = 0, dropped = 0;
    unsigned char *gone;

    if (in->n < 2)
        return;
    ord = malloc(in->n * sizeof(*ord));
    gone = calloc(in->n, 1);
    if (ord == NULL || gone == NULL)
        exit(AA_EXIT_INTERNAL);
    for (size_t i = 0; i < in->n; i++)
        ord[i] = i;
    sorting = in;
    qsort(ord, in->n, sizeof(*ord), cmp_input);
    for (size_t i = 1; i < in->n; i++)
        if (strcmp(in->v[ord[i]], in->v[ord[i - 1]]) == 0) {
            gone[ord[i]] = 1;
            dropped++;
        }
    for (size_t i = 0; i < in->n; i++) {
        if (gone[i]) {
            free(in->v[i]);
            continue;
        }
        in->v[k] = in->v[i];
        in->found[k] = in->found[i];
        in->why[k++] = in->why[i];
    }
    in->n = k;
    if (dropped > 0)
        aa_message(stderr,
                   "note: %zu repeated name%s of a file given already left "
                   "out: each file is advised once",
                   dropped, dropped == 1 ? "" : "s");
    free(ord);
    free(gone);
}

/* FILE arguments -> scenario files: folders expand (aa_walk_plans), the
 * rest (files, '-') stay as given, so that a file that exists but cannot
 * be read is reported when read.  An argument that names nothing is a
 * usage error, said before anything is read: a mistyped or empty folder
 * must not pass a CI gate.  A folder that cannot be walked whole fails
 * the run. */
int
cli_expand_inputs(char **args, size_t n, struct inputs *in)
{
    int status = AA_EXIT_OK, usage = 0, stdin_named = 0;

    for (size_t i = 0; i < n; i++) {
        struct aa_diags *dl;
        struct stat st;
        char **paths;
        unsigned char *failed;
        size_t np, nfailed = 0;
        int rc;

        /* Read to its end the first time, it would be empty the second. */
        if (strcmp(args[i], "-") == 0 && stdin_named++ > 0) {
            if (stdin_named == 2)
                aa_message(stderr, "error: '-' (standard input) is named more "
                                   "than once; it can be read once");
            usage = 1;
            continue;
        }
        if (strcmp(args[i], "-") != 0 && stat(args[i], &st) != 0 &&
            (errno == ENOENT || errno == ENOTDIR)) {
            aa_message(stderr, "%s: error: no such file or folder", args[i]);
            usage = 1;
            continue;
        }
        if (strcmp(args[i], "-") == 0 || !S_ISDIR(st.st_mode)) {
            inputs_add(in, xstrdup(args[i]), 0, NULL);
            continue;
        }
        dl = new_diags();
        rc = aa_walk_plans_all(args[i], &paths, &failed, &np, dl);
        aa_diags_print(dl, stderr);
        /* A place the walk could not read is listed in the reports, as a
         * plan that cannot be read is: its error must not live on
         * standard error alone. */
        for (size_t k = 0; k < np; k++) {
            inputs_add(in, paths[k], failed[k] ? 2 : 1, failed[k] ? dl : NULL);
            nfailed += failed[k];
        }
        free(paths);
        free(failed);
        if (nfailed > 0) {
            in->walks = realloc(in->walks, (in->nwalks + 1) * sizeof(dl));
            if (in->walks == NULL)
                exit(AA_EXIT_INTERNAL);
            in->walks[in->nwalks++] = dl;
        } else {
            aa_diags_free(dl);
        }
        if (rc != 0) {
            status = AA_EXIT_INPUT;
        } else if (np == 0) {
            aa_message(stderr,
                       "%s: error: no *.json file in this folder (after "
                       "exclusions)",
                       args[i]);
            usage = 1;
        }
    }
    drop_repeats(in);
    return usage ? AA_EXIT_USAGE : status;
}

int
cli_read_ignore_file(const char *path)
{
    struct aa_diags *dl = new_diags();
    struct stat st;
    char line[4096];
    unsigned lineno = 0;
    FILE *fp;
    int rc = 0;

    if (stat(path, &st) != 0 && errno == ENOENT) {
        aa_diags_free(dl);
        return 0;
    }
    if (aa_walk_check_input(path, dl) != 0) {
        aa_diags_print(dl, stderr);
        aa_diags_free(dl);
        return -1;
    }
    aa_diags_free(dl);
    if ((fp = fopen(path, "r")) == NULL) {
        aa_message(stderr, "%s: error: cannot open: %s", path, strerror(errno));
        return -1;
    }
    while (rc == 0 && fgets(line, sizeof(line), fp) != NULL) {
        size_t len = strlen(line);

        lineno++;
        if (len == sizeof(line) - 1 && line[len - 1] != '\n') {
            aa_message(stderr, "%s:%u: error: line longer than %zu bytes", path,
                       lineno, sizeof(line) - 2);
            rc = -1;
            break;
        }
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' ||
                           line[len - 1] == ' ' || line[len - 1] == '\t'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        if (aa_walk_exclude(line) != 0) {
            aa_message(stderr, "%s:%u: error: '%s' names nothing", path, lineno,
                       line);
            rc = -1;
        }
    }
    if (ferror(fp)) {
        aa_message(stderr, "%s: error: cannot read: %s", path, strerror(errno));
        rc = -1;
    }
    fclose(fp);
    return rc;
}

/* ---- outputs named as inputs ---------------------------------------- */

/* What makes two paths the same file: device and inode for a file that
 * exists; for one that does not (yet), the path with its folder resolved,
 * and for a link that leads to no file yet, where it leads (writing
 * through it makes that file). */
struct ident {
    int exists;
    dev_t dev;
    ino_t ino;
    char *real;
};

static void
ident_at(const char *path, struct ident *id, int links)
{
    const char *slash = strrchr(path, '/');
    char *dir, *rdir;
    struct stat st;

    memset(id, 0, sizeof(*id));
    if (stat(path, &st) == 0) {
        id->exists = 1;
        id->dev = st.st_dev;
        id->ino = st.st_ino;
        return;
    }
    if (links < 8 && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        char target[4096];
        ssize_t n = readlink(path, target, sizeof(target) - 1);

        if (n > 0) {
            char *to;

            target[n] = '\0';
            if (target[0] == '/' || slash == NULL) {
                to = xstrdup(target);
            } else {
                to = malloc((size_t)(slash - path) + (size_t)n + 2);
                if (to == NULL)
                    exit(AA_EXIT_INTERNAL);
                sprintf(to, "%.*s/%s", (int)(slash - path), path, target);
            }
            ident_at(to, id, links + 1);
            free(to);
            return;
        }
    }
    dir = slash == NULL   ? xstrdup(".")
          : slash == path ? xstrdup("/")
                          : strndup(path, (size_t)(slash - path));
    if (dir == NULL)
        exit(AA_EXIT_INTERNAL);
    rdir = realpath(dir, NULL);
    if (rdir == NULL) {
        id->real = xstrdup(path);
    } else {
        id->real = malloc(strlen(rdir) + strlen(path) + 2);
        if (id->real == NULL)
            exit(AA_EXIT_INTERNAL);
        sprintf(id->real, "%s/%s", rdir, slash ? slash + 1 : path);
    }
    free(rdir);
    free(dir);
}

static void
ident_of(const char *path, struct ident *id)
{
    ident_at(path, id, 0);
}

static int
is_link(const char *path)
{
    struct stat st;

    return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

static int
ident_same(const struct ident *a, const struct ident *b)
{
    if (a->exists != b->exists)
        return 0;
    if (a->exists)
        return a->dev == b->dev && a->ino == b->ino;
    return strcmp(a->real, b->real) == 0;
}

/* A file that --rules DIR loads: *.yaml or *.yml, not hidden, in DIR. */
static int
in_rules_dir(const char *path, const char *dir)
{
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    struct ident d, p;
    char *parent;
    int in;

    if (!aa_walk_yaml_name(base))
        return 0;
    parent = slash == NULL   ? xstrdup(".")
             : slash == path ? xstrdup("/")
                             : strndup(path, (size_t)(slash - path));
    if (parent == NULL)
        exit(AA_EXIT_INTERNAL);
    ident_of(dir, &d);
    ident_of(parent, &p);
    in = d.exists && ident_same(&d, &p);
    free(d.real);
    free(p.real);
    free(parent);
    return in;
}

static char *
describe(const struct output *out, const char *baseline_path)
{
    char *s = NULL;

    if (out == NULL && baseline_path != NULL) {
        s = malloc(strlen(baseline_path) + 20);
        if (s != NULL)
            sprintf(s, "--write-baseline %s", baseline_path);
    } else if (out != NULL) {
        s = malloc(strlen(out->format) + strlen(out->path) + 12);
        if (s != NULL)
            sprintf(s, "--output %s=%s", out->format, out->path);
    }
    if (s == NULL)
        exit(AA_EXIT_INTERNAL);
    return s;
}

/* what and then rest, as a new string. */
static char *
said(const char *what, const char *rest)
{
    char *s = malloc(strlen(what) + strlen(rest) + 1);

    if (s == NULL)
        exit(AA_EXIT_INTERNAL);
    strcpy(s, what);
    strcat(s, rest);
    return s;
}

static char *
clash(const char *what, const char *input)
{
    char *s = malloc(strlen(what) + strlen(input) + 64);

    if (s == NULL)
        exit(AA_EXIT_INTERNAL);
    sprintf(s, "%s names the input %s; give the output another path", what,
            input);
    return s;
}

char *
cli_check_outputs(const struct cli_opts *o, const struct inputs *in)
{
    size_t nout = o->noutputs + (o->write_baseline != NULL);
    struct ident *ids = calloc(nout + 1, sizeof(*ids)), ignore;
    char *why = NULL;
    int reads_stdin = 0;

    if (ids == NULL)
        exit(AA_EXIT_INTERNAL);
    for (size_t i = 0; i < in->n; i++)
        reads_stdin |= strcmp(in->v[i], "-") == 0;
    for (size_t k = 0; k < nout; k++)
        ident_of(k < o->noutputs ? o->outputs[k].path : o->write_baseline,
                 &ids[k]);
    /* The ignore file read at the root (the run is there). */
    ident_of(".attrib-advise-ignore", &ignore);
    for (size_t k = 0; k < nout && why == NULL; k++) {
        const struct output *out = k < o->noutputs ? &o->outputs[k] : NULL;
        const char *path = out ? out->path : o->write_baseline;
        char *what = describe(out, o->write_baseline);
        struct ident id;

        if (strcmp(path, "-") == 0)
            why = said(what, ": '-' is no file here; for standard output, "
                             "use --format instead");
        /* A file this run already writes through its standard output or
         * error (a redirection, a pipe, or a link to /dev/stdout):
         * replacing it would lose what was written there, and writing
         * into it would mix two reports for the reader at its end.  And
         * the file or pipe standard input reads: a pipe's write end held
         * by this run would keep its read from ever ending, or swallow the
         * report unread, whether or not '-' is an input; a file is lost
         * only where '-' reads it, or is named through a link such as
         * /dev/stdin, which says standard input and may point at a file
         * with no name left (else it is replaced whole, as any output).  Not a
         * character device: /dev/null takes both, and a terminal is no file. */
        for (int fd = 0; fd <= 2 && why == NULL; fd++) {
            static const char *const whose[] = {
                " names the file or pipe this run's standard input reads; "
                "give the output another path",
                " names the file this run's standard output goes to; give "
                "the output another path",
                " names the file this run's standard error goes to; give "
                "the output another path"};
            struct stat st;

            if (ids[k].exists && fstat(fd, &st) == 0 &&
                ((S_ISREG(st.st_mode) &&
                  (fd > 0 || reads_stdin || is_link(path))) ||
                 S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode)) &&
                st.st_dev == ids[k].dev && st.st_ino == ids[k].ino)
                why = said(what, whose[fd]);
        }
        for (size_t j = 0; j < k && why == NULL; j++)
            if (ident_same(&ids[j], &ids[k])) {
                char *first = describe(&o->outputs[j], NULL);

                why = malloc(strlen(first) + strlen(what) + 32);
                if (why == NULL)
                    exit(AA_EXIT_INTERNAL);
                sprintf(why, "%s and %s name the same file", first, what);
                free(first);
            }
        for (size_t i = 0; i < in->n && why == NULL; i++) {
            if (strcmp(in->v[i], "-") == 0)
                continue; /* standard input: above */
            ident_of(in->v[i], &id);
            if (ident_same(&id, &ids[k]))
                why = clash(what, in->v[i]);
            free(id.real);
        }
        /* The config file in force, and the ignore file: what every later
         * run reads. */
        if (why == NULL && o->cfg != NULL && ids[k].exists &&
            (unsigned long long)ids[k].dev == o->cfg_dev &&
            (unsigned long long)ids[k].ino == o->cfg_ino)
            why = clash(what, aa_config_values(o->cfg)->path);
        if (why == NULL && ignore.exists && ident_same(&ignore, &ids[k]))
            why = clash(what, ".attrib-advise-ignore");
        /* Reading a baseline and writing its successor in one run is how
         * a baseline is refreshed: it is read whole before it is replaced. */
        if (why == NULL && o->baseline != NULL && out != NULL) {
            ident_of(o->baseline, &id);
            if (ident_same(&id, &ids[k]))
                why = clash(what, o->baseline);
            free(id.real);
        }
        for (size_t r = 0; r < o->nrules && why == NULL; r++) {
            struct stat st;

            if (stat(o->rules[r], &st) == 0 && S_ISDIR(st.st_mode)) {
                if (ids[k].exists && in_rules_dir(path, o->rules[r]))
                    why = clash(what, path);
                continue;
            }
            ident_of(o->rules[r], &id);
            if (ident_same(&id, &ids[k]))
                why = clash(what, o->rules[r]);
            free(id.real);
        }
        free(what);
    }
    for (size_t k = 0; k < nout; k++)
        free(ids[k].real);
    free(ids);
    free(ignore.real);
    return why;
}

char *
cli_output_read(const struct cli_opts *o,
                int (*reads)(const void *ctx, const char *path),
                const void *ctx, const char *whose)
{
    size_t nout = o->noutputs + (o->write_baseline != NULL);

    for (size_t k = 0; k < nout; k++) {
        const struct output *out = k < o->noutputs ? &o->outputs[k] : NULL;
        const char *path = out ? out->path : o->write_baseline;
        char *what, *why, *input;

        if (!reads(ctx, path))
            continue;
        what = describe(out, o->write_baseline);
        if (whose == NULL) {
            why = clash(what, path);
        } else {
            input = malloc(strlen(path) + strlen(whose) + 32);
            if (input == NULL)
                exit(AA_EXIT_INTERNAL);
            sprintf(input, "%s (an artifact of %s)", path, whose);
            why = clash(what, input);
            free(input);
        }
        free(what);
        return why;
    }
    return NULL;
}

/* ---- files written whole -------------------------------------------- */

/*
 * Every file a run writes (--output, --write-baseline) is written to a
 * temporary file beside it and renamed into place when complete, so a
 * final file is never partial.  The temporary files in flight are on a
 * list that the handler of the ordinary termination signals removes
 * before the signal takes its default course.  The list changes only
 * with those signals blocked, so the handler never sees it half made and
 * needs nothing but unlink(), which is async-signal-safe.  SIGKILL cannot
 * be caught: kill -9 may leave a temporary file, never a partial final one.
 */
static struct outfile *volatile inflight;
static sigset_t caught;
static struct sigaction default_action; /* made before any handler runs */
static volatile sig_atomic_t catching;

/* Also at exit(), on the way out of an internal error (out of memory). */
static void
remove_inflight(void)
{
    for (struct outfile *f = inflight; f != NULL; f = f->next)
        (void)unlink(f->tmp);
}

static void
on_signal(int sig)
{
    remove_inflight(); /* unlink() only: async-signal-safe */
    (void)sigaction(sig, &default_action, NULL);
    /* Pending until the handler returns, then the default action: the
     * parent sees the process end by this signal, as before. */
    (void)raise(sig);
}

void
cli_catch_signals(void)
{
    static const int sigs[] = {SIGHUP,  SIGINT,  SIGQUIT, SIGTERM, SIGPIPE,
                               SIGALRM, SIGUSR1, SIGUSR2, SIGXCPU, SIGXFSZ};
    struct sigaction sa, old;
    size_t n = sizeof(sigs) / sizeof(*sigs);

    sigemptyset(&caught);
    for (size_t i = 0; i < n; i++)
        sigaddset(&caught, sigs[i]);
    default_action.sa_handler = SIG_DFL;
    sigemptyset(&default_action.sa_mask);
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sa.sa_mask = caught;
    for (size_t i = 0; i < n; i++) {
        /* A signal ignored on entry (nohup, a background job) stays so. */
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        (void)sigaction(sigs[i], &sa, NULL);
    }
    catching = 1;
    (void)atexit(remove_inflight);
}

static void
block_signals(sigset_t *old)
{
    if (catching)
        sigprocmask(SIG_BLOCK, &caught, old);
}

static void
restore_signals(const sigset_t *old)
{
    if (catching)
        sigprocmask(SIG_SETMASK, old, NULL);
}

static void
inflight_remove(struct outfile *f)
{
    struct outfile *volatile *p = &inflight;

    while (*p != NULL && *p != f)
        p = &(*p)->next;
    if (*p != NULL)
        *p = f->next;
}

/* The mode a plain open(O_CREAT, 0666) would give; mkstemp gives 0600. */
static mode_t
create_mode(void)
{
    mode_t mask = umask(077);

    umask(mask);
    return 0666 & ~mask;
}

/* Open path itself for writing: a device, a FIFO, or what a dangling
 * symbolic link names (created). */
static int
open_direct(struct outfile *f)
{
    /* Non-blocking first: a FIFO that nobody reads fails with ENXIO
     * instead of holding the run; then the writes block as usual. */
    int fd = open(f->path, O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY | O_NONBLOCK,
                  0666),
        fl;

    if (fd < 0)
        return -1;
    if ((fl = fcntl(fd, F_GETFL)) == -1 ||
        fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1) {
        int err = errno;

        close(fd);
        errno = err;
        return -1;
    }
    if ((f->fp = fdopen(fd, "w")) == NULL) {
        int err = errno;

        close(fd);
        errno = err;
        return -1;
    }
    f->direct = 1;
    if ((f->tmp = strdup(f->path)) == NULL) /* marks the file open */
        exit(AA_EXIT_INTERNAL);
    return 0;
}

int
cli_stdin_pipe(const struct stat *st)
{
    struct stat in;

    return (S_ISFIFO(st->st_mode) || S_ISSOCK(st->st_mode)) &&
           fstat(0, &in) == 0 && in.st_dev == st->st_dev &&
           in.st_ino == st->st_ino;
}

int
cli_outfile_open(struct outfile *f, const char *path)
{
    sigset_t old;
    int fd, err;
    struct stat st;
    const char *at = path;
    int there;

    memset(f, 0, sizeof(*f));
    f->path = path;
    there = stat(path, &st) == 0; /* what the path names, through links */
    /* A folder, or a link to one: rename() would fail on the first and
     * replace the second, the link, with a file. */
    if (there && S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return -1;
    }
    /* The pipe or socket standard input reads: what is written there goes
     * back to this run's input, unread, or blocks its read for ever (an
     * interview's answers, a name typed at its report prompt). */
    if (there && cli_stdin_pipe(&st)) {
        errno = ESPIPE;
        return -1;
    }
    if (there && !S_ISREG(st.st_mode))
        return open_direct(f);
    if (is_link(path)) {
        if (!there)
            return open_direct(f); /* dangling: create what it names */
        /* A link whose file has no name left (/dev/stdin to a deleted
         * file): replaced, the link itself would go, which is never
         * done. */
        if (S_ISREG(st.st_mode) && (f->target = realpath(path, NULL)) == NULL)
            return -1;
        at = f->target;
    }
    if ((f->tmp = malloc(strlen(at) + 12)) == NULL)
        exit(AA_EXIT_INTERNAL);
    sprintf(f->tmp, "%s.tmp.XXXXXX", at);
    /* Listed before a signal can see the file exist. */
    block_signals(&old);
    if ((fd = mkstemp(f->tmp)) >= 0) {
        f->next = inflight;
        inflight = f;
    }
    restore_signals(&old);
    if (fd < 0) {
        err = errno;
        free(f->tmp);
        f->tmp = NULL;
        errno = err;
        return -1;
    }
    /* Like any file the user creates; a failure leaves the safe 0600. */
    (void)fchmod(fd, create_mode());
    if ((f->fp = fdopen(fd, "w")) == NULL) {
        err = errno;
        close(fd);
        cli_outfile_abort(f);
        errno = err;
        return -1;
    }
    return 0;
}

/* A folder is said as one, whichever call met it: open() says EISDIR,
 * but rename() onto "." or a mount point says EBUSY, and onto a folder
 * made during the run EISDIR, EEXIST or ENOTEMPTY, none of which tells
 * the user what to change. */
const char *
cli_outfile_why(const char *path, int err)
{
    struct stat st;

    if (err == EISDIR || ((err == EBUSY || err == EEXIST || err == ENOTEMPTY) &&
                          stat(path, &st) == 0 && S_ISDIR(st.st_mode)))
        return "it is a folder, not a file";
    if (err == ESPIPE) /* only cli_outfile_open says so */
        return "it is the pipe this run's standard input reads";
    return strerror(err);
}

/* Put the temporary file in place: rename() replaces what is there;
 * with 'keep', link() fails with EEXIST instead, so that a file made
 * meanwhile is never replaced either.  Where the file system has no hard
 * links, a check before rename() is the best there is. */
static int
commit(struct outfile *f, int keep)
{
    sigset_t old;
    int ok, err = 0, linked = 0;
    struct stat st;
    const char *to = f->target != NULL ? f->target : f->path;

    if (f->tmp == NULL)
        return -1;
    ok = f->fp == NULL || fclose(f->fp) == 0; /* closed by close_file */
    f->fp = NULL;
    if (!ok)
        err = errno;
    if (f->direct) {
        free(f->tmp);
        f->tmp = NULL;
        errno = err;
        return ok ? 0 : -1;
    }
    block_signals(&old);
    if (ok && keep) {
        if (link(f->tmp, to) == 0) {
            linked = 1; /* in place; only the temporary name goes */
        } else if (errno != EEXIST && lstat(to, &st) != 0 && errno == ENOENT) {
            keep = 0; /* no hard links here, and nothing in the way */
        } else {
            err = EEXIST;
            ok = 0;
        }
    }
    if (ok && !keep && rename(f->tmp, to) != 0) {
        err = errno;
        ok = 0;
    }
    if (!ok || linked)
        (void)unlink(f->tmp);
    inflight_remove(f);
    restore_signals(&old);
    free(f->tmp);
    f->tmp = NULL;
    free(f->target);
    f->target = NULL;
    errno = err;
    return ok ? 0 : -1;
}

/* Close f's stream, its file not yet in place: a write that fails, fails
 * by now.  Returns 0, or -1 with errno and f aborted. */
static int
close_file(struct outfile *f)
{
    int err;

    if (f->tmp == NULL)
        return -1;
    if (f->fp == NULL)
        return 0;
    if (f->direct) { /* a device or FIFO: written now, closed on commit */
        if (fflush(f->fp) == 0 && !ferror(f->fp))
            return 0;
        err = errno != 0 ? errno : EIO;
        cli_outfile_abort(f);
        errno = err;
        return -1;
    }
    if (fclose(f->fp) == 0) {
        f->fp = NULL;
        return 0;
    }
    f->fp = NULL;
    err = errno;
    cli_outfile_abort(f);
    errno = err;
    return -1;
}

int
cli_outfile_commit(struct outfile *f)
{
    return commit(f, 0);
}

int
cli_outfile_commit_new(struct outfile *f)
{
    return commit(f, 1);
}

void
cli_outfile_abort(struct outfile *f)
{
    sigset_t old;

    if (f->tmp == NULL)
        return;
    if (f->fp != NULL)
        fclose(f->fp);
    f->fp = NULL;
    free(f->target);
    f->target = NULL;
    if (f->direct) { /* a device or FIFO: nothing to remove */
        free(f->tmp);
        f->tmp = NULL;
        return;
    }
    block_signals(&old);
    (void)unlink(f->tmp);
    inflight_remove(f);
    restore_signals(&old);
    free(f->tmp);
    f->tmp = NULL;
}

/* Whether a file written whole can be made at 'path': its folder is there
 * and takes a new file (the temporary renamed into place).  Known before
 * anything is read, as an --output's is, so a report never says a run
 * succeeded that then fails to write its baseline, and an interview never
 * asks every question to lose the answers.  Returns 0, or -1 after saying
 * why not. */
int
cli_check_write_baseline(const struct cli_opts *o)
{
    return o->write_baseline != NULL ? cli_check_writable(o->write_baseline)
                                     : 0;
}

int
cli_check_writable(const char *path)
{
    const char *slash;
    char *dir;
    struct stat st;
    int err = 0;

    /* A FIFO or a device is written in place (cli_outfile_open): its
     * folder (/dev, /dev/fd) need take no file. */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
        return 0;
    slash = strrchr(path, '/');
    dir = xstrdup(slash == NULL ? "." : path);
    if (slash != NULL)
        dir[slash == path ? 1 : (size_t)(slash - path)] = '\0';
    if (stat(dir, &st) != 0)
        err = errno;
    else if (!S_ISDIR(st.st_mode))
        err = ENOTDIR;
    else if (access(dir, W_OK | X_OK) != 0)
        err = errno;
    else {
        /* access() answers yes to root everywhere, and of a read-only
         * mount or /proc says nothing: a file made and removed does. */
        char *probe = malloc(strlen(dir) + sizeof("/.attrib-advise-XXXXXX"));
        int fd;

        if (probe == NULL)
            exit(AA_EXIT_INTERNAL);
        sprintf(probe, "%s/.attrib-advise-XXXXXX", dir);
        fd = mkstemp(probe);

        if (fd < 0)
            err = errno;
        else {
            close(fd);
            unlink(probe);
        }
        free(probe);
    }
    free(dir);
    if (err == 0)
        return 0;
    aa_message(stderr, "%s: error: cannot create: %s", path,
               cli_outfile_why(path, err));
    return -1;
}

/* Open every --output file as a temporary beside its target.  Returns 0,
 * or -1 after saying which file could not be created. */
int
cli_open_outputs(struct cli_opts *o, const struct aa_ruleset *rs,
                 const struct aa_render_opts *ro)
{
    struct aa_render_opts plain = *ro;

    plain.color = 0; /* files never get escape codes */
    plain.links = NULL;
    if (cli_check_write_baseline(o) != 0)
        return -1;
    for (size_t i = 0; i < o->noutputs; i++) {
        struct output *out = &o->outputs[i];

        if (cli_outfile_open(&out->file, out->path) != 0) {
            aa_message(stderr, "%s: error: cannot create: %s", out->path,
                       cli_outfile_why(out->path, errno));
            return -1;
        }
        plain.width = cli_width(out->file.fp); /* $COLUMNS, else 80 */
        /* NDJSON in, NDJSON out, whatever standard output gets. */
        plain.compact = o->ndjson && strcmp(out->format, "json") == 0;
        out->w = aa_writer_new(out->format, rs, &plain, out->file.fp);
    }
    return 0;
}

/* Finish every output into its temporary file, to be put in place by
 * cli_finish_baselines with the baselines, or removed.  'ok' is zero when
 * the run failed (said where it failed), negative when it had nothing to
 * report: each file is then removed without a word.  Returns 0, or -1
 * after naming each file that could not be written. */
int
cli_close_outputs(struct cli_opts *o, int status, int ok)
{
    int rc = 0;

    for (size_t i = 0; i < o->noutputs; i++) {
        struct output *out = &o->outputs[i];
        int good = ok > 0;

        if (out->file.tmp == NULL)
            continue;
        if (!good) {
            aa_writer_discard(out->w);
            out->w = NULL;
            cli_outfile_abort(&out->file);
            continue;
        }
        if (out->w != NULL && aa_writer_finish(out->w, status) != 0)
            good = 0;
        out->w = NULL;
        if (!good) {
            int err = errno;

            cli_outfile_abort(&out->file);
            errno = err;
        } else if (close_file(&out->file) != 0) {
            good = 0;
        }
        if (!good) {
            aa_message(stderr, "%s: error: cannot write: %s", out->path,
                       strerror(errno));
            rc = -1;
        }
    }
    return rc;
}

/* Put every file written in place, in order, or remove them all: 'ok'
 * when the run wrote everything it had to.  A file that cannot be renamed
 * is named and the files after it are removed.  Returns 0, or -1. */
static int
commit_all(struct outfile *const *files, const char *const *what, size_t n,
           int ok)
{
    int rc = 0;

    for (size_t i = 0; i < n; i++) {
        if (files[i]->tmp == NULL)
            continue;
        if (!ok || rc != 0) {
            cli_outfile_abort(files[i]);
        } else if (cli_outfile_commit(files[i]) != 0) {
            aa_message(stderr, "%s: error: %s: %s", files[i]->path, what[i],
                       cli_outfile_why(files[i]->path, errno));
            rc = -1;
        }
    }
    return rc;
}

/* ---- baselines after the run ----------------------------------------- */

/* Write a baseline into f, a temporary file put in place later with the
 * other outputs: 'fresh' as a new baseline, or else b without its stale
 * entries (*removed says how many).  Returns 0, or -1 with errno or a
 * diagnostic in dl, and f empty. */
static int
write_whole(struct outfile *f, const char *path, const struct aa_baseline *b,
            struct aa_baseline *fresh, struct aa_diags *dl, int *removed)
{
    int n;

    if (cli_outfile_open(f, path) != 0)
        return -1;
    n = fresh != NULL ? aa_baseline_write(fresh, f->fp)
                      : aa_baseline_prune(b, f->fp, dl);
    if (n < 0) {
        int err = errno;

        cli_outfile_abort(f);
        errno = err;
        return -1;
    }
    if (removed != NULL)
        *removed = n;
    return close_file(f);
}

int
cli_same_file(const char *a, const char *b)
{
    struct stat sa, sb;

    return a != NULL && b != NULL && stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
           sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int
cli_finish_baselines(const struct cli_opts *o, struct aa_baseline *base,
                     struct aa_baseline *newbase, int status, size_t *nstale)
{
    struct aa_diags *dl = new_diags();
    struct outfile pruned = {0}, fresh = {0};
    struct outfile **files;
    const char **what;
    size_t stale = 0, n = 0;
    int removed = 0, did_prune;

    /* A file deleted from a folder the run read leaves entries no triage
     * sees; a file named alone, or a folder not read, leaves others'
     * entries alone.  The paths are named from the root, as the run
     * works from it (cli_enter_root); scan and portfolio have their
     * command first. */
    for (size_t i = o->scan || o->portfolio ? 1 : 0;
         base != NULL && !o->ndjson && i < o->nfiles; i++) {
        struct stat st;

        if (stat(o->files[i], &st) == 0 && S_ISDIR(st.st_mode))
            (void)aa_baseline_mark_gone(base, o->files[i]);
    }
    if (base != NULL)
        stale = aa_baseline_stale(base, dl);
    aa_diags_print(dl, stderr);
    aa_diags_free(dl);
    if (nstale != NULL)
        *nstale = stale;
    if (status >= AA_EXIT_INTERNAL) {
        /* A failed run writes nothing: said where it failed. */
    } else if (o->prune_baseline && stale > 0 && status >= AA_EXIT_INPUT) {
        /* What was not read has no findings: its entries would go. */
        aa_message(stderr,
                   "%s: error: not pruned: an input could not be read, "
                   "and its entries would look stale",
                   o->baseline);
    } else if (o->prune_baseline && stale > 0) {
        dl = new_diags();
        if (write_whole(&pruned, o->baseline, base, NULL, dl, &removed) != 0) {
            /* A file that no longer parses is input; the rest is I/O. */
            int why = aa_diags_worst(dl) == AA_SEV_ERROR ? AA_EXIT_INPUT
                                                         : AA_EXIT_INTERNAL;

            if (aa_diags_count(dl) == 0)
                aa_message(stderr, "%s: error: cannot rewrite baseline: %s",
                           o->baseline, strerror(errno));
            if (why > status)
                status = why;
        }
        aa_diags_print(dl, stderr);
        aa_diags_free(dl);
    }
    /* Written over the file it read (refreshed in place): the entries of
     * plans this run did not read stay, as a prune keeps them. */
    if (newbase != NULL && base != NULL &&
        cli_same_file(o->baseline, o->write_baseline))
        (void)aa_baseline_keep_unread(newbase, base);
    if (newbase == NULL || status >= AA_EXIT_INTERNAL) {
        /* nothing to write, or the run failed */
    } else if (status >= AA_EXIT_INPUT) {
        /* A baseline of what was read would drop the findings of what was
         * not: refreshed in place, it would lose their entries. */
        aa_message(stderr,
                   "%s: error: not written: an input could not be read, "
                   "and its findings would be missing",
                   o->write_baseline);
    } else if (write_whole(&fresh, o->write_baseline, NULL, newbase, NULL,
                           NULL) != 0) {
        aa_message(stderr, "%s: error: cannot write baseline: %s",
                   o->write_baseline,
                   cli_outfile_why(o->write_baseline, errno));
        status = AA_EXIT_INTERNAL;
    }
    /* Every file in place, or none: a report that says the run succeeded
     * never sits beside a baseline that could not be written. */
    files = calloc(o->noutputs + 2, sizeof(*files));
    what = calloc(o->noutputs + 2, sizeof(*what));
    if (files == NULL || what == NULL)
        exit(AA_EXIT_INTERNAL);
    for (size_t i = 0; i < o->noutputs; i++) {
        what[n] = "cannot write";
        files[n++] = &o->outputs[i].file;
    }
    what[n] = "cannot rewrite baseline";
    files[n++] = &pruned;
    what[n] = "cannot write baseline";
    files[n++] = &fresh;
    did_prune = pruned.tmp != NULL && status < AA_EXIT_INTERNAL;
    if (commit_all(files, what, n, status < AA_EXIT_INTERNAL) != 0)
        status = AA_EXIT_INTERNAL;
    else if (did_prune)
        aa_message(stderr, "%s: note: %d stale entr%s removed", o->baseline,
                   removed, removed == 1 ? "y" : "ies");
    free(files);
    free(what);
    return status;
}

int
cli_inputs_status(const struct run *r)
{
    if (r->scenarios > 0 || r->status != AA_EXIT_OK)
        return r->status;
    if (r->tally->skipped > 0) {
        aa_message(stderr,
                   "error: no scenario among the files given (%zu skipped "
                   "as not scenarios)",
                   r->tally->skipped);
        return AA_EXIT_USAGE;
    }
    if (r->o->ndjson) {
        aa_message(stderr, "error: no scenario in the --ndjson input (no "
                           "line, or blank lines only)");
        return AA_EXIT_USAGE;
    }
    return r->status;
}

/* One line on stderr after a text run over several files. */
void
cli_summary(const struct tally *t, size_t scenarios, const struct timespec *t0)
{
    struct timespec t1;
    double secs;
    char stale[64] = "";

    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0->tv_sec) +
           (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
    char skipped[64] = "";

    if (t->skipped > 0)
        snprintf(skipped, sizeof(skipped), ", %zu skipped", t->skipped);
    if (t->baselined)
        snprintf(stale, sizeof(stale), ", %zu stale baseline entr%s", t->stale,
                 t->stale == 1 ? "y" : "ies");
    aa_message(stderr,
               "%zu scenarios (%zu rejected%s): %zu error%s, %zu "
               "warning%s, %zu note%s%s in %.2f s",
               scenarios, t->rejected, skipped, t->count[AA_SEV_ERROR],
               t->count[AA_SEV_ERROR] == 1 ? "" : "s", t->count[AA_SEV_WARNING],
               t->count[AA_SEV_WARNING] == 1 ? "" : "s", t->count[AA_SEV_INFO],
               t->count[AA_SEV_INFO] == 1 ? "" : "s", stale, secs);
}

static void
raise_status(struct run *r, int status)
{
    if (status > r->status)
        r->status = status;
}

/* A report could not be written to 'out': said once, with its path. */
static void
output_failed(struct run *r, struct output *out)
{
    if (!out->failed)
        aa_message(stderr, "%s: error: cannot write: %s", out->path,
                   strerror(errno));
    out->failed = 1;
    raise_status(r, AA_EXIT_INTERNAL);
}

/* Record input 'source' as rejected, sd holding why: all of it, or with
 * 'of_source' the messages about 'source' alone. */
static void
reject(struct run *r, const char *source, const struct aa_diags *sd,
       int of_source)
{
    const struct cli_opts *o = r->o;
    struct aa_message m = {0};

    r->scenarios++;
    /* A line of a batch is named by its line, as a report names it. */
    if (r->pf != NULL && o->ndjson && aa_diags_count(sd) > 0)
        aa_diags_get(sd, 0, &m);
    if (m.file != NULL && strcmp(m.file, source) != 0)
        m.line = 0; /* a line of deployment code, not of the batch */
    if (r->pf != NULL)
        aa_portfolio_reject(r->pf, source, m.line);
    else if (of_source)
        (void)!aa_writer_reject_file(r->w, source, sd);
    else
        (void)!aa_writer_reject(r->w, source, sd);
    for (size_t k = 0; k < o->noutputs; k++)
        (void)!(of_source ? aa_writer_reject_file(o->outputs[k].w, source, sd)
                          : aa_writer_reject(o->outputs[k].w, source, sd));
    raise_status(r, AA_EXIT_INPUT);
    r->tally->rejected++;
}

/* A scenario's problems, on stderr.  In a batch, up to the errors limit
 * in all, a line's whole at a time, then only counted, and said in one
 * line at the batch's end: a batch of 200 000 lines written for another
 * contract version would otherwise bury a CI log under as many messages.
 * The reports (JSON rejections, the summary's counts) keep every one. */
static void
say_problems(struct run *r, const struct aa_diags *sd)
{
    size_t n = aa_diags_count(sd);

    if (!r->batch || r->said < aa_limit(AA_LIMIT_ERRORS)) {
        aa_diags_print(sd, stderr);
        r->said += n;
    } else if (n > 0) {
        r->unsaid += n;
        r->unsaid_lines++;
        if (aa_diags_worst(sd) > r->unsaid_worst)
            r->unsaid_worst = aa_diags_worst(sd);
    }
}

static int
scenario_reads(const void *sc, const char *path)
{
    return aa_scenario_reads(sc, path);
}

/* Advise on a loaded scenario, or record one that was rejected (sc NULL,
 * sd holding why).  Takes ownership of sc and sd. */
static void
advise(struct run *r, const char *source, struct aa_scenario *sc,
       struct aa_diags *sd)
{
    const struct cli_opts *o = r->o;
    struct aa_report *rep;

    /* The command line over the file, before the code it may name is
     * read: --set /solution/artifacts=... is read like the file's. */
    if (sc != NULL)
        aa_override_apply(o->override, sc);
    /* Deployment code that cannot be read rejects its scenario: advice
     * without it would contradict what the code shows. */
    if (sc != NULL && aa_scenario_scan_artifacts(sc, sd) != 0) {
        aa_scenario_free(sc);
        sc = NULL;
    }
    /* An output over deployment code the plan names: known only now,
     * after the plan was read; before anything is written. */
    if (sc != NULL && !r->clash &&
        (o->noutputs > 0 || o->write_baseline != NULL)) {
        char *why = cli_output_read(o, scenario_reads, sc, source);

        if (why != NULL) {
            aa_message(stderr, "error: %s", why);
            free(why);
            r->clash = 1;
        }
    }
    if (r->clash) { /* the run stops: nothing more is said */
        aa_scenario_free(sc);
        aa_diags_free(sd);
        return;
    }
    say_problems(r, sd);
    if (sc == NULL) {
        reject(r, source, sd, 0);
        aa_diags_free(sd);
        return;
    }
    r->scenarios++;
    aa_diags_free(sd);
    rep = o->explain_advice ? aa_eval_explain(r->rs, sc, o->explain_rule)
          : r->brief        ? aa_eval_verdicts(r->rs, sc)
                            : aa_eval(r->rs, sc);
    if (rep == NULL) {
        aa_scenario_free(sc);
        raise_status(r, AA_EXIT_INTERNAL);
        return;
    }
    aa_report_triage(rep, r->rs, sc, r->eo);
    if (r->pf != NULL) {
        const char *groups[64];
        size_t n = 0;

        if (o->group_by != NULL)
            n = aa_scenario_group_values(sc, o->group_by, groups, 64);
        aa_portfolio_add(r->pf, rep, groups, n);
    } else if (o->explain_advice) {
        /* --explain shows how the advice came about instead of the advice. */
        struct aa_render_opts xo = {.width = cli_width(stdout)};

        if (aa_render_explain(o->format, rep, &xo, stdout) != 0) {
            aa_message(stderr, "error: cannot write output: %s",
                       strerror(errno));
            raise_status(r, AA_EXIT_INTERNAL);
        }
    } else if (aa_writer_add(r->w, rep) != 0) {
        /* Said once: a full disk fails every report after the first. */
        if (r->status != AA_EXIT_INTERNAL)
            aa_message(stderr, "error: cannot write output: %s",
                       strerror(errno));
        raise_status(r, AA_EXIT_INTERNAL);
    }
    for (size_t k = 0; k < o->noutputs; k++)
        if (aa_writer_add(o->outputs[k].w, rep) != 0)
            output_failed(r, &o->outputs[k]);
    /* An explanation is not a gate: as scan --explain, it succeeds when
     * it is shown. */
    if (o->fail_on != FAIL_NEVER && !o->explain_advice &&
        aa_report_worst(rep) >= o->fail_on)
        raise_status(r, AA_EXIT_FINDINGS);
    aa_report_count(rep, r->tally->count);
    if (r->newbase != NULL)
        aa_baseline_add(r->newbase, rep);
    aa_report_free(rep);
    aa_scenario_free(sc);
}

void
cli_advise_file(struct run *r, const char *path, int found)
{
    struct aa_diags *sd = new_diags();
    struct aa_scenario *sc;
    int skipped = 0;
    /* What the reports call it, rejected as advised (aa_scenario_load_file
     * names an advised one so). */
    const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;

    /* A FIFO would block the read for ever: '-' is the way to a pipe. */
    if (strcmp(path, "-") != 0 && aa_walk_check_input(path, sd) != 0) {
        advise(r, path, NULL, sd);
        return;
    }
    sc = found ? aa_scenario_load_found(path, &skipped, sd)
               : aa_scenario_load_file(path, sd);
    if (skipped) {
        /* An ARM template, a parameter file or a package.json kept beside
         * the plans. */
        aa_message(stderr, "%s: note: skipped: %s", name,
                   skipped == 2   ? "an attrib-advise report, not a scenario"
                   : skipped == 3 ? "an attrib-advise baseline, not a scenario"
                   : skipped == 4 ? "a JSON array, not a scenario (such as a "
                                    "Code Quality report)"
                                  : "not a scenario (no field of contract v1, "
                                    "and no contract version)");
        r->tally->skipped++;
        aa_diags_free(sd);
        return;
    }
    advise(r, name, sc, sd);
}

void
cli_advise_input(struct run *r, const struct inputs *in, size_t i)
{
    if (in->found[i] == 2)
        reject(r, in->v[i], in->why[i], 1);
    else if (r->o->ndjson)
        cli_advise_lines(r, in->v[i]);
    else
        cli_advise_file(r, in->v[i], in->found[i]);
}

void
cli_advise_set(struct run *r)
{
    struct aa_scenario *sc =
        aa_override_scenario(r->o->override, CLI_SET_SOURCE);

    if (sc == NULL)
        exit(AA_EXIT_INTERNAL);
    advise(r, CLI_SET_SOURCE, sc, new_diags());
}

/* NDJSON: one scenario per line; a bad line is reported with its line
 * number and the next one is read all the same.  Blank lines are skipped.
 * A line over the line-size limit or a read error ends the file, as a
 * rejected input: what follows was never advised. */
void
cli_advise_lines(struct run *r, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *fp = NULL;
    struct aa_scenario_lines *sl;
    const char *line;
    size_t len;
    unsigned lineno;
    struct stat st;
    int rc, answer;
    enum { INPUT_BUFFER = 64 * 1024 };
    char *inbuf = NULL;

    if (!is_stdin) {
        struct aa_diags *dl = new_diags();

        rc = aa_walk_check_input(path, dl);
        aa_diags_print(dl, stderr);
        aa_diags_free(dl);
        if (rc != 0) {
            raise_status(r, AA_EXIT_INPUT);
            r->tally->rejected++;
            return;
        }
    }
    fp = is_stdin ? stdin : fopen(path, "r");
    if (fp == NULL) {
        aa_message(stderr, "%s: error: cannot open: %s", name, strerror(errno));
        raise_status(r, AA_EXIT_INPUT);
        r->tally->rejected++;
        return;
    }
    if ((sl = aa_scenario_lines_new(fp, name)) == NULL)
        exit(AA_EXIT_INTERNAL);
    /* Plans from a pipe or a terminal may come one at a time, from a
     * program that waits for each answer before it writes the next plan:
     * each answer goes out before the next line is read.  A file is all
     * there, and its answers go out in pieces (aa_writer_flush). */
    answer = fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode);
    /* A file is read 64 KiB at a time, not stdio's 4 KiB: a batch of
     * 50 000 plans made 9 000 read calls.  (glibc takes the size only
     * with a buffer.)  Not for standard input, which may have been read
     * from already. */
    if (!answer && !is_stdin && (inbuf = malloc(INPUT_BUFFER)) != NULL)
        setvbuf(fp, inbuf, _IOFBF, INPUT_BUFFER);
    r->batch = 1;
    r->said = r->unsaid = r->unsaid_lines = 0;
    r->unsaid_worst = -1;
    do {
        struct aa_diags *sd = new_diags();

        rc = aa_scenario_lines_next(sl, &line, &len, &lineno, sd);
        if (rc > 0)
            advise(r, name, aa_scenario_parse_at(name, line, len, lineno, sd),
                   sd);
        else if (rc < 0)
            advise(r, name, NULL, sd);
        else
            aa_diags_free(sd);
        if (rc != 0 && answer && r->w != NULL && aa_writer_flush(r->w) != 0) {
            if (r->status != AA_EXIT_INTERNAL)
                aa_message(stderr, "error: cannot write output: %s",
                           strerror(errno));
            raise_status(r, AA_EXIT_INTERNAL);
        }
    } while (rc > 0);
    r->batch = 0;
    if (r->unsaid > 0)
        aa_message(stderr,
                   "%s: ... and %zu more problem%s on %zu more line%s of %s "
                   "(--limit errors=N shows more; the JSON output lists "
                   "every one)",
                   r->unsaid_worst >= AA_SEV_ERROR     ? "error"
                   : r->unsaid_worst == AA_SEV_WARNING ? "warning"
                                                       : "note",
                   r->unsaid, r->unsaid == 1 ? "" : "s", r->unsaid_lines,
                   r->unsaid_lines == 1 ? "" : "s", name);
    aa_scenario_lines_free(sl);
    if (!is_stdin)
        fclose(fp);
    free(inbuf); /* after the stream that used it */
}

/* One output of a scan: text and JSON have a layout of their own for a
 * scan; the run formats (SARIF, JUnit, GitHub) take each file as a report
 * of findings. */
struct scan_sink {
    struct aa_scan_out *out;
    struct aa_writer *w;
    int failed; /* a write failed: the errno it gave */
};

static int
sink_open(struct scan_sink *k, const char *format, const struct aa_ruleset *rs,
          const struct aa_render_opts *ro, FILE *fp)
{
    memset(k, 0, sizeof(*k));
    if ((k->out = aa_scan_out_new(format, ro, fp)) != NULL)
        return 0;
    return (k->w = aa_writer_new(format, rs, ro, fp)) != NULL ? 0 : -1;
}

/* The file the report holds.  A file that could not be read is there
 * too, as a tool notification (SARIF) or an error (JUnit, GitHub), with
 * its own messages. */
static void
sink_add(struct scan_sink *k, const struct aa_scan_report *rep,
         const struct aa_diags *dl)
{
    int rc;

    if (k->out != NULL)
        rc = aa_scan_out_add(k->out, rep);
    else if (aa_scan_report_failed(rep, 0))
        rc = aa_writer_reject_file(k->w, aa_scan_report_path(rep, 0), dl);
    else
        rc = aa_writer_add(k->w, aa_scan_report_file(rep, 0));
    if (rc != 0 && k->failed == 0)
        k->failed = errno != 0 ? errno : EIO;
}

/* Write what is left and free the output; 0, or the errno of the first
 * write that failed. */
static int
sink_finish(struct scan_sink *k, const struct aa_scan_report *rep, int status)
{
    int rc;

    if (k->out == NULL && k->w == NULL)
        return k->failed; /* finished before, or never opened */
    rc = k->out != NULL ? aa_scan_out_finish(k->out, rep)
                        : aa_writer_finish(k->w, status);

    k->out = NULL;
    k->w = NULL;
    if (rc != 0 && k->failed == 0)
        k->failed = errno != 0 ? errno : EIO;
    return k->failed;
}

/* scan --explain FILE: the chain behind one file's status, which needs
 * every file's report.  What the file is (its status, even "error") is
 * the answer, so the exit status says only whether it could be given: 0,
 * or 3 when the file could not be read or parsed, as for any scan; 2 when
 * it was not scanned.  Rendered whole first: a write error never leaves
 * half an explanation. */
static int
scan_explain(const struct cli_opts *o, const struct aa_ruleset *rs,
             const struct aa_eval_opts *eo, const struct aa_render_opts *ro,
             const struct aa_scan *s, int status)
{
    struct aa_scan_report *rep = aa_scan_eval(rs, s);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem;
    long i;

    if (rep == NULL || (mem = open_memstream(&buf, &len)) == NULL) {
        aa_scan_report_free(rep);
        return AA_EXIT_INTERNAL;
    }
    aa_scan_report_triage(rep, rs, eo);
    if ((i = aa_scan_report_find(rep, o->explain)) < 0) {
        /* Scanned, yet not in the report: no deployment code by its
         * name, or left out by an exclusion. */
        aa_message(stderr, "%s: error: not scanned as deployment code",
                   o->explain);
        status = AA_EXIT_USAGE;
    } else if (aa_scan_render_explain(o->format, rep, (size_t)i, ro, mem) !=
               0) {
        status = AA_EXIT_INTERNAL;
    } else {
        status = aa_scan_report_failed(rep, (size_t)i) ? AA_EXIT_INPUT
                 : status == AA_EXIT_INPUT             ? AA_EXIT_OK
                                                       : status;
    }
    if (fclose(mem) != 0 && status != AA_EXIT_USAGE)
        status = AA_EXIT_INTERNAL;
    if (status == AA_EXIT_INTERNAL) {
        aa_message(stderr, "error: cannot write output");
    } else if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
        /* Flushed here, where a full disk can still be reported: stdio
         * would otherwise find out at exit, too late to say why. */
        aa_message(stderr, "error: cannot write output: %s", strerror(errno));
        status = AA_EXIT_INTERNAL;
    }
    free(buf);
    aa_scan_report_free(rep);
    return status;
}

/* A path of the scan and how many folders deep it lies; a file, as
 * deep as can be, comes after every folder. */
struct scan_order {
    size_t at, depth;
};

/*
 * The scan command.  Every file is scanned first, as a file's status
 * depends on the files that deploy it; then each file's report is made,
 * triaged and written to every output in turn, and let go before the
 * next, so that what a scan holds past its files' hits does not grow with
 * their number.  Standard output is written as it goes, as plans are;
 * --output files are still written whole or not at all.
 */
static int
scan_reads(const void *s, const char *path)
{
    return aa_scan_includes(s, path);
}

int
cli_scan(const struct cli_opts *o, const struct aa_ruleset *rs,
         const struct aa_eval_opts *eo, const struct aa_render_opts *ro,
         struct aa_baseline *newbase)
{
    struct aa_diags *dl = new_diags();
    struct aa_scan *s = aa_scan_new();
    struct aa_scan_report *rep = NULL;
    struct outfile *files = NULL; /* o->outputs[k].file */
    struct scan_sink *sinks = NULL;
    struct scan_order *order = NULL;
    struct aa_render_opts fro = *ro;
    size_t nopen = 0, nsinks = 0, nordered = 0;
    int status = AA_EXIT_OK, worst = -1, more, err, kept = 0;

    if (s == NULL)
        return AA_EXIT_INTERNAL;
    /* As for plans: a path that names nothing is a usage error, said
     * before anything is read. */
    for (size_t i = 1; i <= o->nfiles; i++) {
        const char *path = i < o->nfiles ? o->files[i] : o->explain;
        struct stat st;

        if (path != NULL && strcmp(path, "-") == 0) {
            aa_message(stderr, "-: error: scan reads files and folders, not "
                               "standard input; name the deployment code");
            status = AA_EXIT_USAGE;
        } else if (path != NULL && stat(path, &st) != 0 &&
                   (errno == ENOENT || errno == ENOTDIR)) {
            aa_message(stderr, "%s: error: no such file or folder", path);
            status = AA_EXIT_USAGE;
        }
    }
    if (status != AA_EXIT_OK)
        goto out;
    /* Created before anything is read, as for plans: a path that cannot
     * be written is said at once, and no output is left half made. */
    sinks = calloc(o->noutputs + 1, sizeof(*sinks));
    order = calloc(o->nfiles + 1, sizeof(*order));
    if (sinks == NULL || order == NULL) {
        status = AA_EXIT_INTERNAL;
        goto out;
    }
    if (cli_check_write_baseline(o) != 0) {
        status = AA_EXIT_INTERNAL;
        goto out;
    }
    for (; nopen < o->noutputs; nopen++)
        if (cli_outfile_open(&o->outputs[nopen].file, o->outputs[nopen].path) !=
            0) {
            aa_message(stderr, "%s: error: cannot create: %s",
                       o->outputs[nopen].path,
                       cli_outfile_why(o->outputs[nopen].path, errno));
            status = AA_EXIT_INTERNAL;
            goto out;
        }
    aa_scan_exclude(s, 1);
    aa_scan_explain(s, o->explain != NULL);
    /* Folders first, and a folder before those it holds: a file is then
     * read once, with the module that calls it and its own, not on its own
     * (the scan lists a file once, as it met it first). */
    for (size_t i = 1; i < o->nfiles; i++) {
        struct stat st;
        char *real = NULL;
        size_t k = nordered;

        order[k].at = i;
        order[k].depth = (size_t)-1;
        if (stat(o->files[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            order[k].depth = 0; /* unresolved: read first, as ever */
            real = realpath(o->files[i], NULL);
            for (const char *c = real; c != NULL && *c; c++)
                order[k].depth += *c == '/';
            free(real);
        }
        for (; k > 0 && order[k - 1].depth > order[k].depth; k--) {
            struct scan_order t = order[k - 1];

            order[k - 1] = order[k];
            order[k] = t;
        }
        nordered++;
    }
    for (size_t k = 0; k < nordered; k++)
        if (aa_scan_path(s, o->files[order[k].at], dl) != 0)
            status = AA_EXIT_INPUT;
    /* The file to explain is scanned with the others, so that the roots
     * among them deploy it; on its own when no path given covers it. */
    if (o->explain != NULL && !aa_scan_includes(s, o->explain)) {
        /* A file a folder's walk met and left (a .tf.json, with a note)
         * is not said twice. */
        struct aa_diags *again = new_diags();
        struct aa_message m;
        int said = 0;

        for (size_t i = 0; !said && i < aa_diags_count(dl); i++) {
            aa_diags_get(dl, i, &m);
            said = m.file != NULL && strcmp(m.file, o->explain) == 0;
        }
        if (aa_scan_path(s, o->explain, said ? again : dl) != 0)
            status = AA_EXIT_INPUT;
        aa_diags_free(again);
    }
    aa_scan_finish(s);
    aa_diags_print(dl, stderr);
    /* An output over a file of a folder scanned: the walk has named it
     * only now, and nothing is written yet. */
    {
        char *why = cli_output_read(o, scan_reads, s, NULL);

        if (why != NULL) {
            aa_message(stderr, "error: %s", why);
            free(why);
            status = AA_EXIT_USAGE;
            goto out;
        }
    }
    if (o->explain != NULL) {
        status = scan_explain(o, rs, eo, ro, s, status);
        goto out;
    }
    if ((rep = aa_scan_eval_each(rs, s)) == NULL) {
        status = AA_EXIT_INTERNAL;
        goto out;
    }
    if (!(more = aa_scan_report_next(rep))) {
        if (status == AA_EXIT_OK) {
            aa_message(stderr, "error: no file to scan (after exclusions)");
            status = AA_EXIT_USAGE;
            goto out;
        }
        /* Nothing could be read: the outputs say so, with the stale
         * entries of a baseline. */
        aa_scan_report_triage(rep, rs, eo);
    }
    /* Standard output last: a failure to open an output leaves nothing
     * there.  Files are never coloured. */
    fro.color = 0;
    for (; nsinks < nopen; nsinks++) {
        files = &o->outputs[nsinks].file;
        fro.width = cli_width(files->fp); /* $COLUMNS, else 80 */
        if (sink_open(&sinks[nsinks], o->outputs[nsinks].format, rs, &fro,
                      files->fp) != 0) {
            status = AA_EXIT_INTERNAL;
            goto out;
        }
    }
    if (sink_open(&sinks[nsinks], o->format, rs, ro, stdout) != 0) {
        status = AA_EXIT_INTERNAL;
        goto out;
    }
    nsinks++;
    for (; more; more = aa_scan_report_next(rep)) {
        const struct aa_report *r = aa_scan_report_file(rep, 0);

        aa_scan_report_triage(rep, rs, eo);
        if (newbase != NULL && !aa_scan_report_failed(rep, 0))
            aa_baseline_add(newbase, r);
        if (aa_report_worst(r) > worst)
            worst = aa_report_worst(r);
        for (size_t k = 0; k < nsinks; k++)
            sink_add(&sinks[k], rep, dl);
    }
    if (status == AA_EXIT_OK && o->fail_on != FAIL_NEVER && worst >= o->fail_on)
        status = AA_EXIT_FINDINGS;
    /* Flushed here, where a full disk can still be reported: stdio would
     * otherwise find out at exit, too late to say why. */
    if ((err = sink_finish(&sinks[nopen], rep, status)) == 0 &&
        fflush(stdout) != 0)
        err = errno != 0 ? errno : EIO;
    if (err != 0) {
        aa_message(stderr, "error: cannot write output: %s", strerror(err));
        status = AA_EXIT_INTERNAL;
    }
    /* Each file is made whole here and put in place with the baseline by
     * cli_finish_baselines, and none is when the run failed to write. */
    for (size_t k = 0; k < nopen; k++) {
        files = &o->outputs[k].file;
        err = sink_finish(&sinks[k], rep, status);
        if (status < AA_EXIT_INTERNAL && (err != 0 || close_file(files) != 0)) {
            aa_message(stderr, "%s: error: cannot write: %s",
                       o->outputs[k].path, strerror(err != 0 ? err : errno));
            status = AA_EXIT_INTERNAL;
        }
    }
    kept = status < AA_EXIT_INTERNAL;
out:
    for (size_t k = 0; k < nsinks; k++) /* after an error: nothing kept */
        (void)sink_finish(&sinks[k], rep, status);
    for (size_t k = 0; !kept && k < nopen; k++)
        cli_outfile_abort(&o->outputs[k].file);
    free(order);
    free(sinks);
    aa_scan_report_free(rep);
    aa_scan_free(s);
    aa_diags_free(dl);
    return status;
}

/* path as a shell word the user can paste: bare when it holds only
 * characters no shell treats specially, else in single quotes; './' before
 * a leading '-', which would read as an option.  NULL when out of memory. */
static char *
shell_word(const char *path)
{
    static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
                               "VWXYZ0123456789_./+-,:@%=";
    size_t n = strlen(path), quotes = 0;
    const char *lead = path[0] == '-' ? "./" : "";
    char *w, *p;

    for (size_t i = 0; i < n; i++)
        quotes += path[i] == '\'';
    if ((w = malloc(n + 3 * quotes + 5)) == NULL)
        return NULL;
    if (n > 0 && path[strspn(path, safe)] == '\0') {
        sprintf(w, "%s%s", lead, path);
        return w;
    }
    p = w + sprintf(w, "'%s", lead);
    for (size_t i = 0; i < n; i++)
        if (path[i] == '\'') {
            memcpy(p, "'\\''", 4);
            p += 4;
        } else
            *p++ = path[i];
    strcpy(p, "'");
    return w;
}

int
cli_init(const struct cli_opts *o, const struct aa_ruleset *rs)
{
    struct outfile f;
    char *word;
    int rc;

    if (o->init_path == NULL)
        return aa_init_write(rs, o->profile, stdout) == 0 ? AA_EXIT_OK
                                                          : AA_EXIT_INTERNAL;
    if (cli_outfile_open(&f, o->init_path) != 0) {
        aa_message(stderr, "%s: error: cannot create: %s", o->init_path,
                   cli_outfile_why(o->init_path, errno));
        return AA_EXIT_INTERNAL;
    }
    if (aa_init_write(rs, o->profile, f.fp) != 0) {
        int err = errno;

        cli_outfile_abort(&f);
        aa_message(stderr, "%s: error: cannot write: %s", o->init_path,
                   strerror(err));
        return AA_EXIT_INTERNAL;
    }
    rc = o->force ? cli_outfile_commit(&f) : cli_outfile_commit_new(&f);
    if (rc != 0 && errno == EEXIST && !o->force) {
        /* Made between the check before the run and now. */
        aa_message(stderr, "%s: error: exists; give --force to replace it",
                   o->init_path);
        return AA_EXIT_USAGE;
    }
    if (rc != 0) {
        aa_message(stderr, "%s: error: cannot write: %s", o->init_path,
                   cli_outfile_why(o->init_path, errno));
        return AA_EXIT_INTERNAL;
    }
    if ((word = shell_word(o->init_path)) == NULL)
        return AA_EXIT_INTERNAL;
    aa_message(stderr,
               "%s: note: starting plan written; fill it in, then advise on "
               "it: attrib-advise %s",
               o->init_path, word);
    free(word);
    return AA_EXIT_OK;
}

/* The page of rule id (README for NULL) in folder dir, as a new string. */
static char *
page_path(const char *dir, const char *id)
{
    const char *name = id ? id : "README";
    char *path = malloc(strlen(dir) + strlen(name) + sizeof("/.md"));

    if (path == NULL)
        exit(AA_EXIT_INTERNAL);
    sprintf(path, "%s/%s.md", dir, name);
    return path;
}

/* One page of --dump=rule-docs, written whole into tmp; id NULL is the
 * index.  A failure names the page where it goes in dir: the temporary
 * folder is gone by the time the user reads the message. */
static int
rule_page(const struct aa_ruleset *rs, const char *tmp, const char *dir,
          const char *id)
{
    struct outfile f;
    char *path = page_path(tmp, id);
    int rc = -1;

    if (cli_outfile_open(&f, path) == 0) {
        if (aa_writer_rule_page(rs, id, f.fp) != 0) {
            int err = errno;

            cli_outfile_abort(&f);
            errno = err;
        } else {
            rc = cli_outfile_commit(&f);
        }
    }
    if (rc != 0) {
        int err = errno;
        char *to = page_path(dir, id);

        aa_message(stderr, "%s: error: cannot write: %s", to, strerror(err));
        free(to);
    }
    free(path);
    return rc;
}

/* Page i of --dump=rule-docs: 0 the index (README), then rule i - 1. */
static const char *
page_id(const struct aa_ruleset *rs, size_t i)
{
    return i == 0 ? NULL : aa_ruleset_rule_id(rs, i - 1);
}

/* Remove the first n pages written to tmp, and tmp itself. */
static void
drop_pages(const struct aa_ruleset *rs, const char *tmp, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *p = page_path(tmp, page_id(rs, i));

        (void)unlink(p);
        free(p);
    }
    (void)rmdir(tmp);
}

/* Move the n pages from tmp into dir.  A page already there waits in
 * tmp/old until every page is in place; when one cannot be moved, those
 * moved go back out and the old pages back in, so dir is as it was.
 * Returns 0, or -1 after saying which page could not be written. */
static int
move_pages(const struct aa_ruleset *rs, const char *dir, const char *tmp,
           size_t n)
{
    char *old = malloc(strlen(tmp) + sizeof("/old")), *from, *to, *kept;
    unsigned char *had = calloc(n + 1, 1);
    size_t moved = 0;
    int rc = 0;

    if (old == NULL || had == NULL)
        exit(AA_EXIT_INTERNAL);
    sprintf(old, "%s/old", tmp);
    if (mkdir(old, 0700) != 0) {
        aa_message(stderr, "%s: error: cannot write: %s", dir, strerror(errno));
        free(old);
        free(had);
        return -1;
    }
    for (; moved < n; moved++) {
        from = page_path(tmp, page_id(rs, moved));
        to = page_path(dir, page_id(rs, moved));
        kept = page_path(old, page_id(rs, moved));
        if (rename(to, kept) == 0)
            had[moved] = 1;
        else if (errno != ENOENT)
            rc = -1;
        if (rc == 0 && rename(from, to) != 0)
            rc = -1;
        if (rc != 0) {
            aa_message(stderr, "%s: error: cannot write: %s", to,
                       strerror(errno));
            if (had[moved])
                (void)rename(kept, to);
        }
        free(from);
        free(to);
        free(kept);
        if (rc != 0)
            break;
    }
    for (size_t i = 0; i < n; i++) {
        to = page_path(dir, page_id(rs, i));
        kept = page_path(old, page_id(rs, i));
        if (rc != 0 && i < moved && had[i])
            (void)rename(kept, to);
        else if (rc != 0 && i < moved)
            (void)unlink(to);
        else
            (void)unlink(kept);
        free(to);
        free(kept);
    }
    (void)rmdir(old);
    free(old);
    free(had);
    return rc;
}

/* The page of a rule named README would be the index's (README.md, or
 * readme.md where case does not count): said before anything is written.
 * Returns 0, or -1 after naming the rule. */
static int
check_page_names(const struct aa_ruleset *rs, const char *dir)
{
    const char *id;

    for (size_t i = 1; (id = page_id(rs, i)) != NULL; i++)
        if (strcasecmp(id, "README") == 0) {
            aa_message(stderr,
                       "error: rule %s: its page would be %s/README.md, the "
                       "index of the pages; give the rule another id",
                       id, dir);
            return -1;
        }
    return 0;
}

/* The pages are written to a folder of their own inside dir and moved
 * into place only when all are written, so a run that fails leaves dir
 * as it was: never some pages of this rule set beside older ones. */
int
cli_rule_docs(const struct aa_ruleset *rs, const char *dir)
{
    char *tmp, *to;
    int made, rc = AA_EXIT_OK, have_tmp;
    size_t npages = 1, n = 0;
    struct stat st;

    if (check_page_names(rs, dir) != 0)
        return AA_EXIT_INPUT;
    made = mkdir(dir, 0777) == 0;
    if (!made && errno != EEXIST) {
        aa_message(stderr, "%s: error: cannot create: %s", dir,
                   strerror(errno));
        return AA_EXIT_INTERNAL;
    }
    while (page_id(rs, npages) != NULL)
        npages++;
    if ((tmp = malloc(strlen(dir) + sizeof("/.rule-docs.XXXXXX"))) == NULL)
        exit(AA_EXIT_INTERNAL);
    sprintf(tmp, "%s/.rule-docs.XXXXXX", dir);
    have_tmp = mkdtemp(tmp) != NULL;
    if (!have_tmp) {
        aa_message(stderr, "%s: error: cannot write: %s", dir, strerror(errno));
        rc = AA_EXIT_INTERNAL;
    }
    while (rc == AA_EXIT_OK && n < npages) {
        if (rule_page(rs, tmp, dir, page_id(rs, n)) != 0)
            rc = AA_EXIT_INTERNAL;
        else
            n++;
    }
    /* What rename() cannot replace: say so before anything moves. */
    for (size_t i = 0; rc == AA_EXIT_OK && i < npages; i++) {
        to = page_path(dir, page_id(rs, i));
        if (lstat(to, &st) == 0 && S_ISDIR(st.st_mode)) {
            aa_message(stderr, "%s: error: cannot write: a folder is there",
                       to);
            rc = AA_EXIT_INTERNAL;
        }
        free(to);
    }
    if (rc == AA_EXIT_OK && move_pages(rs, dir, tmp, npages) != 0)
        rc = AA_EXIT_INTERNAL;
    if (have_tmp) /* after the moves, only the folder is left */
        drop_pages(rs, tmp, n);
    if (rc != AA_EXIT_OK && made)
        (void)rmdir(dir);
    free(tmp);
    return rc;
}

/* Plans the search may evaluate: a mechanism's rules read some twenty
 * fields, so every pair of their changes fits, and triples as far as the
 * bound goes (docs/explain.md). */
#define WHY_NOT_BUDGET 100000

int
cli_why_not(const struct cli_opts *o, const struct aa_ruleset *rs)
{
    const char *path = o->files[2];
    struct aa_diags *sd = new_diags();
    struct aa_scenario *sc = NULL;
    struct aa_whynot *w;
    int status;

    if (strcmp(path, "-") == 0 || aa_walk_check_input(path, sd) == 0)
        sc = aa_scenario_load_file(path, sd);
    if (sc != NULL) {
        aa_override_apply(o->override, sc);
        if (aa_scenario_scan_artifacts(sc, sd) != 0) {
            aa_scenario_free(sc);
            sc = NULL;
        }
    }
    aa_diags_print(sd, stderr);
    aa_diags_free(sd);
    if (sc == NULL)
        return AA_EXIT_INPUT;
    if ((w = aa_why_not(rs, sc, o->why_not, WHY_NOT_BUDGET)) == NULL) {
        aa_scenario_free(sc);
        return AA_EXIT_INTERNAL;
    }
    if (aa_render_whynot(o->format, w, cli_width(stdout), stdout) != 0) {
        aa_message(stderr, "error: cannot write output: %s", strerror(errno));
        status = AA_EXIT_INTERNAL;
    } else {
        status = aa_whynot_status(w) ? AA_EXIT_FINDINGS : AA_EXIT_OK;
    }
    aa_whynot_free(w);
    aa_scenario_free(sc);
    return status;
}
