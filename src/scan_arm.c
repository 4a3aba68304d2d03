/*
 * scan_arm.c -- CUA evidence in ARM templates (JSON, JSON with comments,
 * and Bicep compiled to JSON).
 *
 * A template is parsed with cJSON after its comments are blanked out
 * (spaces, newlines kept), so every byte offset in the blanked copy is the
 * same as in the file and hits can name a line and column.  A second walk
 * over the text records each node's offset (jsonpos.h).
 *
 * The deployments that matter are the Microsoft.Resources/deployments
 * resources of the root template (CUA-F08); those inside an inline nested
 * template are reported as nested (CUA-F09, F23), and a templateLink
 * becomes a link so that a linked file scanned in the same run is treated
 * as a child.  Deployment names and conditions are ARM expressions: they
 * are evaluated here with parameter defaults and variables, and what
 * cannot be known (uniqueString(), deployment(), a parameter without a
 * default) becomes AA_HOLE.
 *
 * Evaluation is bounded by the limits expansion-depth (nesting),
 * expansion-size (one value) and expansion-work (all evaluation of one
 * file, where every string evaluated costs its length and every byte built
 * costs one), so variables that expand each other cost at most the work
 * bound: what is past a bound is a hole, and one note says which bound.
 *
 *   expr    := primary postfix*
 *   primary := 'string' | number | true | false | null
 *            | name '(' [expr {',' expr}] ')' | name
 *   postfix := '.' name | '[' expr ']'
 */
#include "scan.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "jsonpos.h"
#include "limits.h"
#include "scenario.h"

#define MAX_NEST 16 /* nested templates inside nested templates */
#define MAX_NAME 64 /* ARM deployment names (CUA-F11) */
#define PID_HEAD 40 /* "pid-" and a GUID */
#define NOPARAM ((size_t)-1)

/* A value during evaluation.  Strings may hold AA_HOLE bytes. */
enum vkind { V_HOLE, V_STR, V_BOOL, V_NUM, V_NULL, V_NODE };

#define MAX_ARGS 16 /* a call's arguments kept; the rest are dropped */

struct val {
    enum vkind k;
    const char *s; /* V_STR, in the scan's temporary arena */
    size_t n;
    int b;
    double num;
    const cJSON *node; /* V_NODE: an object or array of the template */
    /* Where a parameter's default (or a parameter with none) first went
     * into the value: a byte offset into a string's text, 0 for a value
     * that depends on a parameter as a whole, NOPARAM when none did.  A
     * deployer can override what comes from a parameter, but only a
     * parameter inside "pid-<GUID>" changes the pid (CUA-F06). */
    size_t param_at;
};

/* Parameters and variables that expressions of one template can see. */
struct scope {
    const cJSON *params;
    const cJSON *vars;
};

struct arm {
    struct aa_scan *s;
    struct aa_scan_file *f;
    const char *text; /* the file as read, for locations */
    struct aa_arena tmp;
    /* The bounds (limits.h): work left, the longest value, the deepest
     * nesting; the string being evaluated, and the first bound reached
     * with where, for the note. */
    size_t work, max_size, max_depth;
    size_t at;
    int over;
    enum aa_limit over_limit;
    size_t over_at;
    /* What the root template says, for the status. */
    int root_ok, root_risky, nested_pid, avm, any_cua;
    int opt_out_said, param_said;
    /* if() calls whose condition a parameter sets, met while the name
     * being judged is evaluated (aa_switch_take): to see what a deployer
     * can switch on or off. */
    struct aa_switches sw;
    char first_guid[37];
    int several;
    size_t pid_comment; /* the first pid-<GUID> in a comment, or -1 */
};

/* ---- comments and offsets ------------------------------------------ */

/* The first "pid-<GUID>" in t[from, to) into *at, unless one is there. */
static void
find_pid(const char *t, size_t from, size_t to, size_t *at)
{
    if (*at == (size_t)-1)
        *at = aa_pid_text_in(t, from, to);
}

/* Blank // and block comments outside strings; keep newlines so offsets
 * and lines stay those of the file.  The first pid-<GUID> a comment holds
 * goes to *pid, which the caller sets to (size_t)-1: a deployment taken
 * out so is said to be, as in Bicep.  Returns the offset of a block
 * comment that the file ends in, or (size_t)-1. */
static size_t
blank_comments(char *t, size_t len, size_t *pid)
{
    size_t i = 0, open = (size_t)-1;

    if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
        memset(t, ' ', 3);
    while (i < len) {
        if (t[i] == '"') {
            for (i++; i < len && t[i] != '"'; i++)
                if (t[i] == '\\' && i + 1 < len)
                    i++;
            i++;
        } else if (t[i] == '/' && i + 1 < len && t[i + 1] == '/') {
            const char *nl = memchr(t + i, '\n', len - i);

            find_pid(t, i, nl ? (size_t)(nl - t) : len, pid);
            for (; i < len && t[i] != '\n'; i++)
                t[i] = ' ';
        } else if (t[i] == '/' && i + 1 < len && t[i + 1] == '*') {
            size_t j = i + 2;

            while (j + 1 < len && !(t[j] == '*' && t[j + 1] == '/'))
                j++;
            if (j + 1 >= len)
                open = i;
            j = j + 1 < len ? j + 2 : len;
            find_pid(t, i, j, pid);
            for (; i < j; i++)
                if (t[i] != '\n')
                    t[i] = ' ';
        } else {
            i++;
        }
    }
    return open;
}

/* Where the member whose value starts at 'voff' is named: its key's
 * opening quote, so that --explain shows '"cuaId": "..."', not a bare
 * value or '{'.  voff itself when the text before it is no key. */
static size_t
key_of(const char *t, size_t voff)
{
    size_t i = voff;

    if (voff == (size_t)-1)
        return voff;
    while (i > 0 && strchr(" \t\r\n", t[i - 1]) != NULL)
        i--;
    if (i == 0 || t[i - 1] != ':')
        return voff;
    i--;
    while (i > 0 && strchr(" \t\r\n", t[i - 1]) != NULL)
        i--;
    if (i < 2 || t[i - 1] != '"')
        return voff;
    for (i -= 2; i > 0; i--)
        if (t[i] == '"' && t[i - 1] != '\\')
            return i;
    return t[0] == '"' ? 0 : voff;
}

/* Where member m of obj starts, its key: for a step of --explain.  A
 * number has no offset noted (jsonpos.h), so its key is looked for from
 * the object's start, a walk of the object that only an explaining scan
 * takes. */
