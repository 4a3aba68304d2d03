/*
 * config.c -- the config file, .attrib-advise.yaml (docs/ci.md): the
 * settings a CI job would otherwise repeat on every command line.
 *
 *   config := { version?: 1, fail-on?: LEVEL|never, min-severity?: LEVEL,
 *               strict?: BOOL, require-complete?: BOOL, baseline?: PATH,
 *               scan-baseline?: PATH, rules?: [PATH], exclude?: [GLOB],
 * ignore?: [RULE], severity?: { RULE: LEVEL } }
 *
 * The file is untrusted input like a rule file: yaml_tree.c bounds it, the
 * size is checked here, and every problem is an error with file, line and
 * column, so a misspelt key can never weaken a gate without a word.  Paths
 * are relative to the file's folder, which is also the run's root.  Which
 * rule ids exist is known only once the rules are loaded:
 * aa_config_check_rules says.
 */
#define _XOPEN_SOURCE 700 /* realpath */

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "attrib_advise.h"
#include "hashset.h"
#include "limits.h"
#include "report.h"
#include "yaml_tree.h"

struct aa_config {
    struct aa_arena arena;
    struct aa_config_values v;
    struct aa_loc *ignore_at, *severity_at; /* for aa_config_check_rules */
    struct aa_loc *rules_at;                /* for aa_config_load */
};

struct cload {
    struct aa_config *c;
    struct aa_diags *dl;
    size_t shown, more;
    int errors;
};

static void cverror(void *ctx, enum aa_code code, struct aa_loc at,
                    const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));

static void
cverror(void *ctx, enum aa_code code, struct aa_loc at, const char *fmt,
        va_list ap)
{
    struct cload *cl = ctx;

    cl->errors++;
    if (cl->shown >= aa_limit(AA_LIMIT_ERRORS)) {
        cl->more++;
        return;
    }
    aa_diag_vadd(cl->dl, code, at, NULL, fmt, ap);
    cl->shown++;
}