static size_t
member_at(const struct arm *a, const cJSON *obj, const cJSON *m)
{
    size_t off = aa_json_offset(m);

    if (off != (size_t)-1)
        return key_of(a->text, off);
    return a->s->explain ? aa_json_key_offset(obj, m, a->text) : off;
}

/* ---- values --------------------------------------------------------- */

static struct val
hole(size_t param_at)
{
    struct val v = {V_HOLE, NULL, 0, 0, 0, NULL, param_at};

    return v;
}

/* Where a parameter first went into a value made from x and y alike. */
static size_t
pmin(size_t x, size_t y)
{
    return x < y ? x : y;
}

/* A value that depends as a whole on one whose parameter place is p. */
static size_t
pall(size_t p)
{
    return p == NOPARAM ? NOPARAM : 0;
}

/* A bound was reached: the value is a hole, and the first such place is
 * kept for the note aa_scan_arm adds. */
static struct val
over(struct arm *a, enum aa_limit l)
{
    if (!a->over) {
        a->over = 1;
        a->over_limit = l;
        a->over_at = a->at;
    }
    return hole(NOPARAM);
}

/* Take k steps of work; nonzero when there were not that many left. */
static int
spend(struct arm *a, size_t k)
{
    if (a->work < k) {
        a->work = 0;
        return -1;
    }
    a->work -= k;
    return 0;
}

/* A string value built from n bytes at s, if it is within the bounds. */
static struct val
str(struct arm *a, const char *s, size_t n, size_t param_at)
{
    struct val v = {V_STR, NULL, n, 0, 0, NULL, param_at};

    if (n > a->max_size)
        return over(a, AA_LIMIT_EXPANSION_SIZE);
    if (spend(a, n) != 0)
        return over(a, AA_LIMIT_EXPANSION_WORK);
    v.s = aa_arena_strndup(&a->tmp, s, n);
    return v;
}

/* The text of a value as part of a name: a hole for anything unknown,
 * so the result is always a V_STR with text. */
static struct val
as_str(struct arm *a, struct val v)
{
    struct val r = hole(pall(v.param_at));
    char buf[32];

    if (v.k == V_STR)
        return v;
    if (v.k == V_NUM) {
        snprintf(buf, sizeof(buf), "%.15g", v.num);
        r = str(a, buf, strlen(buf), pall(v.param_at));
    } else if (v.k == V_BOOL) {
        r = str(a, v.b ? "True" : "False", v.b ? 4 : 5, pall(v.param_at));
    }
    if (r.k != V_STR) {
        r.k = V_STR;
        r.s = AA_HOLE_STR;
        r.n = 1;
    }
    return r;
}

static struct val eval_node(struct arm *a, const cJSON *n,
                            const struct scope *sc, int depth);

/* ---- expressions ---------------------------------------------------- */

struct lex {
    const char *p, *end;
};

static void
lws(struct lex *l)
{
    while (l->p < l->end &&
           (*l->p == ' ' || *l->p == '\t' || *l->p == '\n' || *l->p == '\r'))
        l->p++;
}

static int
is_name_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '_' || ch == '.' || ch == '$';
}

static struct val parse_expr(struct arm *a, struct lex *l,
                             const struct scope *sc, int depth);

static int
name_is(const char *s, size_t n, const char *want)
{
    return strlen(want) == n && strncasecmp(s, want, n) == 0;
}

/* Member 'key' of obj.  Of keys written twice the last counts, as Azure's
 * reader is seen to take it and the CLI's Python reader does (cJSON's
 * lookup gives the first).  Names without case, as ARM reads them.  For
 * expressions, which may look up the same names again and again, 'a' is
 * the evaluation: each key compared is a step of its work. */
static const cJSON *
lookup(struct arm *a, const cJSON *obj, const char *key)
{
    const cJSON *last = NULL;

    if (!cJSON_IsObject(obj))
        return NULL;
    for (const cJSON *c = obj->child; c != NULL; c = c->next) {
        if (a != NULL && spend(a, 1) != 0) {
            (void)over(a, AA_LIMIT_EXPANSION_WORK);
            return NULL;
        }
        if (c->string != NULL && strcasecmp(c->string, key) == 0)
            last = c;
    }
    return last;
}

/* lookup() outside expressions: the template's structure, no budget. */
static const cJSON *
member(const cJSON *obj, const char *key)
{
    return lookup(NULL, obj, key);
}

static int
truth(struct val v)
{
    if (v.k == V_BOOL)
        return v.b;
    if (v.k == V_STR && memchr(v.s, AA_HOLE, v.n) == NULL)
        return name_is(v.s, v.n, "true")    ? 1
               : name_is(v.s, v.n, "false") ? 0
                                            : -1;
    return -1;
}

static struct val
boolean(int b, size_t param_at)
{
    struct val v = {V_BOOL, NULL, 0, b, 0, NULL, pall(param_at)};

    return b < 0 ? hole(pall(param_at)) : v;
}

static int
known(struct val v)
{
    return v.k != V_HOLE &&
           !(v.k == V_STR && memchr(v.s, AA_HOLE, v.n) != NULL);
}

static int
equal_vals(struct val x, struct val y)
{
    if (!known(x) || !known(y))
        return -1;
    if (x.k == V_STR && y.k == V_STR)
        return x.n == y.n && strncasecmp(x.s, y.s, x.n) == 0;
    if (x.k == V_BOOL && y.k == V_BOOL)
        return x.b == y.b;
    if (x.k == V_NUM && y.k == V_NUM)
        return x.num == y.num;
    if (x.k == V_NULL || y.k == V_NULL)
        return x.k == y.k;
    return -1;
}

/* empty(v): 1, 0, or -1 when v is not known. */
static int
is_empty(struct val v)
{
    if (v.k == V_NULL)
        return 1;
    if (v.k == V_STR)
        return known(v) ? v.n == 0 : v.n > 1 ? 0 : -1;
    if (v.k == V_NODE && (cJSON_IsArray(v.node) || cJSON_IsObject(v.node)))
        return v.node->child == NULL;
    return -1;
}

/* contains(c, x) as ARM reads it: a string holds the text (case counts),
 * an array the value, an object the key (case aside); 1, 0, or -1 when
 * either is not known, or an item is an expression. */