static void cerror(struct cload *cl, struct aa_loc at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
cerror(struct cload *cl, struct aa_loc at, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    cverror(cl, AA_E_SCHEMA, at, fmt, ap);
    va_end(ap);
}

static const char *const keys[] = {
    "version",          "fail-on",  "min-severity", "strict",
    "require-complete", "baseline", "rules",        "exclude",
    "ignore",           "severity", "scan-baseline"};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static const char *
scalar(struct cload *cl, const struct aa_ynode *n, const char *what)
{
    if (n->kind != AA_Y_SCALAR || aa_yaml_is_null(n)) {
        cerror(cl, n->at, "expected text for '%s', got %s", what,
               n->kind == AA_Y_SCALAR ? "null" : aa_yaml_kind_name(n->kind));
        return NULL;
    }
    return n->s;
}

/* A path: text that is not empty, which would name no file. */
static const char *
path_text(struct cload *cl, const struct aa_ynode *n, const char *what)
{
    const char *s = scalar(cl, n, what);

    if (s != NULL && s[0] == '\0') {
        cerror(cl, n->at, "an empty '%s' names no file; leave the key out",
               what);
        return NULL;
    }
    return s;
}

/* YAML 1.2's booleans: true, True, TRUE and false, False, FALSE. */
static int
boolean(struct cload *cl, const struct aa_ynode *n, const char *what)
{
    const char *s = scalar(cl, n, what);

    if (s == NULL)
        return -1;
    if (n->plain && (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 ||
                     strcmp(s, "TRUE") == 0))
        return 1;
    if (n->plain && (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 ||
                     strcmp(s, "FALSE") == 0))
        return 0;
    cerror(cl, n->at, "expected true or false for '%s', got '%s'", what, s);
    return -1;
}

static int
level_of(struct cload *cl, const struct aa_ynode *n, const char *what,
         int never)
{
    const char *s = scalar(cl, n, what);
    int l;

    if (s == NULL)
        return -1;
    if ((l = aa_level_find(s, never)) < 0)
        cerror(cl, n->at, "'%s' is not a level for '%s'; expected %s", s, what,
               never ? "error, warning, info or never"
                     : "info, warning or error");
    return l;
}

/* A path of the file, as the run opens it: relative to the file's folder. */
static const char *
path_of(struct aa_config *c, const char *p)
{
    if (p[0] == '/' || strcmp(c->v.dir, ".") == 0)
        return aa_arena_strdup(&c->arena, p);
    {
        size_t n = strlen(c->v.dir), m = strlen(p);
        char *s = aa_arena_alloc(&c->arena, n + m + 2);

        memcpy(s, c->v.dir, n);
        s[n] = '/';
        memcpy(s + n + 1, p, m + 1);
        return s;
    }
}

/* A sequence of non-empty texts (a lone text is a list of one). */
static const char **
texts(struct cload *cl, const struct aa_ynode *n, const char *what,
      size_t *count, struct aa_loc **at)
{
    const struct aa_ynode *const *items = (const struct aa_ynode *const *)&n;
    size_t k = 1;
    const char **v;

    if (n->kind == AA_Y_SEQ) {
        items = (const struct aa_ynode *const *)n->kids;
        k = n->n;
    } else if (n->kind == AA_Y_MAP) {
        cerror(cl, n->at, "expected a list for '%s', got a mapping", what);
        return NULL;
    }
    v = aa_arena_alloc(&cl->c->arena, (k + 1) * sizeof(*v));
    if (at != NULL)
        *at = aa_arena_alloc(&cl->c->arena, (k + 1) * sizeof(**at));
    *count = 0;
    for (size_t i = 0; i < k; i++) {
        const char *s = scalar(cl, items[i], what);

        if (s == NULL)
            continue;
        if (s[0] == '\0') {
            cerror(cl, items[i]->at, "an empty entry in '%s' names nothing",
                   what);
            continue;
        }
        if (at != NULL)
            (*at)[*count] = items[i]->at;
        v[(*count)++] = s;
    }
    return v;
}

static void
read_severity(struct cload *cl, const struct aa_ynode *n)
{
    struct aa_config *c = cl->c;
    struct aa_severity_override *v;
    struct aa_arena tmp;
    struct aa_hashset seen; /* rule id -> its slot in 'times' */
    size_t *times;          /* how often each id was given before */

    if (n->kind != AA_Y_MAP) {
        cerror(cl, n->at,
               "expected a mapping of rule ids to levels for 'severity', "
               "got %s",
               aa_yaml_kind_name(n->kind));
        return;
    }
    v = aa_arena_alloc(&c->arena, (n->n / 2 + 1) * sizeof(*v));
    c->severity_at =
        aa_arena_alloc(&c->arena, (n->n / 2 + 1) * sizeof(*c->severity_at));
    aa_arena_init(&tmp);
    aa_hashset_init(&seen, &tmp);
    times = aa_arena_alloc(&tmp, (n->n / 2 + 1) * sizeof(*times));
    for (size_t i = 0; i < n->n; i += 2) {
        const struct aa_ynode *k = n->kids[i];
        int l = level_of(cl, n->kids[i + 1], "severity", 0);
        const size_t *first = aa_hashset_add(&seen, k->s, &times[i / 2]);
        size_t t = first != NULL ? (size_t)(first - times) : i / 2;

        /* One error for each time the id was given before, as a walk
         * over the earlier keys finds them. */
        for (size_t j = 0; j < times[t]; j++) {
            cerror(cl, k->at, "rule '%s' is given twice in 'severity'", k->s);
            l = -1;
        }
        times[t]++;
        if (l < 0)
            continue;
        c->severity_at[c->v.nseverity] = k->at;
        v[c->v.nseverity].rule = k->s;
        v[c->v.nseverity++].severity = (enum aa_severity)l;
    }
    aa_arena_fini(&tmp);
    c->v.severity = v;
}

static void
read_root(struct cload *cl, const struct aa_ynode *root)
{
    struct aa_config *c = cl->c;
    unsigned long seen = 0;

    if (root == NULL)
        return; /* an empty file sets nothing */
    if (root->kind != AA_Y_MAP) {
        cerror(cl, root->at, "a config file is a mapping of settings, not %s",
               aa_yaml_kind_name(root->kind));
        return;
    }
    for (size_t i = 0; i < root->n; i += 2) {
        const struct aa_ynode *k = root->kids[i], *v = root->kids[i + 1];
        size_t key;
        const char *s;

        for (key = 0; key < NKEYS && strcmp(keys[key], k->s) != 0; key++)
            ;
        if (key == NKEYS) {
            const char *hint;

            /* Past the limit only the count is kept: no suggestion to
             * work out for each of a flood of keys. */
            if (cl->shown >= aa_limit(AA_LIMIT_ERRORS)) {
                cl->errors++;
                cl->more++;
                continue;
            }
            hint = aa_suggest(keys, NKEYS, k->s);

            if (hint != NULL)
                cerror(cl, k->at, "unknown key '%s' (did you mean '%s'?)", k->s,
                       hint);
            else
                cerror(cl, k->at,
                       "unknown key '%s'; a config file takes version, "
                       "fail-on, min-severity, strict, require-complete, "
                       "baseline, scan-baseline, rules, exclude, ignore and "
                       "severity",
                       k->s);
            continue;
        }
        if (seen & (1ul << key)) {
            cerror(cl, k->at, "duplicate key '%s'", k->s);
            continue;
        }
        seen |= 1ul << key;
        switch (key) {
        case 0: /* version */
            if ((s = scalar(cl, v, "version")) != NULL &&
                aa_yaml_version_quoted(v))
                cerror(cl, v->at, AA_YAML_VERSION_QUOTED);
            else if (s != NULL && (!v->plain || strcmp(s, "1") != 0))
                cerror(cl, v->at,
                       "unsupported config version '%s'; this build reads "
                       "version 1",
                       s);
            break;
        case 1:
            c->v.fail_on = level_of(cl, v, "fail-on", 1);
            break;
        case 2:
            c->v.min_severity = level_of(cl, v, "min-severity", 0);
            break;
        case 3:
            c->v.strict = boolean(cl, v, "strict");
            break;
        case 4:
            c->v.require_complete = boolean(cl, v, "require-complete");
            break;
        case 5:
            if ((s = path_text(cl, v, "baseline")) != NULL)
                c->v.baseline = path_of(c, s);
            break;
        case 6:
            c->v.rules = texts(cl, v, "rules", &c->v.nrules, &c->rules_at);
            for (size_t r = 0; r < c->v.nrules; r++)
                ((const char **)c->v.rules)[r] = path_of(c, c->v.rules[r]);
            break;
        case 7:
            c->v.exclude = texts(cl, v, "exclude", &c->v.nexclude, NULL);
            break;
        case 8:
            c->v.ignore = texts(cl, v, "ignore", &c->v.nignore, &c->ignore_at);
            break;
        case 9:
            read_severity(cl, v);
            break;
        case 10:
            if ((s = path_text(cl, v, "scan-baseline")) != NULL)
                c->v.scan_baseline = path_of(c, s);
            break;
        }
    }
}

/* The folder of 'path', as the run opens paths in it. */
static const char *
folder_of(struct aa_arena *a, const char *path)
{
    const char *slash = strrchr(path, '/');

    if (slash == NULL)
        return ".";
    if (slash == path)
        return "/";
    return aa_arena_strndup(a, path, (size_t)(slash - path));
}

struct aa_config *
aa_config_parse(const char *path, const char *data, size_t len,
                struct aa_diags *dl)
{
    struct aa_config *c = aa_xcalloc(1, sizeof(*c));
    struct aa_arena nodes;
    struct aa_yparse yp;
    struct cload cl;
    struct aa_ynode *root;

    aa_arena_init(&c->arena);
    c->v.path = aa_arena_strdup(&c->arena, path);
    c->v.dir = folder_of(&c->arena, c->v.path);
    c->v.fail_on = c->v.min_severity = -1;
    c->v.strict = c->v.require_complete = -1;
    memset(&cl, 0, sizeof(cl));
    cl.c = c;
    cl.dl = dl;
    if (len > aa_limit(AA_LIMIT_RULES_SIZE)) {
        struct aa_loc at = {path, 0, 0};

        aa_diag_add(dl, AA_E_LIMIT, at, NULL,
                    "config file is larger than %zu bytes (--limit "
                    "rules-size=N)",
                    aa_limit(AA_LIMIT_RULES_SIZE));
        aa_config_free(c);
        return NULL;
    }
    aa_arena_init(&nodes);
    memset(&yp, 0, sizeof(yp));
    yp.nodes = &nodes;
    yp.strings = &c->arena;
    yp.file = c->v.path;
    yp.data = data;
    yp.len = len;
    yp.what = "config files";
    yp.error = cverror;
    yp.ctx = &cl;
    root = aa_yaml_parse(&yp);
    if (!yp.failed)
        read_root(&cl, root);
    aa_arena_fini(&nodes);
    if (cl.more > 0) {
        struct aa_loc at = {path, 0, 0};

        aa_diag_add(dl, AA_E_SCHEMA, at, NULL,
                    "... and %zu more problem%s in this file (--limit "
                    "errors=N)",
                    cl.more, cl.more == 1 ? "" : "s");
    }
    if (cl.errors > 0) {
        aa_config_free(c);
        return NULL;
    }
    return c;
}

struct aa_config *
aa_config_load(const char *path, struct aa_diags *dl)
{
    struct aa_loc at = {path, 0, 0};
    struct aa_config *c = NULL;
    struct stat st;
    FILE *fp;
    char *buf;
    size_t len;
    int fd, missing = 0;

    /* Non-blocking, then fstat: a FIFO must never hold the run. */
    if ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0 || fstat(fd, &st) != 0) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot open the config file: %s",
                    strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || (fp = fdopen(fd, "rb")) == NULL) {
        aa_diag_add(dl, AA_S_IO, at, NULL,
                    "a config file must be a regular file");
        close(fd);
        return NULL;
    }
    buf = aa_read_all(fp, aa_limit(AA_LIMIT_RULES_SIZE), &len);
    if (ferror(fp))
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot read the config file: %s",
                    strerror(errno));
    else
        c = aa_config_parse(path, buf, len, dl);
    fclose(fp);
    free(buf);
    /* A rule pack that is not there is said at its entry: once loaded,
     * the path alone no longer says which file named it. */
    for (size_t r = 0; c != NULL && r < c->v.nrules; r++) {
        struct stat pack;

        if (stat(c->v.rules[r], &pack) != 0 &&
            (errno == ENOENT || errno == ENOTDIR)) {
            aa_diag_add(dl, AA_E_SCHEMA, c->rules_at[r], NULL,
                        "rules: '%s' names no file or folder", c->v.rules[r]);
            missing = 1;
        }
    }
    if (c != NULL && missing) {
        aa_config_free(c);
        c = NULL;
    }
    return c;
}