static int
does_contain(struct val c, struct val x)
{
    if (c.k == V_STR && x.k == V_STR) {
        if (!known(c) || !known(x))
            return -1;
        for (size_t i = 0; i + x.n <= c.n; i++)
            if (memcmp(c.s + i, x.s, x.n) == 0)
                return 1;
        return 0;
    }
    if (c.k != V_NODE || !(cJSON_IsArray(c.node) || cJSON_IsObject(c.node)))
        return -1;
    if (c.node->child == NULL)
        return 0;
    if (!known(x) || x.k == V_NODE)
        return -1;
    for (const cJSON *e = c.node->child; e != NULL; e = e->next) {
        if (cJSON_IsObject(c.node)) {
            if (x.k == V_STR && strlen(e->string) == x.n &&
                strncasecmp(e->string, x.s, x.n) == 0)
                return 1;
        } else if (cJSON_IsString(e)) {
            if (e->valuestring[0] == '[')
                return -1;
            if (x.k == V_STR && strlen(e->valuestring) == x.n &&
                memcmp(e->valuestring, x.s, x.n) == 0)
                return 1;
        } else if (cJSON_IsNumber(e)) {
            if (x.k == V_NUM && e->valuedouble == x.num)
                return 1;
        } else if (cJSON_IsBool(e)) {
            if (x.k == V_BOOL && cJSON_IsTrue(e) == x.b)
                return 1;
        } else {
            return -1;
        }
    }
    return 0;
}

/* format('a{0}b{1}', x, y): .NET composite formatting, enough for names.
 * The result is built in a buffer that never grows past expansion-size;
 * its parameter place is the first byte a parameter gave or chose. */
static struct val
do_format(struct arm *a, struct val *args, size_t nargs)
{
    struct val fmt = as_str(a, args[0]);
    size_t o = 0, cap = fmt.n + 64, pat = NOPARAM;
    char *out;

    if (cap > a->max_size + 1)
        cap = a->max_size + 1;
    out = aa_xmalloc(cap);
    for (size_t i = 0; i < fmt.n; i++) {
        const char *add = &fmt.s[i];
        size_t k = 0, j = i, addn = 1;
        struct val v;

        if (fmt.s[i] == '{' && i + 1 < fmt.n && fmt.s[i + 1] >= '0' &&
            fmt.s[i + 1] <= '9') {
            /* More digits than any argument count are still one item. */
            j = i + 1;
            while (j < fmt.n && fmt.s[j] >= '0' && fmt.s[j] <= '9') {
                if (k < nargs)
                    k = k * 10 + (size_t)(fmt.s[j] - '0');
                j++;
            }
            while (j < fmt.n && fmt.s[j] != '}')
                j++;
            if (k + 1 < nargs) {
                v = as_str(a, args[k + 1]);
                add = v.s;
                addn = v.n;
                if (v.param_at != NOPARAM)
                    pat = pmin(pat, o + v.param_at);
            } else {
                add = AA_HOLE_STR;
            }
        }
        /* This piece of the format string, fmt.s[i..j], came from a
         * parameter. */
        if (fmt.param_at != NOPARAM && fmt.param_at <= j)
            pat = pmin(pat, o);
        i = j;
        if (o + addn > a->max_size) {
            free(out);
            return over(a, AA_LIMIT_EXPANSION_SIZE);
        }
        if (o + addn > cap) {
            cap = o + addn > cap * 2 ? o + addn : cap * 2;
            if (cap > a->max_size + 1)
                cap = a->max_size + 1;
            out = aa_xrealloc(out, cap, 1);
        }
        memcpy(out + o, add, addn);
        o += addn;
    }
    struct val r = str(a, out, o, pat);

    free(out);
    return r;
}

static struct val
do_concat(struct arm *a, struct val *args, size_t nargs)
{
    size_t total = 0, o = 0, pat = NOPARAM;
    char *out;
    struct val r;

    for (size_t i = 0; i < nargs; i++) {
        args[i] = as_str(a, args[i]);
        if (args[i].n > a->max_size - total)
            return over(a, AA_LIMIT_EXPANSION_SIZE);
        total += args[i].n;
    }
    out = aa_xmalloc(total + 1);
    for (size_t i = 0; i < nargs; i++) {
        memcpy(out + o, args[i].s, args[i].n);
        if (args[i].param_at != NOPARAM)
            pat = pmin(pat, o + args[i].param_at);
        o += args[i].n;
    }
    r = str(a, out, o, pat);
    free(out);
    return r;
}

/* Where the path of the URL s (n bytes) starts: just past "scheme://"
 * and the host, at its first '/' or its end; 0 when s is no URL. */
static size_t
url_path(const char *s, size_t n)
{
    size_t i = 0;

    while (i < n &&
           ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
            (i > 0 && (s[i] == '+' || s[i] == '-' || s[i] == '.'))))
        i++;
    if (i == 0 || i + 3 > n || memcmp(s + i, "://", 3) != 0)
        return 0;
    for (i += 3; i < n && s[i] != '/' && s[i] != '?' && s[i] != '#'; i++)
        ;
    return i;
}

/* Call a template function.  Only what names and conditions use is
 * evaluated; every other function is a hole. */
static struct val
call(struct arm *a, const char *fn, size_t fnlen, struct val *args,
     size_t nargs, const struct scope *sc, int depth)
{
    size_t via = NOPARAM; /* a result that depends on all arguments */

    for (size_t i = 0; i < nargs; i++)
        via = pmin(via, pall(args[i].param_at));
    if (name_is(fn, fnlen, "parameters") && nargs == 1 && args[0].k == V_STR) {
        const cJSON *p = lookup(a, sc->params, args[0].s);
        const cJSON *d = lookup(a, p, "defaultValue");

        if (p != NULL)
            aa_scan_step(a->s, a->f, a->text, member_at(a, sc->params, p),
                         args[0].s, args[0].n);
        if (d == NULL)
            return hole(0);
        struct val v = eval_node(a, d, sc, depth + 1);

        v.param_at = 0;
        return v;
    }
    if (name_is(fn, fnlen, "variables") && nargs == 1 && args[0].k == V_STR) {
        const cJSON *v = lookup(a, sc->vars, args[0].s);

        if (v != NULL)
            aa_scan_step(a->s, a->f, a->text, member_at(a, sc->vars, v),
                         args[0].s, args[0].n);
        return v ? eval_node(a, v, sc, depth + 1) : hole(via);
    }
    if (name_is(fn, fnlen, "concat") && nargs > 0)
        return do_concat(a, args, nargs);
    if (name_is(fn, fnlen, "format") && nargs > 0)
        return do_format(a, args, nargs);
    /* uri(base, relative), as ARM combines them: a base that ends in '/'
     * is kept whole, one with a path is cut after its last '/', and one
     * with no path at all is kept whole.  A base that is a hole is most
     * often the template's own URI (deployment().properties.templateLink
     * .uri): cut after its last '/', it is this template's folder, so
     * the result names a file beside this one.  A real URL as the base
     * (an _artifactsLocation default) gives a real URL. */
    if (name_is(fn, fnlen, "uri") && nargs == 2) {
        struct val parts[3] = {as_str(a, args[0]), str(a, "/", 1, NOPARAM),
                               args[1]};
        const char *b = parts[0].s;
        size_t keep = parts[0].n, path = url_path(b, keep);

        while (keep > path && b[keep - 1] != '/' && b[keep - 1] != AA_HOLE)
            keep--;
        if (keep > path && b[keep - 1] == '/') {
            parts[0].n = keep; /* up to its last '/' */
            return do_concat(a, (struct val[2]){parts[0], args[1]}, 2);
        }
        if (keep == path && path > 0) /* a URL with no path */
            return do_concat(a, (struct val[2]){parts[0], args[1]}, 2);
        /* After a hole, no '/': the template's own URI, or unknown. */
        parts[0] = hole(pall(args[0].param_at));
        return do_concat(a, parts, 3);
    }
    if (name_is(fn, fnlen, "string") && nargs == 1)
        return as_str(a, args[0]);
    if ((name_is(fn, fnlen, "toLower") || name_is(fn, fnlen, "toUpper")) &&
        nargs == 1) {
        struct val v = as_str(a, args[0]);
        char *o;
        int up = name_is(fn, fnlen, "toUpper");

        if (spend(a, v.n) != 0)
            return over(a, AA_LIMIT_EXPANSION_WORK);
        o = aa_arena_strndup(&a->tmp, v.s, v.n);

        for (size_t i = 0; i < v.n; i++) {
            if (up && o[i] >= 'a' && o[i] <= 'z')
                o[i] = (char)(o[i] - 'a' + 'A');
            else if (!up && o[i] >= 'A' && o[i] <= 'Z')
                o[i] = (char)(o[i] - 'A' + 'a');
        }
        v.s = o;
        return v;
    }
    if (name_is(fn, fnlen, "take") && nargs == 2 && args[1].k == V_NUM) {
        struct val v = as_str(a, args[0]);
        const char *h = memchr(v.s, AA_HOLE, v.n);
        double num = args[1].num;
        size_t keep = !(num > 0) ? 0 : num >= (double)v.n ? v.n : (size_t)num;

        /* With a hole, only a cut before it is certain. */
        if ((h == NULL || (size_t)(h - v.s) >= keep) && keep < v.n)
            v.n = keep;
        v.param_at = pmin(v.param_at, pall(args[1].param_at));
        return v;
    }
    /* length() of an array sets a copy loop's count: over an empty
     * array it deploys nothing. */
    if (name_is(fn, fnlen, "length") && nargs == 1 &&
        ((args[0].k == V_NODE && cJSON_IsArray(args[0].node)) ||
         (args[0].k == V_STR &&
          memchr(args[0].s, AA_HOLE, args[0].n) == NULL))) {
        struct val v = hole(args[0].param_at);

        v.k = V_NUM;
        v.num = args[0].k == V_STR ? (double)args[0].n
                                   : (double)cJSON_GetArraySize(args[0].node);
        return v;
    }
    /* createArray() is the empty array, and min() and max() of known
     * numbers are known: a copy count or a condition made of them is
     * constant ("[greater(length(createArray()), 0)]" is false). */
    if (name_is(fn, fnlen, "createArray") && nargs == 0) {
        static const cJSON empty = {.type = cJSON_Array};
        struct val v = hole(NOPARAM);

        v.k = V_NODE;
        v.node = &empty;
        return v;
    }
    if ((name_is(fn, fnlen, "min") || name_is(fn, fnlen, "max")) && nargs > 0 &&
        nargs < MAX_ARGS) {
        int lo = name_is(fn, fnlen, "min");
        struct val v = hole(via);

        for (size_t i = 0; i < nargs; i++)
            if (args[i].k != V_NUM)
                return hole(via);
        v.k = V_NUM;
        v.num = args[0].num;
        for (size_t i = 1; i < nargs; i++)
            if (lo ? args[i].num < v.num : args[i].num > v.num)
                v.num = args[i].num;
        return v;
    }
    /* empty(), contains() and the comparisons over what the defaults give:
     * a pid deployment switched on by a feature list, a GUID or a count
     * that the defaults leave empty is off by default (CUA-F10), not the
     * deployer's choice. */
    if (name_is(fn, fnlen, "empty") && nargs == 1)
        return boolean(is_empty(args[0]), via);
    if (name_is(fn, fnlen, "contains") && nargs == 2)
        return boolean(does_contain(args[0], args[1]), via);
    if (nargs == 2 && args[0].k == V_NUM && args[1].k == V_NUM) {
        double x = args[0].num, y = args[1].num;

        if (name_is(fn, fnlen, "greater"))
            return boolean(x > y, via);
        if (name_is(fn, fnlen, "greaterOrEquals"))
            return boolean(x >= y, via);
        if (name_is(fn, fnlen, "less"))
            return boolean(x < y, via);
        if (name_is(fn, fnlen, "lessOrEquals"))
            return boolean(x <= y, via);
    }
    if (name_is(fn, fnlen, "if") && nargs == 3) {
        int c = truth(args[0]);

        if (args[0].param_at != NOPARAM)
            c = aa_switch_take(&a->sw, c);
        if (c < 0)
            return hole(via);
        /* The value chosen by default keeps its own parameter place: a
         * literal pid chosen by a switch is the author's pid, as Bicep's
         * "on ? 'pid-...' : 'x'" is in scan_bicep.c. */
        return c ? args[1] : args[2];
    }
    if (name_is(fn, fnlen, "equals") && nargs == 2)
        return boolean(equal_vals(args[0], args[1]), via);
    if (name_is(fn, fnlen, "not") && nargs == 1) {
        int t = truth(args[0]);

        return boolean(t < 0 ? -1 : !t, via);
    }
    if ((name_is(fn, fnlen, "and") || name_is(fn, fnlen, "or")) && nargs > 0) {
        int is_and = name_is(fn, fnlen, "and"), r = is_and;

        for (size_t i = 0; i < nargs; i++) {
            int t = truth(args[i]);

            if (t == !is_and)
                return boolean(t, via);
            if (t < 0)
                r = -1;
        }
        return boolean(r, via);
    }
    if (name_is(fn, fnlen, "bool") && nargs == 1)
        return boolean(truth(args[0]), via);
    if (name_is(fn, fnlen, "true") && nargs == 0)
        return boolean(1, NOPARAM);
    if (name_is(fn, fnlen, "false") && nargs == 0)
        return boolean(0, NOPARAM);
    /* uniqueString(parameters('x')) and the like: what went into a hole
     * does not make the known part of a name overridable. */
    return hole(NOPARAM);
}