const struct aa_config_values *
aa_config_values(const struct aa_config *c)
{
    return &c->v;
}

int
aa_config_check_rules(const struct aa_config *c, const struct aa_ruleset *rs,
                      struct aa_diags *dl)
{
    int rc = 0;

    for (size_t i = 0; i < c->v.nignore; i++)
        if (!aa_ruleset_has_rule(rs, c->v.ignore[i])) {
            aa_diag_add(dl, AA_E_SCHEMA, c->ignore_at[i], NULL,
                        "ignore: no rule '%s'", c->v.ignore[i]);
            rc = -1;
        }
    for (size_t i = 0; i < c->v.nseverity; i++)
        if (!aa_ruleset_has_rule(rs, c->v.severity[i].rule)) {
            aa_diag_add(dl, AA_E_SCHEMA, c->severity_at[i], NULL,
                        "severity: no rule '%s'", c->v.severity[i].rule);
            rc = -1;
        } else if (!aa_ruleset_rule_has_finding(rs, c->v.severity[i].rule)) {
            /* As a rule pack's: a level that changes nothing is no gate. */
            aa_diag_add(dl, AA_E_SCHEMA, c->severity_at[i], NULL,
                        "severity: rule '%s' reports no finding, so it has "
                        "no level to set",
                        c->v.severity[i].rule);
            rc = -1;
        }
    return rc;
}