static struct val
postfix(struct arm *a, struct lex *l, struct val v, const struct scope *sc,
        int depth)
{
    for (;;) {
        lws(l);
        if (l->p < l->end && *l->p == '.') {
            const char *s = ++l->p;
            char key[128];

            while (l->p < l->end && is_name_char(*l->p) && *l->p != '.')
                l->p++;
            if ((size_t)(l->p - s) >= sizeof(key) || v.k != V_NODE) {
                v = hole(pall(v.param_at));
                continue;
            }
            memcpy(key, s, (size_t)(l->p - s));
            key[l->p - s] = '\0';
            const cJSON *c = lookup(a, v.node, key);
            size_t via = pall(v.param_at);

            v = c ? eval_node(a, c, sc, depth + 1) : hole(via);
            v.param_at = pmin(v.param_at, via);
        } else if (l->p < l->end && *l->p == '[') {
            struct val k;
            const cJSON *c = NULL;
            size_t via = pall(v.param_at);

            l->p++;
            k = parse_expr(a, l, sc, depth + 1);
            lws(l);
            if (l->p < l->end && *l->p == ']')
                l->p++;
            if (v.k == V_NODE && k.k == V_STR && known(k))
                c = lookup(a, v.node, k.s);
            else if (v.k == V_NODE && k.k == V_NUM && cJSON_IsArray(v.node) &&
                     k.num >= 0 && k.num < 2147483647.0 &&
                     spend(a, (size_t)k.num + 1) == 0)
                c = cJSON_GetArrayItem(v.node, (int)k.num); /* walks k */
            via = pmin(via, pall(k.param_at));
            v = c ? eval_node(a, c, sc, depth + 1) : hole(via);
            v.param_at = pmin(v.param_at, via);
        } else {
            return v;
        }
    }
}

static struct val
parse_expr(struct arm *a, struct lex *l, const struct scope *sc, int depth)
{
    struct val v;

    lws(l);
    if (l->p >= l->end)
        return hole(NOPARAM);
    /* Without progress here, the caller's loop moves on a byte at a time,
     * so an expression past a bound costs no more than its length. */
    if ((size_t)depth > a->max_depth)
        return over(a, AA_LIMIT_EXPANSION_DEPTH);
    if (spend(a, 1) != 0)
        return over(a, AA_LIMIT_EXPANSION_WORK);
    if (*l->p == '\'') {
        /* '' inside a string literal is one quote.  The buffer is the
         * literal's size: a long expression of many literals must not
         * cost its length for each of them. */
        const char *q = l->p + 1;
        char *buf;
        size_t n = 0;

        while (q < l->end && (*q != '\'' || (q + 1 < l->end && q[1] == '\'')))
            q += *q == '\'' ? 2 : 1;
        buf = aa_arena_alloc(&a->tmp, (size_t)(q - l->p));
        for (l->p++; l->p < l->end; l->p++) {
            if (*l->p == '\'') {
                if (l->p + 1 < l->end && l->p[1] == '\'') {
                    buf[n++] = '\'';
                    l->p++;
                    continue;
                }
                l->p++;
                break;
            }
            buf[n++] = *l->p;
        }
        v = hole(NOPARAM);
        if (n > a->max_size) {
            v = over(a, AA_LIMIT_EXPANSION_SIZE);
        } else {
            v.k = V_STR;
            v.s = buf;
            v.n = n;
        }
        return postfix(a, l, v, sc, depth);
    }
    if ((*l->p >= '0' && *l->p <= '9') || *l->p == '-') {
        char *endp;

        v = hole(NOPARAM);
        v.k = V_NUM;
        v.num = strtod(l->p, &endp);
        l->p = endp > l->p ? endp : l->p + 1;
        return v;
    }
    if (is_name_char(*l->p)) {
        const char *s = l->p;
        struct val args[MAX_ARGS];
        size_t nargs = 0;

        while (l->p < l->end && is_name_char(*l->p))
            l->p++;
        size_t n = (size_t)(l->p - s);

        lws(l);
        if (l->p >= l->end || *l->p != '(') {
            if (name_is(s, n, "true") || name_is(s, n, "false"))
                return boolean(name_is(s, n, "true"), NOPARAM);
            v = hole(NOPARAM);
            if (name_is(s, n, "null"))
                v.k = V_NULL;
            return v;
        }
        l->p++;
        for (;;) {
            lws(l);
            if (l->p >= l->end)
                break;
            if (*l->p == ')') {
                l->p++;
                break;
            }
            struct val arg = parse_expr(a, l, sc, depth + 1);

            if (nargs < MAX_ARGS)
                args[nargs++] = arg;
            lws(l);
            if (l->p < l->end && *l->p == ',')
                l->p++;
            else if (l->p < l->end && *l->p != ')')
                l->p++; /* not an expression we know: keep moving */
        }
        v = call(a, s, n, args, nargs, sc, depth);
        return postfix(a, l, v, sc, depth);
    }
    l->p++;
    return hole(NOPARAM);
}

/* A JSON value of the template, with string expressions evaluated. */
static struct val
eval_node(struct arm *a, const cJSON *n, const struct scope *sc, int depth)
{
    struct val v = hole(NOPARAM);

    if (n == NULL)
        return v;
    if ((size_t)depth > a->max_depth)
        return over(a, AA_LIMIT_EXPANSION_DEPTH);
    if (cJSON_IsString(n)) {
        const char *s = n->valuestring;
        size_t len = strlen(s), at = a->at;

        /* Each evaluation of a string costs its length: a variable that
         * is long and used many times is paid for every time. */
        if (spend(a, len + 1) != 0)
            return over(a, AA_LIMIT_EXPANSION_WORK);
        a->at = aa_json_offset(n);
        if (len >= 2 && s[0] == '[' && s[1] == '[') {
            v = str(a, s + 1, len - 1, NOPARAM); /* "[[" escapes a literal */
        } else if (len >= 2 && s[0] == '[' && s[len - 1] == ']') {
            struct lex l = {s + 1, s + len - 1};

            v = parse_expr(a, &l, sc, depth);
        } else {
            v = str(a, s, len, NOPARAM);
        }
        a->at = at;
        return v;
    }
    if (cJSON_IsBool(n))
        return boolean(cJSON_IsTrue(n), NOPARAM);
    if (cJSON_IsNumber(n)) {
        v.k = V_NUM;
        v.num = n->valuedouble;
        return v;
    }
    if (cJSON_IsNull(n)) {
        v.k = V_NULL;
        return v;
    }
    v.k = V_NODE;
    v.node = n;
    return v;
}

/* ---- templates ------------------------------------------------------ */

static int
is_deployment(const cJSON *res)
{
    const cJSON *t = member(res, "type");

    return cJSON_IsString(t) &&
           strcasecmp(t->valuestring, "Microsoft.Resources/deployments") == 0;
}

/* The file a templateLink names, when it can be told: relativePath, or
 * the last piece of a uri that ends in .json, without its query string.
 * A piece that is a whole URL (from an _artifactsLocation with a real
 * default) is kept as one, for scan.c to match by its path; any other
 * piece is relative to this template. */
static void
note_link(struct arm *a, const cJSON *link, const struct scope *sc)
{
    const cJSON *rel = member(link, "relativePath");
    const cJSON *uri = member(link, "uri");
    struct val v;
    const char *s, *e, *q;

    if (rel == NULL && uri == NULL)
        return;
    v = as_str(a, eval_node(a, rel ? rel : uri, sc, 0));
    /* The last run between holes that names a .json file. */
    for (e = v.s + v.n; e > v.s; e = s - 1) {
        for (s = e; s > v.s && s[-1] != AA_HOLE; s--)
            ;
        q = s;
        while (q < e && *q != '?')
            q++;
        if (q - s > 5 && strncasecmp(q - 5, ".json", 5) == 0) {
            const char *u = s;

            /* From the first "://" back over its scheme, in one pass. */
            while (u + 3 <= q && memcmp(u, "://", 3) != 0)
                u++;
            while (u > s && ((u[-1] >= 'a' && u[-1] <= 'z') ||
                             (u[-1] >= 'A' && u[-1] <= 'Z')))
                u--;
            if (u + 3 <= q && url_path(u, (size_t)(q - u)) > 0) {
                s = u;
            } else {
                while (s < q && *s == '/')
                    s++;
            }
            aa_scan_link(a->s, a->f, s, (size_t)(q - s));
            return;
        }
        if (s == v.s)
            break;
    }
}

static void
note_guid(struct arm *a, const char *g)
{
    if (a->first_guid[0] == '\0')
        memcpy(a->first_guid, g, 37);
    else if (strcmp(a->first_guid, g) != 0)
        a->several = 1;
}

/* A deployment's name evaluated with the switches of sw->flip turned,
 * what it met of them in the rest of sw (aa_switch_take), and its form;
 * the steps --explain shows are those of this evaluation. */
static struct val
name_value(struct arm *a, const cJSON *name, const struct scope *sc,
           struct aa_switches *sw, enum aa_pid_form *form, char guid[37])
{
    struct val v;

    aa_scan_steps_begin(a->s, a->f);
    a->sw = *sw;
    v = as_str(a, eval_node(a, name, sc, 0));
    *sw = a->sw;
    memset(&a->sw, 0, sizeof(a->sw));
    *form = aa_pid_classify(v.s, v.n, guid);
    return v;
}

/* A name to evaluate under switches (aa_switch_effect), and what its last
 * evaluation gave, under which switches. */
struct name_at {
    struct arm *a;
    const cJSON *name;
    const struct scope *sc;
    unsigned flip;
    struct val v;
    enum aa_pid_form form;
    char guid[37];
};

static int
valid_at(void *ctx, struct aa_switches *sw)
{
    struct name_at *n = ctx;

    n->flip = sw->flip;
    n->v = name_value(n->a, n->name, n->sc, sw, &n->form, n->guid);
    return aa_pid_counts(n->form);
}

/* One deployment resource of the root template (depth 0) or of a nested
 * one: classify its name and say what it means. */