void
aa_config_free(struct aa_config *c)
{
    if (c == NULL)
        return;
    aa_arena_fini(&c->arena);
    free(c);
}

/* A repository's root holds .git (a folder, or a file in a worktree). */
static int
is_repo_root(const char *dir)
{
    char *p = aa_xasprintf("%s/.git", dir);
    struct stat st;
    int yes = lstat(p, &st) == 0;

    free(p);
    return yes;
}

char *
aa_config_find(const char *start)
{
    /* The real path tells where the file system ends; the path returned
     * climbs from 'start' with "..", so that what the config names stays
     * relative, as the user wrote it. */
    char *dir = realpath(start, NULL);
    size_t up = 0;

    while (dir != NULL) {
        char *rel = aa_xasprintf("%s/", strcmp(start, ".") == 0 ? "" : start);
        char *p, *slash;
        struct stat st;

        if (rel[0] == '/' && rel[1] == '\0')
            rel[0] = '\0';
        for (size_t i = 0; i < up; i++) {
            char *more = aa_xasprintf("%s../", rel);

            free(rel);
            rel = more;
        }
        p = aa_xasprintf("%s.attrib-advise.yaml", rel);
        free(rel);
        /* lstat: a link that names nothing is still the config the
         * folder has, and reading it then fails, rather than the run
         * going on without its gates. */
        if (lstat(p, &st) == 0) {
            free(dir);
            return p;
        }
        free(p);
        if (is_repo_root(dir) || strcmp(dir, "/") == 0)
            break;
        slash = strrchr(dir, '/');
        if (slash == dir)
            slash[1] = '\0';
        else
            *slash = '\0';
        up++;
    }
    free(dir);
    return NULL;
}