static void
judge(struct arm *a, const cJSON *res, const struct scope *sc, int depth)
{
    const cJSON *name = member(res, "name");
    const cJSON *cond = member(res, "condition");
    /* copy.count 0 deploys the resource no time, as a false condition. */
    const cJSON *copy = member(res, "copy"), *count = member(copy, "count");
    size_t at = aa_json_offset(name ? name : res);
    struct val v;
    enum aa_pid_form form;
    char guid[37];
    int on = 1, switchable = 0;
    struct name_at named = {a, name, sc, 0, {0}, AA_PID_NOT_PID, ""};
    unsigned shown;
    /* A name that a parameter's if() makes a pid or not is a condition
     * on the pid: 'pid-...' chosen by default, or by the deployer where
     * the parameter has no default, can be switched off (unless every
     * other choice is a pid too), and one chosen only by other branches
     * is off by default. */
    enum aa_switch_effect sw = aa_switch_effect(valid_at, &named, &shown);
    int name_off = sw == AA_SWITCH_ON_ONLY;
    int name_switch = sw == AA_SWITCH_OFF_ABLE;

    /* The steps --explain shows: those of the name as judged, evaluated
     * again unless the last evaluation was that one. */
    if (named.flip != shown) {
        struct aa_switches again = {shown, 0, 0, 0};

        v = name_value(a, name, sc, &again, &form, guid);
    } else {
        v = named.v;
        form = named.form;
        memcpy(guid, named.guid, sizeof(guid));
    }
    if (cond != NULL) {
        struct val c = eval_node(a, cond, sc, 0);

        on = truth(c);
        /* A deployer can switch it: it depends on a parameter, or cannot
         * be told (as scan_bicep.c judges a condition). */
        switchable = on < 0 || c.param_at != NOPARAM;
    }
    if (count != NULL && on != 0) {
        struct val c = eval_node(a, count, sc, 0);

        /* A number has no offset of its own: point at its copy. */
        if (c.k == V_NUM && c.num <= 0) {
            on = 0;
            cond = cJSON_IsNumber(count) ? copy : count;
        } else if (c.param_at != NOPARAM) {
            switchable = 1;
            cond = cond != NULL ? cond : count;
        }
    }
    if (name_off && on != 0) {
        on = 0;
        cond = name;
    } else if (name_switch && on != 0 && !switchable) {
        switchable = 1;
        cond = name;
    }
    if (form == AA_PID_NOT_PID)
        return;
    if (form == AA_PID_AVM) {
        /* Nested, it is a module's own telemetry compiled in (a Bicep
         * file's registry module): the file reads as its Bicep source,
         * with no pid of its own. */
        if (depth == 0) {
            a->avm = 1;
            aa_scan_hit(a->s, a->f, AA_D_AVM_TELEMETRY, a->text, at, v.s, v.n);
        }
        return;
    }
    a->any_cua = 1;
    if (depth > 0) {
        enum aa_detect d = form == AA_PID_NO_PREFIX     ? AA_D_PID_NO_PREFIX
                           : form == AA_PID_BAD_GUID    ? AA_D_PID_BAD_GUID
                           : form == AA_PID_PLACEHOLDER ? AA_D_PID_PLACEHOLDER
                           : form == AA_PID_NOT_LEADING ? AA_D_PID_NOT_LEADING
                                                        : AA_D_PID_NESTED;

        if (d == AA_D_PID_NESTED)
            a->nested_pid = 1;
        aa_scan_hit(a->s, a->f, d, a->text, at, v.s, v.n);
        return;
    }
    switch (form) {
    case AA_PID_VALID:
    case AA_PID_PARTNERCENTER:
        /* ARM refuses the whole deployment: no pid to speak of. */
        if (memchr(v.s, AA_HOLE, v.n) == NULL && v.n > MAX_NAME) {
            aa_scan_hit(a->s, a->f, AA_D_PID_TOO_LONG, a->text, at, v.s, v.n);
            return;
        }
        aa_scan_hit(a->s, a->f, AA_D_PID_ROOT, a->text, at, v.s, v.n);
        if (guid[0])
            note_guid(a, guid);
        if (on == 0) {
            aa_scan_hit(a->s, a->f, AA_D_PID_OFF_BY_DEFAULT, a->text,
                        aa_json_offset(cond), v.s, v.n);
            a->root_risky = 1;
            return;
        }
        if (switchable && !a->opt_out_said) {
            aa_scan_hit(a->s, a->f, AA_D_PID_OPT_OUT, a->text,
                        aa_json_offset(cond), v.s, v.n);
            a->opt_out_said = 1;
        }
        if (v.param_at < PID_HEAD) {
            if (!a->param_said)
                aa_scan_hit(a->s, a->f, AA_D_PID_PARAMETER, a->text, at, v.s,
                            v.n);
            a->param_said = 1;
            a->root_risky = 1;
            return;
        }
        a->root_ok = 1;
        return;
    case AA_PID_ZERO:
        aa_scan_hit(a->s, a->f, AA_D_PID_ZERO_GUID, a->text, at, v.s, v.n);
        return;
    case AA_PID_NO_PREFIX:
        aa_scan_hit(a->s, a->f, AA_D_PID_NO_PREFIX, a->text, at, v.s, v.n);
        return;
    case AA_PID_BAD_GUID:
        aa_scan_hit(a->s, a->f, AA_D_PID_BAD_GUID, a->text, at, v.s, v.n);
        return;
    case AA_PID_NOT_LEADING:
        aa_scan_hit(a->s, a->f, AA_D_PID_NOT_LEADING, a->text, at, v.s, v.n);
        return;
    case AA_PID_PLACEHOLDER: /* not attributed until a build fills it */
        aa_scan_hit(a->s, a->f, AA_D_PID_PLACEHOLDER, a->text, at, v.s, v.n);
        return;
    default: /* AA_PID_UNRESOLVED */
        aa_scan_hit(a->s, a->f, AA_D_PID_UNRESOLVED, a->text, at, v.s, v.n);
        a->root_risky = 1;
        return;
    }
}

static void scan_template(struct arm *a, const cJSON *tmpl,
                          const struct scope *outer, int depth);

static void
scan_resource(struct arm *a, const cJSON *res, const struct scope *sc,
              int depth)
{
    const cJSON *props = member(res, "properties");
    const cJSON *inner = member(props, "template");
    const cJSON *opts = member(props, "expressionEvaluationOptions");
    const cJSON *scope_kind = member(opts, "scope");
    const cJSON *kids = member(res, "resources");

    /* languageVersion 2.0 keeps Bicep's "existing" resources, marked so:
     * a reference to a deployment made before, nothing deployed here. */
    if (cJSON_IsTrue(member(res, "existing")))
        return;
    if (!is_deployment(res)) {
        /* Child resources can be deployments too. */
        if (cJSON_IsArray(kids))
            for (const cJSON *k = kids->child; k != NULL; k = k->next)
                scan_resource(a, k, sc, depth);
        return;
    }
    judge(a, res, sc, depth);
    if (member(props, "templateLink") != NULL && depth == 0)
        note_link(a, member(props, "templateLink"), sc);
    if (cJSON_IsObject(inner) && depth < MAX_NEST) {
        /* "inner" scope: the nested template sees only its own
         * parameters and variables; "outer" (the default) sees ours. */
        int own = cJSON_IsString(scope_kind) &&
                  strcasecmp(scope_kind->valuestring, "inner") == 0;

        scan_template(a, inner, own ? NULL : sc, depth + 1);
    }
}

static void
scan_template(struct arm *a, const cJSON *tmpl, const struct scope *outer,
              int depth)
{
    const cJSON *res = member(tmpl, "resources");
    struct scope sc;

    sc.params = outer ? outer->params : member(tmpl, "parameters");
    sc.vars = outer ? outer->vars : member(tmpl, "variables");
    /* languageVersion 2.0 keeps resources in an object keyed by symbolic
     * name; both shapes hold the same resource objects. */
    if (cJSON_IsArray(res) || cJSON_IsObject(res))
        for (const cJSON *r = res->child; r != NULL; r = r->next)
            scan_resource(a, r, &sc, depth);
}

/* A template by its $schema (any scope, version or host), or one whose
 * $schema is missing or unknown but that has resources as a template
 * does (scan.c reads such a file in a folder with a note saying so).  A
 * parameter file or UI definition says it is none. */
static int
is_template(const cJSON *root)
{
    const cJSON *schema = member(root, "$schema");
    const char *v = cJSON_IsString(schema) ? schema->valuestring : "";

    if (aa_scan_arm_schema(v, strlen(v)))
        return 1;
    for (const char *p = v; *p; p++)
        if (strncasecmp(p, "deploymentParameters", 20) == 0 ||
            strncasecmp(p, "createUiDefinition", 18) == 0)
            return 0;
    return member(root, "resources") != NULL;
}

static void
judge_file(struct arm *a)
{
    struct aa_scan_file *f = a->f;

    if (a->several)
        aa_scan_hit(a->s, f, AA_D_PID_SEVERAL, NULL, (size_t)-1, NULL, 0);
    if (a->root_ok)
        f->status = AA_SCAN_ATTRIBUTED;
    else if (a->root_risky)
        f->status = AA_SCAN_AT_RISK;
    else
        f->status = AA_SCAN_NOT_ATTRIBUTED;
    /* A pid only in a comment was a deployment once: say so, not "none". */
    if (a->pid_comment != (size_t)-1 && !aa_scan_has(f, AA_D_PID_ROOT)) {
        aa_scan_hit(a->s, f, AA_D_PID_COMMENTED_OUT, a->text, a->pid_comment,
                    a->text + a->pid_comment, PID_HEAD);
    } else if (!a->any_cua && !a->avm) {
        aa_scan_hit(a->s, f, AA_D_PID_NONE, NULL, (size_t)-1, NULL, 0);
    }
}

/* The first escape of a string in the n bytes at t that JSON does not
 * allow, as its offset with the reason in why[wn]; or (size_t)-1.  cJSON
 * took "pid-<GUID>\uZZZZ-junk" as "pid-<GUID>", a valid name. */
static size_t
bad_escape(const char *t, size_t n, char *why, size_t wn)
{
    const unsigned char *u = (const unsigned char *)t;
    int in_str = 0;

    for (size_t i = 0; i < n; i++) {
        if (!in_str) {
            in_str = u[i] == '"';
        } else if (u[i] == '\\') {
            if (aa_json_escape_check(u, n, i, why, wn) != 0)
                return i;
            i++;
        } else if (u[i] == '"') {
            in_str = 0;
        }
    }
    return (size_t)-1;
}

int
aa_scan_arm(struct aa_scan *s, struct aa_scan_file *f, const char *text,
            size_t len, struct aa_diags *dl)
{
    struct arm a;
    const char *end = NULL;
    char *copy = aa_xmalloc(len + 1);
    cJSON *root;
    size_t trail;
    int rc = 0;

    char why[80];
    size_t bad, pid = (size_t)-1;

    memcpy(copy, text, len + 1);
    if ((bad = blank_comments(copy, len, &pid)) != (size_t)-1) {
        aa_diag_add(dl, AA_E_ARTIFACT, aa_loc_of_offset(f->path, text, bad),
                    NULL,
                    "invalid JSON in ARM template: unexpected end of input: "
                    "the comment that starts here has no closing */");
        free(copy);
        return -1;
    }
    if ((bad = bad_escape(copy, len, why, sizeof(why))) != (size_t)-1) {
        aa_diag_add(dl, AA_E_ARTIFACT, aa_loc_of_offset(f->path, text, bad),
                    NULL, "invalid JSON in ARM template: %s", why);
        free(copy);
        return -1;
    }
    root = cJSON_ParseWithLengthOpts(copy, len, &end, 0);
    if (root == NULL && aa_json_unfinished(copy, len, &bad, why, sizeof(why))) {
        aa_diag_add(dl, AA_E_ARTIFACT, aa_loc_of_offset(f->path, text, bad),
                    NULL, "invalid JSON in ARM template: %s", why);
        free(copy);
        return -1;
    }
    if (root == NULL || !cJSON_IsObject(root)) {
        size_t off = end != NULL && end >= copy ? (size_t)(end - copy) : 0;

        int truncated = off >= len;

        if (off > len)
            off = len;
        /* cJSON may stop past the offending token; step back over the
         * blanks so the column names the token itself. */
        while (off > 0 && (off == len || copy[off] == ' ' ||
                           copy[off] == '\n' || copy[off] == '\r'))
            off--;
        if (root != NULL)
            aa_diag_add(dl, AA_E_ARTIFACT, aa_loc_of_offset(f->path, text, 0),
                        NULL, "an ARM template is a JSON object");
        else if (aa_json_too_deep(copy, off))
            aa_diag_add(dl, AA_E_ARTIFACT, aa_loc_of_offset(f->path, text, off),
                        NULL,
                        "invalid JSON in ARM template: nested more than %d "
                        "levels deep",
                        CJSON_NESTING_LIMIT);
        else if (truncated)
            aa_diag_add(dl, AA_E_ARTIFACT, aa_loc_of_offset(f->path, text, off),
                        NULL,
                        "invalid JSON in ARM template: unexpected end of "
                        "input");
        else if (copy[off] > ' ' && copy[off] < 127)
            aa_diag_add(dl, AA_E_ARTIFACT, aa_loc_of_offset(f->path, text, off),
                        NULL, "invalid JSON in ARM template: unexpected '%c'",
                        copy[off]);
        else
            aa_diag_add(dl, AA_E_ARTIFACT, aa_loc_of_offset(f->path, text, off),
                        NULL, "invalid JSON in ARM template");
        cJSON_Delete(root);
        free(copy);
        return -1;
    }
    /* cJSON stops after one value; ARM refuses anything after it, and so
     * do we rather than scan half a file. */
    if ((trail = aa_json_skip_ws(copy, (size_t)(end - copy))) < len) {
        unsigned char ch = (unsigned char)copy[trail];

        if (ch > ' ' && ch < 127)
            aa_diag_add(dl, AA_E_ARTIFACT,
                        aa_loc_of_offset(f->path, text, trail), NULL,
                        "invalid JSON in ARM template: unexpected '%c' after "
                        "the template's closing brace",
                        ch);
        else
            aa_diag_add(dl, AA_E_ARTIFACT,
                        aa_loc_of_offset(f->path, text, trail), NULL,
                        "invalid JSON in ARM template: unexpected byte 0x%02X "
                        "after the template's closing brace",
                        ch);
        cJSON_Delete(root);
        free(copy);
        return -1;
    }
    aa_json_note_offsets(root, copy, 0);
    memset(&a, 0, sizeof(a));
    a.s = s;
    a.f = f;
    a.text = text;
    a.pid_comment = pid;
    a.work = aa_limit(AA_LIMIT_EXPANSION_WORK);
    a.max_size = aa_limit(AA_LIMIT_EXPANSION_SIZE);
    a.max_depth = aa_limit(AA_LIMIT_EXPANSION_DEPTH);
    aa_arena_init(&a.tmp);
    if (is_template(root)) {
        scan_template(&a, root, NULL, 0);
        judge_file(&a);
    } else {
        f->status = AA_SCAN_CONTEXT; /* parameters, UI definitions, ... */
    }
    if (a.over)
        aa_scan_note_limit(s, f, dl, text, a.over_at, a.over_limit);
    aa_arena_fini(&a.tmp);
    cJSON_Delete(root);
    free(copy);
    return rc;
}
