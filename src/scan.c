/*
 * scan.c -- walk files and folders of deployment code and run the scanner
 * that fits each file; the vocabulary the scanners share (pid forms,
 * detector names, hits, links).
 *
 * Invariant: after aa_scan_finish, files are in byte order of their paths
 * and every link between two scanned files has been applied, so the same
 * tree always gives the same scan, whatever order readdir returned.
 */
#include "scan.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hashset.h"
#include "limits.h"
#include "path.h"
#include "walk.h"

#define MAX_PLACEHOLDER 128     /* longer is not a placeholder but prose */
#define KIND_PREFIX (64u << 10) /* of a file too large to scan: its kind */
#define MAX_SUBJECT 256 /* of a hit: far above any name or id that works */

static const char *const detect_names[AA_D_COUNT] = {
    [AA_D_PID_ROOT] = "pid_root",
    [AA_D_PID_NESTED] = "pid_nested",
    [AA_D_PID_NO_PREFIX] = "pid_no_prefix",
    [AA_D_PID_BAD_GUID] = "pid_bad_guid",
    [AA_D_PID_ZERO_GUID] = "pid_zero_guid",
    [AA_D_PID_TOO_LONG] = "pid_too_long",
    [AA_D_PID_UNRESOLVED] = "pid_unresolved",
    [AA_D_PID_PARAMETER] = "pid_parameter",
    [AA_D_PID_PLACEHOLDER] = "pid_placeholder",
    [AA_D_PID_OFF_BY_DEFAULT] = "pid_off_by_default",
    [AA_D_PID_OPT_OUT] = "pid_opt_out",
    [AA_D_PID_COMMENTED_OUT] = "pid_commented_out",
    [AA_D_PID_SEVERAL] = "pid_several",
    [AA_D_PID_NONE] = "pid_none",
    [AA_D_AVM_TELEMETRY] = "avm_telemetry",
    [AA_D_MARKETPLACE_PLAN] = "marketplace_plan",
    [AA_D_CHILD_OF] = "child_of",
    [AA_D_PID_NESTED_REDUNDANT] = "pid_nested_redundant",
    [AA_D_NO_VERDICT] = "no_verdict",
    [AA_D_PID_NOT_LEADING] = "pid_not_leading",
    [AA_D_SCAN_STOPPED] = "scan_stopped",
    [AA_D_LINK_CYCLE] = "link_cycle",
    [AA_D_TF_PARTNER_ID] = "tf_partner_id",
    [AA_D_TF_PARTNER_ID_VAR] = "tf_partner_id_var",
    [AA_D_TF_PARTNER_ID_UNRESOLVED] = "tf_partner_id_unresolved",
    [AA_D_TF_PARTNER_ID_CONDITIONAL] = "tf_partner_id_conditional",
    [AA_D_TF_PARTNER_ID_MALFORMED] = "tf_partner_id_malformed",
    [AA_D_TF_AZAPI_PARTNER_ID_PREFIXED] = "tf_azapi_partner_id_prefixed",
    [AA_D_TF_NO_PARTNER_ID] = "tf_no_partner_id",
    [AA_D_TF_PARTNER_ID_ENV] = "tf_partner_id_env",
    [AA_D_TF_DISABLE_NO_EFFECT] = "tf_disable_no_effect",
    [AA_D_TF_ARM_DEPLOYMENT] = "tf_arm_deployment",
    [AA_D_TF_IMPLIED_PROVIDER] = "tf_implied_provider",
    [AA_D_TF_UNSELECTED_PROVIDER] = "tf_unselected_provider",
    [AA_D_UA_PID] = "ua_pid",
    [AA_D_UA_NO_PREFIX] = "ua_no_prefix",
    [AA_D_ENV_PARTNER_ID] = "env_partner_id",
    [AA_D_ENV_PARTNER_ID_MALFORMED] = "env_partner_id_malformed",
    [AA_D_ENV_PARTNER_ID_EMPTY] = "env_partner_id_empty",
    [AA_D_ENV_PARTNER_ID_EMPTY_NO_EFFECT] = "env_partner_id_empty_no_effect",
    [AA_D_UA_UNRESOLVED] = "ua_unresolved",
    [AA_D_UA_NO_PID] = "ua_no_pid",
    [AA_D_DEPLOYMENT_NO_PREFIX] = "deployment_no_prefix",
    [AA_D_SCRIPT_PID_TEXT] = "script_pid_text",
    [AA_D_UNKNOWN_KEY] = "unknown_key",
    [AA_D_SUPPRESSION_INVALID] = "suppression_invalid",
    [AA_D_SUPPRESSION_UNKNOWN_RULE] = "suppression_unknown_rule",
    [AA_D_SUPPRESSION_EXPIRED] = "suppression_expired",
    [AA_D_ARTIFACT_EMPTY] = "artifact_empty",
    [AA_D_NOTHING_DECIDED] = "nothing_decided",
    [AA_D_INCOMPLETE] = "incomplete",
    [AA_D_KNOWLEDGE_STALE] = "knowledge_stale",
    [AA_D_UNREADABLE] = "unreadable",
};

const char *
aa_detect_name(enum aa_detect d)
{
    return (unsigned)d < AA_D_COUNT ? detect_names[d] : "?";
}

int
aa_detect_find(const char *name)
{
    for (int d = 0; d < AA_D_COUNT; d++)
        if (strcmp(detect_names[d], name) == 0)
            return d;
    return -1;
}

const char *
aa_scan_kind_name(enum aa_scan_kind k)
{
    static const char *const names[] = {"arm", "bicep", "terraform", "script",
                                        "folder"};

    return (unsigned)k < AA_SCAN_KIND_COUNT ? names[k] : "?";
}

const char *
aa_scan_status_name(enum aa_scan_status st)
{
    static const char *const names[] = {"attributed", "at_risk",
                                        "not_attributed", "context"};

    return (unsigned)st < AA_SCAN_STATUS_COUNT ? names[st] : "?";
}

size_t
aa_pid_text_in(const char *t, size_t from, size_t to)
{
    for (size_t k = from; k + 40 <= to; k++) /* "pid-" and a GUID */
        if (strncasecmp(t + k, "pid-", 4) == 0 &&
            aa_guid_at(t + k + 4, to - k - 4))
            return k;
    return (size_t)-1;
}

int
aa_braced_guid(const char *s, size_t n)
{
    return n >= 38 && s[0] == '{' && aa_guid_at(s + 1, n - 1) && s[37] == '}';
}

static int
prefix_ci(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);

    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        char a = s[i];

        if (a >= 'A' && a <= 'Z')
            a = (char)(a - 'A' + 'a');
        if (a != p[i])
            return 0;
    }
    return 1;
}

static int
suffix_ci(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);

    return n >= k && prefix_ci(s + n - k, k, p);
}

/* A GUID followed by the end, a separator or a hole: "pid-<GUID>x" with a
 * letter or digit right after the GUID is some other name. */
static int
guid_then_boundary(const char *s, size_t n)
{
    char next;

    if (!aa_guid_at(s, n))
        return 0;
    if (n == 36)
        return 1;
    next = s[36];
    return next == '-' || next == '_' || next == '.' || next == AA_HOLE;
}

static void
copy_guid(const char *s, char guid[37])
{
    for (int i = 0; i < 36; i++) {
        char ch = s[i];

        guid[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
    }
    guid[36] = '\0';
}

/* Where the closer of a placeholder that opens with k bytes ends, or 0:
 * 'close' within MAX_PLACEHOLDER bytes, on one line, with no hole and
 * something between; "(" pairs with ")" so "$(f(x))" is one. */
static size_t
closed_by(const char *s, size_t n, size_t k, const char *close)
{
    size_t m = strlen(close), depth = 0;

    for (size_t i = k; i + m <= n && i < MAX_PLACEHOLDER; i++) {
        if (s[i] == '\n' || s[i] == AA_HOLE)
            return 0;
        if (close[0] == ')' && s[i] == '(')
            depth++;
        else if (memcmp(s + i, close, m) == 0 && depth-- == 0)
            return i > k ? i + m : 0;
    }
    return 0;
}

const char *
aa_invisible_blank(const char *s, size_t n)
{
#define BLANK(what)                                                            \
    what " outside strings and comments, where only spaces, tabs and line "    \
         "breaks are blanks"
    static const struct {
        const char *utf8, *error;
    } blanks[] = {
        {"\xC2\xA0", BLANK("a no-break space (U+00A0)")},
        {"\xEF\xBB\xBF", BLANK("a byte order mark (U+FEFF)")},
        {"\xE2\x80\x8B", BLANK("a zero-width space (U+200B)")},
        {"\xE2\x80\xA8", BLANK("a line separator (U+2028)")},
        {"\xE2\x80\xA9", BLANK("a paragraph separator (U+2029)")},
        {"\xE2\x80\xAF", BLANK("a narrow no-break space (U+202F)")},
        {"\xE2\x81\x9F", BLANK("a medium mathematical space (U+205F)")},
        {"\xE3\x80\x80", BLANK("an ideographic space (U+3000)")},
    };

    if (n < 2 || (unsigned char)s[0] < 0xC2)
        return NULL; /* ASCII, as nearly every byte of code is */
    for (size_t i = 0; i < sizeof(blanks) / sizeof(*blanks); i++)
        if (n >= strlen(blanks[i].utf8) &&
            memcmp(s, blanks[i].utf8, strlen(blanks[i].utf8)) == 0)
            return blanks[i].error;
    /* U+2000 to U+200A: the typographic spaces, en quad to hair space */
    if (n >= 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
        (unsigned char)s[2] <= 0x8A)
        return BLANK("a typographic space (U+2000 to U+200A)");
    return NULL;
#undef BLANK
}

/* A name inside <...> or {...}: "GUID", "your-guid", "Partner GUID". */
static int
is_name_byte(char c, int blank)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.' ||
           (blank && c == ' ');
}

size_t
aa_placeholder_len(const char *s, size_t n)
{
    size_t i;

    if (n >= 2 && s[0] == '$' && (s[1] == '(' || s[1] == '{'))
        return closed_by(s, n, 2,
                         s[1] == '('            ? ")"
                         : n > 2 && s[2] == '{' ? "}}"
                                                : "}");
    if (n >= 2 && s[0] == '{' && s[1] == '{')
        return closed_by(s, n, 2, "}}");
    /* #{PID}# and #{Partner.Guid}: the token of release steps that fill
     * in files, which neither a shell nor a template expands. */
    if (n >= 4 && s[0] == '#' && s[1] == '{') {
        int letter = 0;

        for (i = 2; i < n && i < MAX_PLACEHOLDER && is_name_byte(s[i], 0); i++)
            letter |= isalpha((unsigned char)s[i]);
        if (i >= n || s[i] != '}' || !letter)
            return 0;
        return i + 1 < n && s[i + 1] == '#' ? i + 2 : i + 1;
    }
    /* Wrong, not waiting to be filled in. */
    if (aa_braced_guid(s, n))
        return 0;
    if (n >= 1 && (s[0] == '<' || s[0] == '{')) {
        char close = s[0] == '<' ? '>' : '}';
        int letter = 0;

        for (i = 1;
             i < n && i < MAX_PLACEHOLDER && is_name_byte(s[i], close == '>');
             i++)
            letter |= isalpha((unsigned char)s[i]);
        return i < n && s[i] == close && letter ? i + 1 : 0;
    }
    /* XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX: a GUID's shape with no digit
     * of one, the way samples mark where a GUID goes. */
    if (n >= 36 && (s[0] == 'x' || s[0] == 'X')) {
        for (i = 0; i < 36; i++)
            if (i == 8 || i == 13 || i == 18 || i == 23
                    ? s[i] != '-'
                    : s[i] != 'x' && s[i] != 'X')
                break;
        if (i == 36 && (n == 36 || !isalnum((unsigned char)s[36])))
            return 36;
    }
    /* __PID__: a word between double underscores, nothing glued after. */
    if (n >= 5 && s[0] == '_' && s[1] == '_' && isalnum((unsigned char)s[2])) {
        for (i = 3; i < n && i < MAX_PLACEHOLDER &&
                    (isalnum((unsigned char)s[i]) || s[i] == '_');
             i++)
            ;
        return s[i - 1] == '_' && s[i - 2] == '_' ? i : 0;
    }
    return 0;
}

static int
switch_bit(unsigned flip, size_t i)
{
    return i < AA_SWITCH_MAX && (flip >> i) & 1u;
}

int
aa_switch_take(struct aa_switches *sw, int c)
{
    size_t i = sw->met++;

    if (c >= 0) {
        if (!switch_bit(sw->flip, i))
            return c;
        sw->turned = 1;
        return !c;
    }
    sw->met++;
    if (switch_bit(sw->flip, i) || switch_bit(sw->flip, i + 1))
        return switch_bit(sw->flip, i);
    sw->unknown = 1;
    return -1;
}

enum aa_switch_effect
aa_switch_effect(aa_switch_eval_fn *eval, void *ctx, unsigned *shown)
{
    struct aa_switches sw = {0, 0, 0, 0};
    int valid = eval(ctx, &sw);
    /* The first flip that makes a pid with the defaults kept (turning
     * only switches that have none), and the first that makes one at
     * all; whether a setting that leaves nothing unknown makes none. */
    long on = valid ? 0 : -1, some = on;
    int off = !valid && !sw.unknown;
    size_t k = sw.met;

    *shown = 0;
    if (k == 0)
        return AA_SWITCH_NONE;
    for (unsigned m = 1; m < 1u << (k < AA_SWITCH_MAX ? k : AA_SWITCH_MAX);
         m++) {
        struct aa_switches t = {m, 0, 0, 0};

        if (eval(ctx, &t)) {
            some = some < 0 ? (long)m : some;
            on = on < 0 && !t.turned ? (long)m : on;
        } else if (!t.unknown) {
            off = 1;
        }
        k = t.met > k ? t.met : k;
    }
    if (on >= 0) {
        *shown = (unsigned)on;
        return off ? AA_SWITCH_OFF_ABLE : AA_SWITCH_NONE;
    }
    if (some < 0)
        return AA_SWITCH_NONE;
    *shown = (unsigned)some;
    return AA_SWITCH_ON_ONLY;
}

enum aa_pid_form
aa_pid_classify(const char *name, size_t n, char guid[37])
{
    guid[0] = '\0';
    if (prefix_ci(name, n, "46d3xbcp."))
        return AA_PID_AVM;
    /* A name that is a placeholder from its first byte stands for the
     * whole pid name, as Maven's "${admin.start}" does (CUA-F25). */
    if (aa_placeholder_len(name, n) > 0)
        return AA_PID_PLACEHOLDER;
    if (prefix_ci(name, n, "pid-")) {
        const char *g = name + 4;
        size_t gn = n - 4;

        if (guid_then_boundary(g, gn)) {
            copy_guid(g, guid);
            if (aa_guid_is_zero(guid))
                return AA_PID_ZERO;
            return suffix_ci(name, n, "-partnercenter") ? AA_PID_PARTNERCENTER
                                                        : AA_PID_VALID;
        }
        if (gn > 0 && g[0] == AA_HOLE)
            return AA_PID_UNRESOLVED;
        /* Before the Partner Center form: "pid-<GUID>-partnercenter" is
         * a placeholder, not an id Partner Center issued. */
        if (aa_placeholder_len(g, gn) > 0)
            return AA_PID_PLACEHOLDER;
        /* Partner Center also issues non-GUID ids of this form (CUA-F15). */
        if (suffix_ci(name, n, "-partnercenter") &&
            memchr(name, AA_HOLE, n) == NULL)
            return AA_PID_PARTNERCENTER;
        return AA_PID_BAD_GUID;
    }
    if (guid_then_boundary(name, n)) {
        copy_guid(name, guid);
        return AA_PID_NO_PREFIX;
    }
    /* "amba-alz-pid-<GUID>": a pid after other text, behind a separator
     * (not "rapid-"), which is not the name CUA-F08 documents. */
    for (size_t i = 1; i + 4 + 36 <= n; i++)
        if ((name[i - 1] == '-' || name[i - 1] == '_' || name[i - 1] == '.') &&
            prefix_ci(name + i, n - i, "pid-") &&
            guid_then_boundary(name + i + 4, n - i - 4)) {
            copy_guid(name + i + 4, guid);
            return AA_PID_NOT_LEADING;
        }
    return AA_PID_NOT_PID;
}

/* The GUID in a hit's subject: after "pid-" when there is one, else a
 * GUID at the start. */
static const char *
subject_guid(struct aa_scan *s, const char *subj, size_t n)
{
    char g[37];

    switch (aa_pid_classify(subj, n, g)) {
    case AA_PID_VALID:
    case AA_PID_PARTNERCENTER:
    case AA_PID_ZERO:
    case AA_PID_NO_PREFIX:
    case AA_PID_NOT_LEADING:
        return g[0] ? aa_arena_strdup(&s->arena, g) : NULL;
    default:
        return NULL;
    }
}

/* Line and column of byte 'off': through the line index when the hit is
 * in the text it indexes, else by a walk from the start.  The column is
 * counted from the last place located when that is earlier on the same
 * line, as it is for hits in the order of the text. */
static struct aa_loc
locate(struct aa_scan *s, struct aa_scan_file *f, const char *text, size_t off)
{
    struct aa_scan_cur *c = &s->cur;
    size_t lo = 0, hi = c->nlines, from;
    struct aa_loc at;

    if (c->f != f || c->lines == NULL || text != c->text)
        return aa_loc_of_offset(f->path, text, off);
    while (hi - lo > 1) { /* the last line start at or before off */
        size_t mid = lo + (hi - lo) / 2;

        if (c->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    from = c->lines[lo];
    if (c->mark_line == lo + 1 && c->mark_off >= from && c->mark_off <= off)
        from = c->mark_off;
    at = aa_loc_of_offset(f->path, text + from, off - from);
    if (from != c->lines[lo])
        at.col += c->mark_col - 1;
    at.line = (unsigned)lo + 1;
    c->mark_off = off;
    c->mark_line = lo + 1;
    c->mark_col = at.col;
    return at;
}

struct aa_loc
aa_scan_locate(struct aa_scan *s, struct aa_scan_file *f, const char *text,
               size_t off)
{
    return locate(s, f, text, off);
}

/* The source from text[off] to the end of its line, white space folded
 * to one blank and cut (on a character boundary) with an ellipsis: what
 * a reader recognises in the file. */
static const char *
written_at(struct aa_scan *s, const char *text, size_t off)
{
    char buf[AA_WRITTEN_MAX + 4];
    size_t n = 0;
    int blank = 0;

    for (const char *p = text + off; *p != '\0' && *p != '\n'; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\r') {
            blank = n > 0;
            continue;
        }
        if (n + (size_t)blank >= AA_WRITTEN_MAX) {
            if (((unsigned char)*p & 0xC0) == 0x80) {
                /* The cut falls inside a character: drop its start. */
                while (n > 0 && ((unsigned char)buf[n - 1] & 0xC0) == 0x80)
                    n--;
                if (n > 0)
                    n--;
            }
            memcpy(buf + n, "\xe2\x80\xa6", 3); /* ... */
            n += 3;
            break;
        }
        if (blank)
            buf[n++] = ' ';
        blank = 0;
        buf[n++] = *p;
    }
    return aa_arena_strndup(&s->arena, buf, n);
}

/* Room for one more hit of f: in the heap while f is scanned, after
 * that in the arena, as hits come one at a time then (a child's child_of
 * for each file that deploys it). */
static void
grow_hits(struct aa_scan *s, struct aa_scan_file *f)
{
    struct aa_scan_cur *c = &s->cur;
    size_t cap = f->caphits ? f->caphits * 2 : 2;

    if (f->nhits < f->caphits)
        return;
    if (c->f == f) {
        if (f->nhits == c->caphits) {
            c->caphits = c->caphits ? c->caphits * 2 : 16;
            c->hits = aa_xrealloc(c->hits, c->caphits, sizeof(*c->hits));
        }
        f->hits = c->hits;
        f->caphits = c->caphits;
        return;
    }
    {
        struct aa_hit *v = aa_arena_alloc(&s->arena, cap * sizeof(*v));

        if (f->nhits)
            memcpy(v, f->hits, f->nhits * sizeof(*v));
        f->hits = v;
        f->caphits = cap;
    }
}

/* How many hits of detector 'what' f kept. */
static size_t
kept(const struct aa_scan *s, const struct aa_scan_file *f, enum aa_detect what)
{
    size_t n = 0;

    if (s->cur.f == f)
        return s->cur.nwhat[what];
    for (size_t i = 0; i < f->nhits; i++)
        n += f->hits[i].what == what;
    return n;
}

struct aa_hit *
aa_scan_hit(struct aa_scan *s, struct aa_scan_file *f, enum aa_detect what,
            const char *text, size_t off, const char *subject, size_t n)
{
    struct aa_scan_cur *c = &s->cur;
    struct aa_hit *h;

    if (kept(s, f, what) >= aa_limit(AA_LIMIT_ERRORS)) {
        f->over |= UINT64_C(1) << what;
        if (c->f == f)
            c->dropped[what]++;
        return NULL;
    }
    if (c->f == f)
        c->nwhat[what]++;
    f->has |= UINT64_C(1) << what;
    grow_hits(s, f);
    h = &f->hits[f->nhits++];
    memset(h, 0, sizeof(*h));
    h->what = what;
    /* A finding about the whole file points at its start, as linters do,
     * so every output format has a place to show. */
    h->line = h->col = 1;
    if (text != NULL && off != (size_t)-1) {
        struct aa_loc at = locate(s, f, text, off);

        h->line = at.line;
        h->col = at.col;
        if (s->explain)
            h->written = written_at(s, text, off);
        if (c->f == f && c->npending > 0) {
            struct aa_step *v =
                aa_arena_alloc(&s->arena, c->npending * sizeof(*v));

            memcpy(v, c->pending, c->npending * sizeof(*v));
            h->steps = v;
            h->nsteps = c->npending;
        }
    }
    if (subject != NULL) {
        h->guid = subject_guid(s, subject, n);
        /* A value of megabytes says nothing more than its start: cut it
         * (on a character boundary) and show the cut as a hole. */
        if (n > MAX_SUBJECT) {
            char *cut = aa_arena_alloc(&s->arena, MAX_SUBJECT + 1);

            for (n = MAX_SUBJECT - 1;
                 n > 0 && ((unsigned char)subject[n] & 0xC0) == 0x80; n--)
                ;
            memcpy(cut, subject, n);
            cut[n++] = AA_HOLE;
            cut[n] = '\0';
            h->subject = cut;
        } else {
            h->subject = aa_arena_strndup(&s->arena, subject, n);
        }
    }
    return h;
}

void
aa_scan_steps_begin(struct aa_scan *s, struct aa_scan_file *f)
{
    (void)f;
    s->cur.npending = 0;
}

void
aa_scan_step(struct aa_scan *s, struct aa_scan_file *f, const char *text,
             size_t off, const char *name, size_t n)
{
    struct aa_scan_cur *c = &s->cur;
    struct aa_loc at;

    /* (size_t)-1: a value whose place is not known, which no step can
     * name. */
    if (!s->explain || c->f != f || off == (size_t)-1)
        return;
    for (size_t i = 0; i < c->npending; i++)
        if (strlen(c->pending[i].name) == n &&
            memcmp(c->pending[i].name, name, n) == 0)
            return; /* looked up again: one step says it */
    /* A chain longer than this is a loop in the file's own symbols. */
    if (c->npending == 32)
        return;
    if (c->npending == c->cappending) {
        size_t cap = c->cappending ? c->cappending * 2 : 4;
        struct aa_step *v = aa_arena_alloc(&s->arena, cap * sizeof(*v));

        if (c->npending)
            memcpy(v, c->pending, c->npending * sizeof(*v));
        c->pending = v;
        c->cappending = cap;
    }
    at = locate(s, f, text, off);
    c->pending[c->npending].name = aa_arena_strndup(&s->arena, name, n);
    c->pending[c->npending].line = at.line;
    c->pending[c->npending].col = at.col;
    c->pending[c->npending].written = written_at(s, text, off);
    c->npending++;
}

void
aa_scan_step_line(struct aa_scan *s, struct aa_scan_file *f, const char *text,
                  size_t off, const char *name, size_t n)
{
    if (!s->explain)
        return; /* before the walk: symbols are looked up on every scan */
    while (off > 0 && text[off - 1] != '\n')
        off--;
    while (text[off] == ' ' || text[off] == '\t')
        off++;
    aa_scan_step(s, f, text, off, name, n);
}

void
aa_scan_explain(struct aa_scan *s, int on)
{
    s->explain = on != 0;
}

void
aa_scan_link(struct aa_scan *s, struct aa_scan_file *f, const char *rel,
             size_t n)
{
    if (f->nlinks == f->caplinks) {
        size_t cap = f->caplinks ? f->caplinks * 2 : 4;
        const char **v = aa_arena_alloc(&s->arena, cap * sizeof(*v));

        if (f->nlinks)
            memcpy(v, f->links, f->nlinks * sizeof(*v));
        f->links = v;
        f->caplinks = cap;
    }
    f->links[f->nlinks++] = aa_arena_strndup(&s->arena, rel, n);
}

/* The detectors f has hits of, after a hit changed or went. */
static void
recount(struct aa_scan_file *f)
{
    f->has = 0;
    for (size_t i = 0; i < f->nhits; i++)
        f->has |= UINT64_C(1) << f->hits[i].what;
}

int
aa_scan_has(const struct aa_scan_file *f, enum aa_detect what)
{
    return (f->has >> what & 1) != 0;
}

struct aa_scan *
aa_scan_new(void)
{
    struct aa_scan *s = aa_xcalloc(1, sizeof(*s));

    aa_arena_init(&s->arena);
    aa_fileset_init(&s->listed, &s->arena);
    return s;
}

void
aa_scan_free(struct aa_scan *s)
{
    if (s == NULL)
        return;
    free(s->files);
    free(s->cur.hits);
    aa_fileset_fini(&s->listed);
    aa_path_memo_fini(&s->dirs);
    aa_arena_fini(&s->arena);
    free(s);
}

/* ---- partner ids ---------------------------------------------------- */

#define GUID_PAT "########-####-####-####-############" /* '#': hex digit */

/* Whether some text for the holes makes s[0..n) match 'pat': one row of
 * the usual wildcard table at a time, a hole being '*'. */
static int
fits(const char *s, size_t n, const char *pat)
{
    size_t m = strlen(pat);
    unsigned char row[64] = {1}, next[64];

    for (size_t i = 0; i < n; i++) {
        memset(next, 0, sizeof(next));
        for (size_t j = 0; j <= m; j++) {
            int ch = j ? (unsigned char)pat[j - 1] : 0;
            /* The provider compares "pid-" and "-partnercenter" as
             * written: lower case (CUA-F12). */
            int ok = ch == '#' ? isxdigit((unsigned char)s[i])
                               : (unsigned char)s[i] == ch;

            next[j] =
                (unsigned char)(s[i] == AA_HOLE ? row[j] || (j && next[j - 1])
                                                : j && row[j - 1] && ok);
        }
        memcpy(row, next, sizeof(row));
    }
    return row[m];
}

int
aa_partner_id_fits(const char *s, size_t n)
{
    static const char *const forms[] = {GUID_PAT, "pid-" GUID_PAT,
                                        "pid-" GUID_PAT "-partnercenter"};

    /* Without a hole, the strict reading of the forms: most values, which
     * the table cost a thousand times as much. */
    if (memchr(s, AA_HOLE, n) == NULL)
        return aa_partner_id_form(s, n);
    /* Holes never touch, so a fit has at most one per pattern byte. */
    for (size_t k = 0; k < 3 && n <= 2 * strlen(forms[2]) + 1; k++)
        if (fits(s, n, forms[k]))
            return 1;
    return 0;
}

int
aa_partner_id_prefixed(const char *s, size_t n)
{
    return prefix_ci(s, n, "pid-") || suffix_ci(s, n, "-partnercenter");
}

/* ---- kinds ---------------------------------------------------------- */

static const char *
base_name(const char *path)
{
    const char *b = strrchr(path, '/');

    return b ? b + 1 : path;
}

static int
has_ext(const char *path, const char *ext)
{
    return suffix_ci(path, strlen(path), ext);
}

/* Names that can set a user agent or ARM_PARTNER_ID: shells, CI files,
 * and the languages of the Azure SDKs. */
static const char *const script_exts[] = {
    ".sh",  ".bash",  ".zsh",    ".ps1",  ".psm1", ".psd1", ".env",
    ".cmd", ".bat",   ".yml",    ".yaml", ".py",   ".js",   ".mjs",
    ".cjs", ".jsx",   ".ts",     ".tsx",  ".cs",   ".go",   ".java",
    ".kt",  ".scala", ".groovy", ".mk",
};

int
aa_scan_arm_schema(const char *s, size_t n)
{
    static const char *const names[] = {
        "/deploymenttemplate.json",
        "/subscriptiondeploymenttemplate.json",
        "/managementgroupdeploymenttemplate.json",
        "/tenantdeploymenttemplate.json",
    };

    /* Any host and version, http or https, with or without the '#'. */
    while (n > 0 && (s[n - 1] == '#' || s[n - 1] == ' '))
        n--;
    for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
        if (suffix_ci(s, n, names[i]))
            return 1;
    return 0;
}

/* The last segment of the path or URL s (n bytes). */
static const char *
base_name_n(const char *s, size_t n)
{
    const char *b = s + n;

    while (b > s && b[-1] != '/')
        b--;
    return b;
}

/* What the top of a .json file says about it, read in one pass without
 * building a tree (a large file gives only its start): the top-level
 * $schema, "resources" and "contentVersion", and whether an object in the
 * top-level "resources" has "type": "Microsoft.Resources/deployments".
 * Only there: the ARM reader reads a template's resources, so a
 * deployment anywhere else (a resource fragment that is the whole file,
 * a policy's deployIfNotExists) is read as nothing. */
struct json_shape {
    const char *schema; /* the top-level $schema's text, or NULL */
    size_t schema_len;
    int resources, content_version, deployment;
};

static size_t
json_string_end(const char *t, size_t len, size_t i)
{
    for (i++; i < len && t[i] != '"'; i++)
        if (t[i] == '\\')
            i++;
    return i < len ? i + 1 : len;
}

/* Past blanks and comments from i. */
static size_t
json_blank(const char *t, size_t len, size_t i)
{
    while (i < len) {
        if (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r') {
            i++;
        } else if (t[i] == '/' && i + 1 < len && t[i + 1] == '/') {
            while (i < len && t[i] != '\n')
                i++;
        } else if (t[i] == '/' && i + 1 < len && t[i + 1] == '*') {
            for (i += 2; i + 1 < len && !(t[i] == '*' && t[i + 1] == '/');)
                i++;
            i = i + 2 < len ? i + 2 : len;
        } else {
            break;
        }
    }
    return i;
}

static void
json_shape(const char *t, size_t len, struct json_shape *sh)
{
    size_t i = 0, depth = 0, key = 0, key_len = 0, key_depth = 0;
    int value = 0; /* the next string is the value of the last key */
    /* The value of the top-level "resources": 1 before it opens, 2 in it. */
    int in_res = 0;

    memset(sh, 0, sizeof(*sh));
    if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (i = json_blank(t, len, i); i < len; i = json_blank(t, len, i)) {
        char c = t[i];

        if (c == '"') {
            size_t from = i + 1, end = json_string_end(t, len, i);
            size_t n = end > from ? end - from - 1 : 0;

            i = json_blank(t, len, end);
            if (i < len && t[i] == ':') {
                key = from;
                key_len = n;
                key_depth = depth;
                value = 1;
                i++;
                /* Keys in any case, as the ARM reader matches them
                 * (prefix_ci: its pattern in lower case). */
                if (depth == 1 && n == 9 && prefix_ci(t + from, n, "resources"))
                    sh->resources = in_res = 1;
                else if (depth == 1)
                    in_res = 0;
                if (depth == 1 && n == 14 &&
                    prefix_ci(t + from, n, "contentversion"))
                    sh->content_version = 1;
                continue;
            }
            if (value && key_depth == depth) {
                if (depth == 1 && key_len == 7 &&
                    prefix_ci(t + key, key_len, "$schema") &&
                    sh->schema == NULL) {
                    sh->schema = t + from;
                    sh->schema_len = n;
                }
                if (in_res == 2 && key_len == 4 &&
                    prefix_ci(t + key, key_len, "type") && n == 31 &&
                    prefix_ci(t + from, n, "microsoft.resources/deployments"))
                    sh->deployment = 1;
            }
            value = 0;
        } else {
            if (c == '{' || c == '[') {
                in_res += in_res == 1 && depth == 1;
                depth++;
            } else if ((c == '}' || c == ']') && depth > 0) {
                depth--;
                if (depth == 1)
                    in_res = 0;
            }
            value = 0;
            i++;
        }
    }
}

/* Why a .json file found in a folder is read as a template although its
 * $schema is none of ARM's, or NULL when it is not read as one. */
static const char *
json_taken_why(const struct json_shape *sh)
{
    size_t n = sh->schema_len;

    while (n > 0 && sh->schema[n - 1] == '#')
        n--;
    /* A parameter file or UI definition says what it is: never taken. */
    if (sh->schema != NULL &&
        (aa_scan_arm_schema(sh->schema, sh->schema_len) ||
         suffix_ci(sh->schema, n, "deploymentparameters.json") ||
         prefix_ci(base_name_n(sh->schema, n),
                   (size_t)(sh->schema + n - base_name_n(sh->schema, n)),
                   "createuidefinition")))
        return NULL;
    if (sh->resources && sh->content_version)
        return sh->schema ? "its $schema is not an ARM template schema, but "
                            "it has top-level \"resources\" and "
                            "\"contentVersion\" as a template does"
                          : "it has no $schema, but it has top-level "
                            "\"resources\" and \"contentVersion\" as a "
                            "template does";
    if (sh->deployment)
        return sh->schema ? "its $schema is not an ARM template schema, but "
                            "it declares a Microsoft.Resources/deployments "
                            "resource"
                          : "it has no $schema, but it declares a "
                            "Microsoft.Resources/deployments resource";
    return NULL;
}

/* How a .json file found in a folder is taken: 1 for a template by its
 * $schema, 2 for one that only looks like a template (json_taken_why),
 * 0 for other JSON: parameter files, UI definitions, package.json. */
static int
json_is_template(const char *text, size_t len, struct json_shape *sh)
{
    if (text == NULL)
        return 0;
    json_shape(text, len, sh);
    if (sh->schema != NULL && aa_scan_arm_schema(sh->schema, sh->schema_len))
        return 1;
    /* Not a file that only holds a template (a policy whose
     * deployIfNotExists deploys one, a resource pasted into one by a build
     * step): the reader finds no resources in it, so it says nothing. */
    return json_taken_why(sh) != NULL ? 2 : 0;
}

int
aa_scan_kind_of(const char *path, const char *text, size_t len, int explicit)
{
    const char *b = base_name(path);
    struct json_shape sh;

    if (has_ext(b, ".bicep"))
        return AA_SCAN_BICEP;
    if (has_ext(b, ".tf"))
        return AA_SCAN_TERRAFORM;
    if (has_ext(b, ".json") || has_ext(b, ".jsonc")) {
        /* In a folder, only templates: not package.json, parameter files
         * or createUiDefinition.json. */
        if (explicit || json_is_template(text, len, &sh))
            return AA_SCAN_ARM;
        return -1;
    }
    for (size_t i = 0; i < sizeof(script_exts) / sizeof(*script_exts); i++)
        if (has_ext(b, script_exts[i]))
            return AA_SCAN_SCRIPT;
    if (strcmp(b, "Makefile") == 0 || strcmp(b, "Dockerfile") == 0 ||
        strcmp(b, "Jenkinsfile") == 0)
        return AA_SCAN_SCRIPT;
    /* A script installed without an extension says what runs it. */
    if (text != NULL && len >= 2 && text[0] == '#' && text[1] == '!')
        return AA_SCAN_SCRIPT;
    return explicit ? AA_SCAN_SCRIPT : -1;
}

/* Whether a file is known to be no code: a .json file that is no template
 * (aa_scan_kind_of said so), documentation, whose examples and prose set
 * nothing, or a SARIF report, whose rule help quotes settings: our own,
 * written into the folder a later scan reads, had its help read as a
 * script's and failed that scan. */
static int
is_doc(const char *path)
{
    static const char *const exts[] = {".json",     ".jsonc", ".md",
                                       ".markdown", ".rst",   ".adoc",
                                       ".html",     ".htm",   ".sarif"};

    for (size_t i = 0; i < sizeof(exts) / sizeof(*exts); i++)
        if (has_ext(path, exts[i]))
            return 1;
    return 0;
}

/* ---- reading -------------------------------------------------------- */

/* Offset of the first byte that is not valid UTF-8, or len. */
static size_t
utf8_bad(const unsigned char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned char c = s[i];
        size_t k;
        unsigned cp;
        uint64_t word;

        /* Deployment code is nearly all ASCII: eight bytes at a time. */
        if (i + 8 <= len) {
            memcpy(&word, s + i, 8);
            if ((word & 0x8080808080808080u) == 0) {
                i += 8;
                continue;
            }
        }
        if (c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF)
            k = 1, cp = c & 0x1Fu;
        else if (c >= 0xE0 && c <= 0xEF)
            k = 2, cp = c & 0x0Fu;
        else if (c >= 0xF0 && c <= 0xF4)
            k = 3, cp = c & 0x07u;
        else
            return i;
        for (size_t j = 1; j <= k; j++) {
            if (i + j >= len || (s[i + j] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + j] & 0x3Fu);
        }
        /* Overlong forms, surrogates and values past U+10FFFF. */
        if ((k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += k + 1;
    }
    return len;
}

/* Whether the file at 'path' is listed already, under this name or
 * another ("../pid/main.tf" and "main.tf" from inside pid, or a symbolic
 * link and the file it leads to).  When it is not, *abs is the file's
 * absolute path (aa_path_file, a realpath() of its folder, which the memo
 * spares the folder's other files), resolved once for add_file; the
 * caller frees it.  Else *abs is NULL. */
static int
met_before(struct aa_scan *s, const char *path, char **abs)
{
    *abs = aa_path_file_memo(path, &s->dirs);
    if (!aa_fileset_has(&s->listed, *abs))
        return 0;
    free(*abs);
    *abs = NULL;
    return 1;
}

/* List the file at 'path'.  'abs' is its absolute path as met_before
 * gave it, or NULL to resolve it here. */
static struct aa_scan_file *
add_file(struct aa_scan *s, const char *path, const char *abs,
         enum aa_scan_kind kind)
{
    struct aa_scan_file *f = aa_arena_alloc(&s->arena, sizeof(*f));
    char *own = abs == NULL ? aa_path_file_memo(path, &s->dirs) : NULL;

    f->path = aa_arena_strdup(&s->arena, path);
    (void)aa_fileset_add(&s->listed, abs ? abs : own, f->path);
    free(own);
    f->kind = kind;
    f->status = AA_SCAN_CONTEXT;
    f->origin = s->npaths;
    if (s->nfiles == s->capfiles) {
        s->capfiles = s->capfiles ? s->capfiles * 2 : 16;
        s->files = aa_xrealloc(s->files, s->capfiles, sizeof(*s->files));
    }
    s->files[s->nfiles++] = f;
    return f;
}

/* Whether f is the folder's 'name' under any of its names: a link
 * mainTemplate.json that leads to azuredeploy.json makes azuredeploy.json
 * the template Partner Center is given, whichever name the scan lists it
 * by (the first it met), so its findings do not hang on the paths named. */
static int
plan_template(const struct aa_scan_file *f, const char *b, const char *name)
{
    char *mine, *plan, *at;
    int same;

    if (strcasecmp(b, name) == 0)
        return 1;
    at = aa_xasprintf("%.*s%s", (int)(b - f->path), f->path, name);
    mine = aa_path_file(f->path);
    plan = aa_path_file(at);
    same = strcmp(mine, plan) == 0;
    free(at);
    free(mine);
    free(plan);
    return same;
}

/* A marketplace Azure Application plan is a mainTemplate.json with its
 * createUiDefinition.json beside it, or the mainTemplate.bicep it is
 * built from, which gets what the template gets.  Partner Center puts the
 * tracking deployment in on upload (CUA-F15), so a plan without a pid of
 * its own is attributed from the marketplace only: at risk, not missing.
 * A placeholder is no pid of its own (CUA-F25), so a plan whose only one
 * is a placeholder is the plan without one; its finding stays, as the
 * placeholder is still there to fill.  Anything else that leaves the file
 * unattributed (a malformed pid, one only in a comment) stands. */
static void
check_marketplace_plan(struct aa_scan *s, struct aa_scan_file *f)
{
    const char *b = base_name(f->path);
    char *ui;
    int found;

    ui = aa_xasprintf("%.*screateUiDefinition.json", (int)(b - f->path),
                      f->path);
    found = access(ui, F_OK) == 0;
    free(ui);
    if (!found ||
        !plan_template(f, b,
                       f->kind == AA_SCAN_BICEP ? "mainTemplate.bicep"
                                                : "mainTemplate.json"))
        return;
    /* JSON that is no template (a deployment fragment, named) is no
     * plan: nothing in it is judged. */
    if (f->kind == AA_SCAN_ARM && f->status == AA_SCAN_CONTEXT)
        return;
    aa_scan_hit(s, f, AA_D_MARKETPLACE_PLAN, NULL, (size_t)-1, NULL, 0);
    /* A Bicep file that declares nothing builds a template with no
     * resources, which has no pid. */
    if (f->status == AA_SCAN_CONTEXT) {
        f->status = AA_SCAN_AT_RISK;
        return;
    }
    if (f->status != AA_SCAN_NOT_ATTRIBUTED)
        return;
    for (size_t i = 0; i < f->nhits; i++) {
        enum aa_detect d = f->hits[i].what;

        if (d != AA_D_PID_NONE && d != AA_D_PID_PLACEHOLDER &&
            aa_detect_justifies(d, AA_SCAN_NOT_ATTRIBUTED))
            return;
    }
    for (size_t i = 0; i < f->nhits; i++)
        if (f->hits[i].what == AA_D_PID_NONE) {
            f->hits[i] = f->hits[--f->nhits];
            recount(f);
            break;
        }
    f->status = AA_SCAN_AT_RISK;
}

static aa_scanner_fn *const scanners[AA_SCAN_KIND_COUNT] = {
    aa_scan_arm, aa_scan_bicep, aa_scan_tf, aa_scan_script, NULL};

/* The scanner of 'kind', with the file's line index in place. */
static int
run_scanner(struct aa_scan *s, struct aa_scan_file *f, enum aa_scan_kind kind,
            const char *text, size_t len, struct aa_diags *dl)
{
    size_t cap = 64, n = 1, *lines = aa_xmalloc(cap * sizeof(*lines));
    int rc;

    lines[0] = 0;
    for (const char *p = text, *end = text + len;
         (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
        if (n == cap) {
            cap *= 2;
            lines = aa_xrealloc(lines, cap, sizeof(*lines));
        }
        lines[n++] = (size_t)(p - text) + 1;
    }
    s->cur.text = text;
    s->cur.lines = lines;
    s->cur.nlines = n;
    s->cur.mark_line = 0;
    rc = scanners[kind](s, f, text, len, dl);
    s->cur.text = NULL;
    s->cur.lines = NULL;
    s->cur.nlines = 0;
    free(lines);
    return rc;
}

/* A size as people write it: "16 MiB", "64 KiB", or a number of bytes. */
static void
format_size(char buf[32], size_t n)
{
    if (n >= 1u << 20 && n % (1u << 20) == 0)
        snprintf(buf, 32, "%zu MiB", n >> 20);
    else if (n >= 1u << 10 && n % (1u << 10) == 0)
        snprintf(buf, 32, "%zu KiB", n >> 10);
    else
        snprintf(buf, 32, "%zu bytes", n);
}

void
aa_scan_note_limit(struct aa_scan *s, struct aa_scan_file *f,
                   struct aa_diags *dl, const char *text, size_t off,
                   enum aa_limit l)
{
    struct aa_loc at = aa_loc_of_offset(f->path, text, off);
    const char *name = aa_limit_name(l);
    char size[32];

    aa_scan_hit(s, f, AA_D_SCAN_STOPPED, text, off, name, strlen(name));

    switch (l) {
    case AA_LIMIT_EXPANSION_DEPTH:
        aa_diag_add(dl, AA_N_NOTE, at, NULL,
                    "expressions nested more than %zu deep are taken as "
                    "unknown (--limit expansion-depth=N)",
                    aa_limit(l));
        break;
    case AA_LIMIT_EXPANSION_SIZE:
        format_size(size, aa_limit(l));
        aa_diag_add(dl, AA_N_NOTE, at, NULL,
                    "a value longer than %s is taken as unknown (--limit "
                    "expansion-size=N)",
                    size);
        break;
    default:
        aa_diag_add(dl, AA_N_NOTE, at, NULL,
                    "evaluation stopped after %zu step%s: what is left is "
                    "taken as unknown (--limit %s=N)",
                    aa_limit(l), aa_limit(l) == 1 ? "" : "s", aa_limit_name(l));
        break;
    }
}

/* f is the file being scanned from now (struct aa_scan_cur). */
static void
begin_file(struct aa_scan *s, struct aa_scan_file *f)
{
    struct aa_scan_cur *c = &s->cur;

    c->f = f;
    c->npending = 0;
    memset(c->nwhat, 0, sizeof(c->nwhat));
    memset(c->dropped, 0, sizeof(c->dropped));
}

#define MORE_NOTE                                                              \
    "%u more %s findings in this file are not listed (--limit errors=N)"

/* The file being scanned is done: say how many hits of each detector
 * were past the errors limit, and keep its hits at their number. */
static void
end_file(struct aa_scan *s, struct aa_diags *dl)
{
    struct aa_scan_cur *c = &s->cur;
    struct aa_scan_file *f = c->f;
    struct aa_loc at = {f->path, 0, 0};

    for (int d = 0; d < AA_D_COUNT; d++) {
        if (c->dropped[d] == 0)
            continue;
        aa_diag_add(dl, AA_N_NOTE, at, NULL, MORE_NOTE, c->dropped[d],
                    aa_detect_name((enum aa_detect)d));
        if (d == AA_D_TF_NO_PARTNER_ID && f->tf != NULL) {
            f->tf->notes = dl;
            f->tf->note_at = dl->n - 1;
            f->tf->note_more = c->dropped[d];
        }
    }
    if (f->nhits > 0) {
        struct aa_hit *v = aa_arena_alloc(&s->arena, f->nhits * sizeof(*v));

        memcpy(v, f->hits, f->nhits * sizeof(*v));
        f->hits = v;
    }
    f->caphits = f->nhits;
    c->f = NULL;
}

/* A file that could not be read or scanned is still listed, marked
 * failed, so that every output format shows it beside the others.  'abs'
 * as for add_file. */
static void
add_failed(struct aa_scan *s, const char *path, const char *abs)
{
    add_file(s, path, abs, (enum aa_scan_kind)aa_scan_kind_of(path, NULL, 0, 1))
        ->failed = 1;
}

/* A file whose name makes it a shell script, a pipeline or a settings
 * file, none of which is ever binary. */
static int
shell_or_pipeline(const char *path)
{
    static const char *const exts[] = {".sh",   ".bash", ".zsh", ".ps1",
                                       ".psm1", ".env",  ".cmd", ".bat",
                                       ".yml",  ".yaml", ".mk"};
    const char *b = base_name(path);

    for (size_t i = 0; i < sizeof(exts) / sizeof(*exts); i++)
        if (has_ext(b, exts[i]))
            return 1;
    return strcmp(b, "Makefile") == 0 || strcmp(b, "Jenkinsfile") == 0;
}

/*
 * Scan one file's text.  'explicit': named by the user, so it is always listed;
 * found in a folder, a binary file and a .json file that is no template
 * are skipped, and so is a script, or a text file of no known kind, that
 * says nothing about attribution; such a text file that does is listed
 * with a note.  'abs' as for add_file.
 */
/* Why no deployment code is the text (len bytes): a NUL byte (a binary
 * file, or a damaged one) or invalid UTF-8, at *off with its diagnostic
 * code in *code; NULL when it is text. */
static const char *
bad_text(const char *text, size_t len, size_t *off, enum aa_code *code)
{
    const char *nul = memchr(text, '\0', len);
    size_t bad = utf8_bad((const unsigned char *)text, len);

    if (nul != NULL && (size_t)(nul - text) < bad) {
        *off = (size_t)(nul - text);
        *code = AA_E_ARTIFACT;
        return "NUL byte in deployment code";
    }
    if (bad < len) {
        *off = bad;
        *code = AA_E_UTF8;
        return "invalid UTF-8 in deployment code";
    }
    return NULL;
}

static int
scan_text(struct aa_scan *s, const char *path, const char *abs,
          const char *text, size_t len, int explicit, struct aa_diags *dl)
{
    struct aa_scan_file *f;
    const char *nul, *why;
    size_t off;
    enum aa_code code;
    int kind, rc = 0, unknown = 0;

    kind = aa_scan_kind_of(path, text, len, explicit);
    nul = memchr(text, '\0', len);
    /* A text file of no kind the scan knows is read as a script all the
     * same: when it says anything about attribution it is listed, with a
     * note, rather than left out unseen.  .json files that are no
     * templates (parameters, package.json) and documentation stay out:
     * they are known, and what they say is no setting. */
    if (kind < 0 && !explicit && nul == NULL && !is_doc(path) &&
        utf8_bad((const unsigned char *)text, len) == len) {
        kind = AA_SCAN_SCRIPT;
        unknown = 1;
    }
    /* In a folder, a script with a NUL byte is taken for a binary file and
     * skipped (a .ts video is no TypeScript), unless its name says it is a
     * shell script, a pipeline or a settings file: such a file is damaged
     * deployment code, an error as a template with a NUL is. */
    if (kind < 0 || (!explicit && kind == AA_SCAN_SCRIPT && nul != NULL &&
                     !shell_or_pipeline(path)))
        return 0;
    f = add_file(s, path, abs, (enum aa_scan_kind)kind);
    begin_file(s, f);
    if (!explicit && kind == AA_SCAN_ARM) {
        /* A template ARM would take but whose $schema is not one we know:
         * say why it was read, so that a surprise is not silent. */
        struct json_shape sh;

        if (json_is_template(text, len, &sh) == 2 &&
            (why = json_taken_why(&sh)) != NULL) {
            struct aa_loc at = {path, 0, 0};

            aa_diag_add(dl, AA_N_NOTE, at, NULL,
                        "scanned as an ARM template: %s", why);
        }
    }
    if ((why = bad_text(text, len, &off, &code)) != NULL) {
        aa_diag_add(dl, code, aa_loc_of_offset(path, text, off), NULL, "%s",
                    why);
        f->failed = 1;
        rc = -1;
    } else if (run_scanner(s, f, (enum aa_scan_kind)kind, text, len, dl) != 0) {
        f->failed = 1;
        rc = -1;
    } else if (!explicit && kind == AA_SCAN_SCRIPT && f->nhits == 0) {
        s->nfiles--; /* a script with nothing to say about attribution */
    } else if (unknown) {
        aa_diag_add(dl, AA_N_NOTE, (struct aa_loc){path, 0, 0}, NULL,
                    "not a kind of file the scan knows; read as a script "
                    "because it mentions attribution");
    } else if (kind == AA_SCAN_ARM || kind == AA_SCAN_BICEP) {
        check_marketplace_plan(s, f);
    }
    end_file(s, dl);
    return rc;
}

/* Whether a file found in a folder may be deployment code by its name
 * alone: a .json file may be a template. */
static int
maybe_code(const char *path)
{
    return aa_scan_kind_of(path, NULL, 0, 0) >= 0 || has_ext(path, ".json") ||
           has_ext(path, ".jsonc");
}

/* The text read, without a byte order mark and NUL-terminated. */
static void
end_text(char **text, size_t *len)
{
    if (*len >= 3 && memcmp(*text, "\xEF\xBB\xBF", 3) == 0) {
        memmove(*text, *text + 3, *len - 3);
        *len -= 3;
    }
    *text = aa_xrealloc(*text, *len + 1, 1);
    (*text)[*len] = '\0';
}

/* Path opened for reading when it is a regular file, with its size at
 * *size; else NULL with *err the errno, or 0 when it is something else (a
 * folder, a FIFO, a device).  Non-blocking: a FIFO must not hold the run
 * before fstat tells. */
static FILE *
open_regular(const char *path, off_t *size, int *err)
{
    struct stat st = {0};
    FILE *fp = NULL;
    int fd;

    *err = 0;
    if ((fd = open(path, O_RDONLY | O_NONBLOCK)) < 0 || fstat(fd, &st) != 0 ||
        !S_ISREG(st.st_mode) || (fp = fdopen(fd, "rb")) == NULL) {
        if (fd < 0 || S_ISREG(st.st_mode))
            *err = errno != 0 ? errno : EIO;
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    *size = st.st_size;
    return fp;
}

/*
 * Read a file's whole text into *text, NUL-terminated.  Returns 0, with
 * *text NULL when the file is skipped: found in a folder and, by its name
 * or the start of its text, no deployment code (a large data file, an
 * unreadable README), which the run need not read.  Returns -1 after a
 * diagnostic when the file cannot be read, is not a regular file or is
 * over the code-size limit; then it is listed as failed ('abs' as for
 * add_file), and the run scans the other files and fails at the end.
 */
static int
read_text(struct aa_scan *s, const char *path, const char *abs, int explicit,
          char **text, size_t *len, struct aa_diags *dl)
{
    struct aa_loc at = {path, 0, 0};
    size_t limit = aa_limit(AA_LIMIT_CODE_SIZE), big;
    char size[32];
    off_t size_at = 0;
    FILE *fp;
    int err = 0, rc = -1;

    *text = NULL;
    *len = 0;
    if ((fp = open_regular(path, &size_at, &err)) == NULL) {
        if (!explicit && !maybe_code(path)) /* not ours to read */
            return 0;
        if (err == 0)
            aa_diag_add(dl, AA_S_IO, at, NULL, "not a regular file");
        else
            aa_diag_add(dl, AA_S_IO, at, NULL, "cannot open: %s",
                        strerror(err));
        goto out;
    }
    /* Of a file known to be too large, the start tells its kind. */
    big = (size_t)size_at > limit;
    *text = aa_read_all(fp, big ? KIND_PREFIX : limit, len);
    if (ferror(fp)) {
        err = errno;
        if (!explicit && !maybe_code(path)) {
            rc = 0;
            goto out;
        }
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot read: %s", strerror(err));
        goto out;
    }
    if (big || *len > limit) {
        if (!explicit && aa_scan_kind_of(path, *text, *len, 0) < 0) {
            rc = 0; /* a large file that is no deployment code */
            goto out;
        }
        format_size(size, limit);
        aa_diag_add(dl, AA_E_LIMIT, at, NULL,
                    "deployment file larger than %s (--limit code-size=N)",
                    size);
        goto out;
    }
    /* A byte order mark is no text: left in, it glued itself to the first
     * word, so that Bicep and Terraform lost their first declaration, and
     * it counted as a column of line 1.  Dropped here, once for every kind
     * and for every file of a Terraform module, so that line 1 counts
     * columns as an editor shows them. */
    end_text(text, len);
    fclose(fp);
    return 0;
out:
    if (fp != NULL)
        fclose(fp);
    free(*text);
    *text = NULL;
    if (rc != 0)
        add_failed(s, path, abs);
    return rc;
}

/* Whether path is a Terraform override file (override.tf, *_override.tf),
 * whose blocks Terraform merges into those of the same type and labels
 * in the other files of its folder.  It is read with them, as part of
 * their module (aa_scan_module.over), and is no file of its own: read as
 * one, its provider block passed for a second configuration and its
 * count = 0 left the pid it turns off judged as deployed. */
static int
tf_override(const char *path)
{
    const char *b = base_name(path);
    size_t n = strlen(b);

    return strcmp(b, "override.tf") == 0 ||
           (n > 12 && strcmp(b + n - 12, "_override.tf") == 0);
}

/* Why Terraform would refuse override file 'path' (text, len), as a
 * scanned file is refused (scan_text, aa_scan_tf): NULL, or a message to
 * free at *off, with its diagnostic code in *code. */
static char *
override_refused(struct aa_scan *s, const char *text, size_t len, size_t *off,
                 enum aa_code *code)
{
    const char *why = bad_text(text, len, off, code);

    if (why != NULL)
        return aa_xstrdup(why);
    *code = AA_E_ARTIFACT;
    return aa_scan_tf_refused(s, text, len, off);
}

/* Why Terraform refuses a module for an override block with nothing to
 * merge into (aa_scan_tf_orphans): what names the block. */
#define ORPHAN_WHY                                                             \
    "overrides nothing: no other .tf file of its folder declares it, and "     \
    "Terraform refuses an override with nothing to merge into"

#define MERGED_NOTE                                                            \
    "a Terraform override file: merged into the blocks of the same type "      \
    "and labels in the other .tf files of its folder, as Terraform merges "    \
    "it; what it sets is judged there, at the block it changes"

static void
note_merged(const char *path, struct aa_diags *dl)
{
    aa_diag_add(dl, AA_N_NOTE, (struct aa_loc){path, 0, 0}, NULL, MERGED_NOTE);
}

/* The text of a .tf file beside one named alone, read for what it
 * declares: 0; 1 when it is no regular file; or -1 with *why set when it
 * cannot be read or is over the code-size limit. */
static int
read_sibling(const char *path, char **text, size_t *len, const char **why)
{
    size_t limit = aa_limit(AA_LIMIT_CODE_SIZE);
    off_t size = 0;
    FILE *fp;
    int err = 0;

    *text = NULL;
    if ((fp = open_regular(path, &size, &err)) == NULL) {
        *why = strerror(err);
        /* A folder, a FIFO or a device is no file of the module; named,
         * it is reported as such itself. */
        return err == 0 ? 1 : -1;
    }
    *text = aa_read_all(fp, limit, len);
    *why = ferror(fp)     ? strerror(errno)
           : *len > limit ? "over the code-size limit"
                          : NULL;
    fclose(fp);
    if (*why != NULL) {
        free(*text);
        *text = NULL;
        return -1;
    }
    end_text(text, len);
    return 0;
}

/* Override file 'p' beside 'path', a .tf file named alone, into *o (its
 * text and p, which it then owns) when Terraform would read it: 1, after
 * the note that says it is merged.  0 when it is left out, with a note
 * that says why, as for another file of the module; p is then freed. */
static int
read_override(struct aa_scan *s, const char *path, char *p,
              struct aa_scan_text *o, struct aa_diags *dl)
{
    const char *why = NULL;
    char *t = NULL, *no = NULL;
    size_t off = 0;
    enum aa_code code;
    struct aa_loc at = {p, 0, 0};
    int r = read_sibling(p, &t, &o->len, &why);

    if (r == 0 && (no = override_refused(s, t, o->len, &off, &code))) {
        at = aa_loc_of_offset(p, t, off);
        why = no;
    }
    if (r == 0 && no == NULL) {
        note_merged(p, dl);
        o->path = p;
        o->text = t;
        return 1;
    }
    if (r <= 0)
        aa_diag_add(dl, AA_N_NOTE, at, NULL,
                    "not read as part of the module of %s: %s", path, why);
    free(no);
    free(t);
    free(p);
    return 0;
}

/* The notes on the files beside 'path', a .tf file named alone, into dl;
 * and when an override file of its module m makes Terraform refuse the
 * module (aa_scan_tf_orphans), 1, after the error that lists 'path' as a
 * file that cannot be parsed, with the first such block: then no
 * override file is said to be merged.  'whole': every file of the module
 * was read, without which what the others declare is not known. */
static int
orphan_alone(struct aa_scan *s, const struct aa_scan_module *m,
             const char *path, const char *abs, int whole,
             struct aa_diags *notes, struct aa_diags *dl)
{
    char **why = aa_xcalloc(m->nover + 1, sizeof(*why));
    size_t *off = aa_xcalloc(m->nover + 1, sizeof(*off)), k = 0;
    int found = whole && m->nover > 0 && aa_scan_tf_orphans(s, m, why, off) > 0;

    for (size_t i = 0; i < notes->n; i++) {
        const struct aa_diag *d = &notes->v[i];

        if (!found || strcmp(d->detail, MERGED_NOTE) != 0)
            aa_diag_add(dl, d->code, (struct aa_loc){d->file, d->line, d->col},
                        d->rule, "%s", d->detail);
    }
    while (found && why[k] == NULL)
        k++;
    if (found) {
        struct aa_loc at = aa_loc_of_offset(NULL, m->over[k].text, off[k]);

        aa_diag_add(dl, AA_E_ARTIFACT, (struct aa_loc){path, 0, 0}, NULL,
                    "Terraform: %s of override file %s:%u:%u " ORPHAN_WHY,
                    why[k], m->over[k].path, at.line, at.col);
        add_failed(s, path, abs);
    }
    for (k = 0; k < m->nover; k++)
        free(why[k]);
    free(why);
    free(off);
    return found;
}

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Scan the .tf file 'path', named alone, whose text is 'text', with the
 * other .tf files of its folder as its module.  Terraform loads every .tf
 * file of a folder as one module and deploys nothing smaller, so a
 * variable's default in variables.tf decides a count in main.tf however
 * the file is named.  The others are read for what they declare, as a
 * folder walk reads them (scan_tree), and are neither scanned nor listed;
 * one that cannot be read is left out with a note.  Hidden files are left
 * out, as Terraform leaves them.  With no other .tf file beside it, it is
 * read by itself.
 */
static int
scan_tf_alone(struct aa_scan *s, const char *path, const char *abs, char *text,
              size_t len, struct aa_diags *dl)
{
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    char *dir = aa_xasprintf("%.*s", slash ? (int)(slash - path + 1) : 0, path);
    struct aa_scan_module m = {0};
    struct aa_scan_text *v, *ov;
    struct aa_diags notes; /* on the others: said once the module is read */
    char **names = NULL;
    size_t n = 0, cap = 0;
    DIR *d = opendir(slash ? dir : ".");
    struct dirent *e;
    int rc, placed = 0, lost = 0;

    while (d != NULL && (e = readdir(d)) != NULL) {
        size_t k = strlen(e->d_name);

        /* Terraform JSON is of the module too, and not read: what it
         * declares is not known. */
        if (e->d_name[0] != '.' && has_ext(e->d_name, ".tf.json")) {
            lost = 1;
            s->tf_json = 1;
        }
        if (e->d_name[0] == '.' || k < 4 ||
            strcmp(e->d_name + k - 3, ".tf") != 0 ||
            strcmp(e->d_name, base) == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            names = aa_xrealloc(names, cap, sizeof(*names));
        }
        names[n++] = aa_xstrdup(e->d_name);
    }
    if (d != NULL)
        closedir(d);
    if (n > 1)
        qsort(names, n, sizeof(*names), cmp_str);
    aa_diags_init(&notes);
    v = aa_xcalloc(n + 1, sizeof(*v));
    ov = aa_xcalloc(n + 1, sizeof(*ov));
    for (size_t i = 0; i <= n; i++) {
        const char *why = NULL;
        char *p, *t;
        int r;

        /* The named file in its place among the others, in byte order as
         * a folder walk takes them. */
        if (!placed && (i == n || strcmp(base, names[i]) < 0)) {
            m.at = m.ntext;
            v[m.ntext].path = path;
            v[m.ntext].text = text;
            v[m.ntext++].len = len;
            placed = 1;
        }
        if (i == n)
            break;
        p = aa_xasprintf("%s%s", dir, names[i]);
        if (tf_override(p)) {
            m.nover += (size_t)read_override(s, path, p, &ov[m.nover], &notes);
        } else if ((r = read_sibling(p, &t, &v[m.ntext].len, &why)) == 0) {
            v[m.ntext].path = p;
            v[m.ntext++].text = t;
        } else if (r > 0) {
            free(p);
        } else {
            aa_diag_add(&notes, AA_N_NOTE, (struct aa_loc){p, 0, 0}, NULL,
                        "not read as part of the module of %s: %s", path, why);
            free(p);
            lost = 1;
        }
        free(names[i]);
    }
    free(names);
    free(dir);
    m.text = v;
    m.over = ov;
    m.alone = 1;
    /* Alone in its folder, it is read by itself, as before: it may be one
     * file of a module copied out of its folder, and what is not seen may
     * lower a verdict, never raise it (scan_tf.c, collect_confs).  An
     * override file beside it says it is no copy. */
    s->module = m.ntext > 1 || m.nover > 0 ? &m : NULL;
    /* An override block with nothing to merge into makes Terraform refuse
     * the module, so no run of this file sends anything: its error, as a
     * second default provider block in another file is. */
    if (orphan_alone(s, &m, path, abs, !lost, &notes, dl))
        rc = -1;
    else
        rc = scan_text(s, path, abs, text, len, 1, dl);
    aa_diags_fini(&notes);
    s->module = NULL;
    for (size_t i = 0; i < m.ntext; i++)
        if (i != m.at) {
            free((char *)v[i].path);
            free((char *)v[i].text);
        }
    for (size_t i = 0; i < m.nover; i++) {
        free((char *)ov[i].path);
        free((char *)ov[i].text);
    }
    free(v);
    free(ov);
    aa_scan_tf_module_free(m.tf);
    return rc;
}

static int
scan_file(struct aa_scan *s, const char *path, int explicit,
          struct aa_diags *dl)
{
    size_t len;
    char *text = NULL, *abs = NULL;
    int rc = 0;

    if (met_before(s, path, &abs))
        return 0; /* met before */
    /* Terraform's JSON syntax: no template, though it ends in .json, and
     * not HCL, which the Terraform reader reads.  Read as either, it was
     * judged by rules that are not its own (an ARM "context"); it is left
     * out instead, named or found, and the note says so. */
    if (has_ext(path, ".tf.json")) {
        s->tf_json = 1;
        aa_diag_add(dl, AA_N_NOTE, (struct aa_loc){path, 0, 0}, NULL,
                    "not read: Terraform JSON syntax (.tf.json) is not "
                    "scanned, so nothing in it is judged");
        goto out;
    }
    /* Named, an override file is no module: it is read with a file of
     * its folder, or with the folder. */
    if (tf_override(path)) {
        aa_diag_add(dl, AA_N_NOTE, (struct aa_loc){path, 0, 0}, NULL,
                    "not scanned on its own: a Terraform override file is "
                    "merged into the blocks of the other .tf files of its "
                    "folder; name one of them, or the folder, to read it "
                    "with them");
        goto out;
    }
    /* A source map (app.js.map) is generated from code, not code: the
     * sources it quotes are read where they are.  Found in a folder it is
     * skipped as documentation is; named, the note says why it is left
     * out. */
    if (has_ext(path, ".map")) {
        if (explicit)
            aa_diag_add(dl, AA_N_NOTE, (struct aa_loc){path, 0, 0}, NULL,
                        "not read: a source map (.map) is generated from "
                        "code, so nothing in it is judged");
        goto out;
    }
    if (read_text(s, path, abs, explicit, &text, &len, dl) != 0)
        rc = -1;
    else if (text != NULL && explicit && has_ext(path, ".tf"))
        rc = scan_tf_alone(s, path, abs, text, len, dl);
    else if (text != NULL)
        rc = scan_text(s, path, abs, text, len, explicit, dl);
out:
    free(text);
    free(abs);
    return rc;
}

/* The .tf files of one folder, read together: Terraform takes a module's
 * variables and locals from every file of its folder, so each is scanned
 * knowing the others.  Read at the folder's first .tf file; each text is
 * freed once its file is scanned and scan_tf.c has read the module (what
 * that keeps holds its own copy), the rest after the last.  Its override
 * files are read with it, into m.over, and are not scanned themselves. */
struct module {
    size_t first, n; /* its files in tfs[] */
    size_t next;     /* the next of them the walk comes to */
    /* For each of its files, its place in m.text (m.over for an override
     * file), or NO_SLOT when it could not be read, is no deployment code
     * or is an override file Terraform would refuse. */
    size_t *slot;
    struct aa_scan_module m;
    size_t freed; /* m.text[0, freed) are freed: the walk is past them */
    int read;
    int json; /* its folder holds Terraform JSON, which is not read */
};

#define NO_SLOT ((size_t)-1)

/* A .tf file of a walk: its folder is rel[0..dirlen); 'at' is its index
 * in the walk.  Sorted by folder, the files of one module sit together. */
struct tf {
    const char *rel;
    size_t dirlen, at;
    int over; /* an override file (tf_override) */
};

static int
cmp_tf(const void *a, const void *b)
{
    const struct tf *x = a, *y = b;
    int c;

    if (x->dirlen != y->dirlen)
        return x->dirlen < y->dirlen ? -1 : 1;
    if ((c = memcmp(x->rel, y->rel, x->dirlen)) != 0)
        return c;
    return x->at < y->at ? -1 : x->at > y->at;
}

/* The override files of module m (read_module) that Terraform refuses
 * for a block with nothing to merge into (aa_scan_tf_orphans): each is
 * listed as a file that cannot be parsed, as one that does not lex, and
 * left out of the module, whose other files are judged without it. */
static void
refuse_orphans(struct aa_scan *s, struct module *m, const struct tf *tfs,
               struct aa_scan_text *ov, int *rc, struct aa_diags *dl)
{
    size_t n = m->m.nover, kept = 0;
    char **why = aa_xcalloc(n, sizeof(*why));
    size_t *off = aa_xcalloc(n, sizeof(*off)), *to;

    if (aa_scan_tf_orphans(s, &m->m, why, off) == 0) {
        free(why);
        free(off);
        return;
    }
    to = aa_xcalloc(n, sizeof(*to));
    for (size_t k = 0; k < n; k++) {
        if (why[k] == NULL) {
            to[k] = kept;
            ov[kept++] = ov[k];
            continue;
        }
        aa_diag_add(dl, AA_E_ARTIFACT,
                    aa_loc_of_offset(ov[k].path, ov[k].text, off[k]), NULL,
                    "Terraform: %s in an override file " ORPHAN_WHY, why[k]);
        add_failed(s, ov[k].path, NULL);
        free(why[k]);
        free((char *)ov[k].path);
        free((char *)ov[k].text);
        to[k] = NO_SLOT;
        *rc = -1;
    }
    for (size_t j = 0; j < m->n; j++)
        if (tfs[m->first + j].over && m->slot[j] != NO_SLOT)
            m->slot[j] = to[m->slot[j]];
    m->m.nover = kept;
    free(to);
    free(why);
    free(off);
}

/* A .tf file that cannot be read is listed as failed (read_text) and the
 * module is read without it. */
static void
read_module(struct aa_scan *s, const char *root, struct module *m,
            const struct tf *tfs, int *rc, struct aa_diags *dl)
{
    struct aa_scan_text *v = aa_xcalloc(m->n, sizeof(*v));
    struct aa_scan_text *ov = aa_xcalloc(m->n, sizeof(*ov));
    int lost = 0; /* a file of the module that is not read */

    m->slot = aa_xcalloc(m->n, sizeof(*m->slot));
    for (size_t k = 0; k < m->n; k++) {
        char *path = aa_walk_join(root, tfs[m->first + k].rel), *why = NULL;
        size_t len, off;
        char *text;
        int failed = read_text(s, path, NULL, 0, &text, &len, dl) != 0;
        enum aa_code code;

        m->slot[k] = NO_SLOT;
        /* An override file Terraform would refuse makes it refuse the
         * module: listed as a file that cannot be parsed. */
        if (!failed && text != NULL && tfs[m->first + k].over &&
            (why = override_refused(s, text, len, &off, &code)) != NULL) {
            aa_diag_add(dl, code, aa_loc_of_offset(path, text, off), NULL, "%s",
                        why);
            add_failed(s, path, NULL);
            free(why);
            free(text);
            failed = 1;
            text = NULL;
        }
        if (failed || text == NULL) { /* failed: listed so; else skipped */
            if (failed)
                *rc = -1;
            lost |= !tfs[m->first + k].over;
            free(path);
            continue;
        }
        if (tfs[m->first + k].over) {
            m->slot[k] = m->m.nover;
            ov[m->m.nover].path = path;
            ov[m->m.nover].text = text;
            ov[m->m.nover++].len = len;
            continue;
        }
        m->slot[k] = m->m.ntext;
        v[m->m.ntext].path = path;
        v[m->m.ntext].text = text;
        v[m->m.ntext++].len = len;
    }
    m->m.text = v;
    m->m.over = ov;
    m->read = 1;
    /* What a file not read declares is not known. */
    if (m->m.nover > 0 && !lost && !m->json)
        refuse_orphans(s, m, tfs, ov, rc, dl);
}

/* Free the texts of the module's files up to its text k, which the walk
 * has scanned: a folder of thousands of .tf files held them all until its
 * last was scanned, 2.4 MB of the peak at 5 000.  Not before scan_tf.c
 * has read the module, which it does from every text at the first file
 * that gets that far (one that does not lex is left for the next). */
static void
free_texts(struct module *m, size_t k)
{
    if (m->m.tf == NULL)
        return;
    for (; m->freed <= k && m->freed < m->m.ntext; m->freed++) {
        struct aa_scan_text *t = (struct aa_scan_text *)&m->m.text[m->freed];

        /* The path too: between the texts, it kept their room from
         * coming together for the larger blocks that follow. */
        free((char *)t->path);
        free((char *)t->text);
        t->path = t->text = NULL;
    }
}

static void
free_module(struct module *m)
{
    for (size_t i = 0; i < m->m.ntext; i++) {
        free((char *)m->m.text[i].path);
        free((char *)m->m.text[i].text);
    }
    for (size_t i = 0; i < m->m.nover; i++) {
        free((char *)m->m.over[i].path);
        free((char *)m->m.over[i].text);
    }
    m->freed = 0;
    free((struct aa_scan_text *)m->m.text);
    free((struct aa_scan_text *)m->m.over);
    free(m->slot);
    aa_scan_tf_module_free(m->m.tf);
    memset(&m->m, 0, sizeof(m->m));
    m->slot = NULL;
}

/* Mark the modules whose folder holds a Terraform JSON file (.tf.json):
 * Terraform reads it as part of the module, the scan does not, so what
 * the module declares is not known in full. */
static void
json_folders(const struct aa_walk *w, const struct tf *tfs, struct module *mods,
             size_t nmod)
{
    struct aa_arena a;
    struct aa_hashset dirs;

    aa_arena_init(&a);
    aa_hashset_init(&dirs, &a);
    for (size_t i = 0; i < w->n; i++) {
        const char *rel = w->v[i].rel, *slash = strrchr(rel, '/');

        if (!w->v[i].broken && has_ext(rel, ".tf.json"))
            (void)aa_hashset_add(
                &dirs,
                aa_arena_strndup(&a, rel, slash ? (size_t)(slash - rel) : 0),
                &dirs);
    }
    for (size_t k = 0; dirs.n > 0 && k < nmod; k++) {
        const struct tf *t = &tfs[mods[k].first];
        char *dir = aa_arena_strndup(&a, t->rel, t->dirlen);

        mods[k].json = aa_hashset_find(&dirs, dir) != NULL;
    }
    aa_arena_fini(&a);
}

/* Scan the files below the folder 'root' (walk.h), each folder's .tf
 * files as one module. */
static int
scan_tree(struct aa_scan *s, const char *root, struct aa_diags *dl)
{
    struct aa_walk w;
    struct tf *tfs;
    struct module *mods;
    size_t *mod_of, ntf = 0, nmod = 0;
    int rc;

    aa_walk_init(&w);
    w.exclude = s->exclude;
    rc = aa_walk_tree(&w, root, NULL, dl);
    /* What the walk could not read is listed as a file that cannot be
     * read is: a report that showed only the files read would pass for
     * the whole tree. */
    for (size_t i = 0; i < w.nfails; i++) {
        const char *p = w.fails[i].path;
        char *abs;

        if (met_before(s, p, &abs))
            continue;
        if (w.fails[i].folder)
            add_file(s, p, abs, AA_SCAN_FOLDER)->failed = 1;
        else
            add_failed(s, p, abs);
        free(abs);
    }
    tfs = aa_xcalloc(w.n + 1, sizeof(*tfs));
    mods = aa_xcalloc(w.n + 1, sizeof(*mods));
    mod_of = aa_xcalloc(w.n + 1, sizeof(*mod_of));
    for (size_t i = 0; i < w.n; i++) {
        const char *slash = strrchr(w.v[i].rel, '/');

        if (w.v[i].broken || !has_ext(w.v[i].rel, ".tf"))
            continue;
        tfs[ntf].rel = w.v[i].rel;
        tfs[ntf].dirlen = slash ? (size_t)(slash - w.v[i].rel) : 0;
        tfs[ntf].over = tf_override(w.v[i].rel);
        tfs[ntf++].at = i;
    }
    if (ntf > 1)
        qsort(tfs, ntf, sizeof(*tfs), cmp_tf);
    for (size_t k = 0; k < ntf; k++) {
        if (k == 0 || tfs[k].dirlen != tfs[k - 1].dirlen ||
            memcmp(tfs[k].rel, tfs[k - 1].rel, tfs[k].dirlen) != 0)
            mods[nmod++].first = k;
        mods[nmod - 1].n++;
        mod_of[tfs[k].at] = nmod; /* 0: not a .tf file */
    }
    json_folders(&w, tfs, mods, nmod);
    for (size_t i = 0; i < w.n; i++) {
        char *path;

        if (w.v[i].broken)
            continue; /* a link that leads nowhere is not deployment code */
        path = aa_walk_join(root, w.v[i].rel);
        if (mod_of[i] > 0) {
            struct module *m = &mods[mod_of[i] - 1];
            /* A file met before (the folder named twice): the module is
             * read only for the files still to scan. */
            char *abs;
            int met = met_before(s, path, &abs);
            size_t k = NO_SLOT;

            if (!m->read && !met)
                read_module(s, root, m, tfs, &rc, dl);
            /* The walk meets a module's files in the order tfs[] holds
             * them. */
            if (!met)
                k = m->slot[m->next];
            if (k != NO_SLOT && tfs[m->first + m->next].over) {
                /* Met once, however often its folder is named. */
                (void)aa_fileset_add(&s->listed, abs,
                                     aa_arena_strdup(&s->arena, path));
                note_merged(path, dl);
                k = NO_SLOT;
            }
            m->next++;
            if (k != NO_SLOT) {
                const struct aa_scan_text *tf = &m->m.text[k];

                /* Only while this folder's own files are scanned: a
                 * subfolder is another module. */
                m->m.at = k;
                s->module = &m->m;
                if (scan_text(s, path, abs, tf->text, tf->len, 0, dl) != 0)
                    rc = -1;
                s->module = NULL;
                free_texts(m, k);
            }
            free(abs);
            if (m->next == m->n)
                free_module(m);
        } else if (scan_file(s, path, 0, dl) != 0) {
            rc = -1;
        }
        free(path);
    }
    free(mod_of);
    free(mods);
    free(tfs);
    aa_walk_fini(&w);
    return rc;
}

void
aa_scan_exclude(struct aa_scan *s, int on)
{
    s->exclude = on != 0;
}

int
aa_scan_includes(const struct aa_scan *s, const char *path)
{
    char *want = aa_path_file(path);
    int found = 0;

    for (size_t i = 0; !found && i < s->nfiles; i++) {
        char *got = aa_path_file(s->files[i]->path);

        found = strcmp(got, want) == 0;
        free(got);
    }
    free(want);
    return found;
}

/* Each file or folder that failed keeps the first error about it, so
 * that the reports which list it with its status (scan JSON and text) say
 * why, not stderr alone.  Diagnostics dropped past a cap leave it NULL. */
static void
keep_errors(struct aa_scan *s, const struct aa_diags *dl)
{
    for (size_t i = 0; i < s->nfiles; i++) {
        struct aa_scan_file *f = s->files[i];

        for (size_t k = 0; f->failed && f->error == NULL && k < dl->n; k++)
            if (dl->v[k].code > AA_BAND_ERROR && dl->v[k].file != NULL &&
                strcmp(dl->v[k].file, f->path) == 0)
                f->error = aa_arena_strdup(&s->arena, dl->v[k].detail);
    }
}

int
aa_scan_path(struct aa_scan *s, const char *path, struct aa_diags *dl)
{
    struct aa_loc at = {path, 0, 0};
    struct stat st;
    int rc;

    if (stat(path, &st) != 0) {
        aa_diag_add(dl, AA_S_IO, at, NULL, "cannot open: %s", strerror(errno));
        s->npaths++;
        return -1;
    }
    if (S_ISDIR(st.st_mode))
        rc = scan_tree(s, path, dl);
    else if (aa_walk_check_input(path, dl) != 0) {
        /* A FIFO would block the read for ever; listed, as a file that
         * cannot be read is. */
        char *abs;

        if (!met_before(s, path, &abs))
            add_failed(s, path, abs);
        free(abs);
        rc = -1;
    } else
        rc = scan_file(s, path, 1, dl);
    s->npaths++;
    keep_errors(s, dl);
    return rc;
}

/* ---- links ---------------------------------------------------------- */

static int
cmp_file(const void *a, const void *b)
{
    const struct aa_scan_file *x = *(const struct aa_scan_file *const *)a;
    const struct aa_scan_file *y = *(const struct aa_scan_file *const *)b;

    return strcmp(x->path, y->path);
}

/* dir + "/" + rel with "." and ".." segments folded, into out (heap). */
static char *
join_norm(const char *from, const char *rel)
{
    const char *slash = strrchr(from, '/');
    size_t dn = slash ? (size_t)(slash - from) : 0;
    char *joined = aa_xasprintf("%.*s%s%s", (int)dn, from, dn ? "/" : "", rel);
    char **seg = aa_xcalloc(strlen(joined) + 1, sizeof(*seg));
    size_t nseg = 0, out_len = 0;
    char *out, *tok, *save = NULL;

    for (tok = strtok_r(joined, "/", &save); tok != NULL;
         tok = strtok_r(NULL, "/", &save)) {
        if (strcmp(tok, ".") == 0)
            continue;
        if (strcmp(tok, "..") == 0 && nseg > 0 &&
            strcmp(seg[nseg - 1], "..") != 0) {
            nseg--;
            continue;
        }
        seg[nseg++] = tok;
    }
    out = aa_xmalloc(strlen(rel) + dn + 3);
    out[0] = '\0';
    if (from[0] == '/') {
        strcpy(out, "/");
        out_len = 1;
    }
    for (size_t i = 0; i < nseg; i++) {
        size_t k = strlen(seg[i]);

        if (i > 0)
            out[out_len++] = '/';
        memcpy(out + out_len, seg[i], k);
        out_len += k;
        out[out_len] = '\0';
    }
    free(seg);
    free(joined);
    return out;
}

static struct aa_scan_file *
find_file(struct aa_scan *s, const char *path)
{
    struct aa_scan_file key = {0}, *kp = &key, **hit;

    key.path = path;
    hit = bsearch(&kp, s->files, s->nfiles, sizeof(*s->files), cmp_file);
    return hit ? *hit : NULL;
}

/* Where the path of a link that is a URL ("https://host/a/b.json")
 * starts, at the '/' after the host; NULL for a relative path. */
static const char *
url_path_of(const char *link)
{
    const char *p = link;

    /* A scheme is a letter, then letters, digits, '+', '-' or '.'; the
     * test of *p keeps strchr from matching the terminator. */
    while (isalpha((unsigned char)*p) ||
           (p > link && *p != '\0' &&
            (isdigit((unsigned char)*p) || strchr("+-.", *p))))
        p++;
    if (p == link || strncmp(p, "://", 3) != 0)
        return NULL;
    p += 3;
    p += strcspn(p, "/?#");
    return p;
}

/* How many whole segments the path 'path' and the URL path u[0..n) have
 * in common at their ends: "x/app/n/c.json" and "/org/app/n/c.json" 3. */
static size_t
common_tail(const char *path, const char *u, size_t n)
{
    size_t k = 0, pn = strlen(path);

    for (;;) {
        size_t ps = pn, us = n;

        while (n > 0 && u[n - 1] == '/') /* "a//b" is "a/b" */
            n--;
        while (pn > 0 && path[pn - 1] == '/')
            pn--;
        for (ps = pn; ps > 0 && path[ps - 1] != '/'; ps--)
            ;
        for (us = n; us > 0 && u[us - 1] != '/'; us--)
            ;
        if (pn == ps || n == us || pn - ps != n - us ||
            memcmp(path + ps, u + us, n - us) != 0)
            return k;
        k++;
        pn = ps;
        n = us;
    }
}

/* The last segment of p[0..n), trailing slashes left out, as
 * common_tail compares them; its length in *len. */
static const char *
last_segment(const char *p, size_t n, size_t *len)
{
    size_t e = n, b;

    while (e > 0 && p[e - 1] == '/')
        e--;
    for (b = e; b > 0 && p[b - 1] != '/'; b--)
        ;
    *len = e - b;
    return p + b;
}

/* An ARM template by the last segment of its path: only a template whose
 * name is the URL's last segment can be the one a URL link names, so the
 * links of a folder of templates need not each look at all of them. */
struct by_name {
    const char *name;
    size_t len;
    size_t i; /* in the scan's files, which are in path order */
};

static int
cmp_name(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);

    return c != 0 ? c : (an > bn) - (an < bn);
}

static int
cmp_by_name(const void *a, const void *b)
{
    const struct by_name *x = a, *y = b;
    int c = cmp_name(x->name, x->len, y->name, y->len);

    return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

/* Whether p[0..n) has a segment before its last one. */
static int
has_folder(const char *p, size_t n)
{
    size_t len;
    const char *seg = last_segment(p, n, &len);

    for (; seg > p; seg--)
        if (seg[-1] != '/')
            return 1;
    return 0;
}

/* The scanned template a URL link names (url_path_of), its query string
 * and fragment cut: the one whose path ends in the most segments of the
 * URL's path, when no other template's path ends in as many; the file
 * that links may be it, by more than its name.  A name alone is no
 * match for the file that links, nor where both name a folder and the
 * folders differ: ".../A-Single-VM/azuredeploy.json" is not
 * "ZTNA/azuredeploy.json", and root templates share a few names
 * (azuredeploy.json, mainTemplate.json), so such a match made a root the
 * child of a stranger, or of itself.  Folders further up may differ:
 * a URL names a branch and a repository where the scan has a checkout's
 * folder.  'names' holds the ARM templates (cmp_by_name order). */
static struct aa_scan_file *
find_by_url(struct aa_scan *s, const struct aa_scan_file *from,
            const char *path, const struct by_name *names, size_t nnames)
{
    struct aa_scan_file *best = NULL;
    size_t n = strcspn(path, "?#"), most = 0, lo = 0, hi = nnames, len;
    const char *seg = last_segment(path, n, &len);
    int tie = 0;

    while (lo < hi) { /* the first template of that name */
        size_t mid = lo + (hi - lo) / 2;

        if (cmp_name(names[mid].name, names[mid].len, seg, len) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* In path order, as a walk of all the files would meet them; the
     * others have no segment in common with the URL. */
    for (size_t k = lo; len > 0 && k < nnames &&
                        cmp_name(names[k].name, names[k].len, seg, len) == 0;
         k++) {
        struct aa_scan_file *f = s->files[names[k].i];
        size_t c;

        if (best != NULL && strcmp(best->path, f->path) == 0)
            continue; /* the same file scanned twice is one file */
        c = common_tail(f->path, path, n);
        if (c == 1 && (f == from || (has_folder(f->path, strlen(f->path)) &&
                                     has_folder(path, n))))
            continue;
        if (c > most) {
            most = c;
            best = f;
            tie = 0;
        } else if (c == most && c > 0) {
            tie = 1;
        }
    }
    return tie ? NULL : best;
}

/* Give hit i of f another detector. */
static void
retag(struct aa_scan_file *f, size_t i, enum aa_detect what)
{
    f->hits[i].what = what;
    recount(f);
}

static void
drop_hit(struct aa_scan_file *f, size_t i)
{
    memmove(&f->hits[i], &f->hits[i + 1],
            (f->nhits - i - 1) * sizeof(*f->hits));
    f->nhits--;
    recount(f);
}

/* A deployment name that would be a pid, or tries to be one. */
static int
pid_name(enum aa_detect d)
{
    switch (d) {
    case AA_D_PID_ROOT:
    case AA_D_PID_NESTED:
    case AA_D_PID_NO_PREFIX:
    case AA_D_PID_BAD_GUID:
    case AA_D_PID_ZERO_GUID:
    case AA_D_PID_TOO_LONG:
    case AA_D_PID_UNRESOLVED:
    case AA_D_PID_PLACEHOLDER:
    case AA_D_PID_NOT_LEADING:
        return 1;
    default:
        return 0;
    }
}

/* What qualifies a root's pid (its condition, where its name comes from,
 * how many there are) or stands in for a root's missing one: said of a
 * child, where no pid counts, it is noise. */
static int
root_only(enum aa_detect d)
{
    switch (d) {
    case AA_D_PID_NONE:
    case AA_D_PID_PARAMETER:
    case AA_D_PID_OFF_BY_DEFAULT:
    case AA_D_PID_OPT_OUT:
    case AA_D_PID_SEVERAL:
    case AA_D_PID_COMMENTED_OUT:
        return 1;
    default:
        return 0;
    }
}

/* Which files a root (a file that nothing scanned deploys) deploys,
 * however far down: covered[i] for s->files[i]; only roots without a pid
 * of their own when 'bare'.  One walk down from those roots, with a stack of
 * its own: asking each child for its roots walked a chain of N linked
 * files N times, and as deep as the chain on the C stack.  Settling a
 * child never changes a root's hits, so this holds for the whole of
 * aa_scan_finish. */
static unsigned char *
covered_by_root(const struct aa_scan *s, int bare)
{
    size_t n = s->nfiles, top = 0;
    size_t *first = aa_xcalloc(n + 2, sizeof(*first));
    size_t *kids, *stack;
    unsigned char *covered = aa_xcalloc(n + 1, 1);

    /* Each file's children, from their parents: file i's are
     * kids[first[i] .. first[i + 1]). */
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < s->files[i]->nparents; k++)
            first[s->files[i]->parents[k]->index + 2]++;
    for (size_t i = 2; i < n + 2; i++)
        first[i] += first[i - 1];
    kids = aa_xcalloc(first[n + 1] + 1, sizeof(*kids));
    stack = aa_xcalloc(n + 1, sizeof(*stack)); /* each file once */
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < s->files[i]->nparents; k++)
            kids[first[s->files[i]->parents[k]->index + 1]++] = i;
    for (size_t i = 0; i < n; i++)
        if (s->files[i]->nparents == 0 &&
            (!bare || !aa_scan_has(s->files[i], AA_D_PID_ROOT)))
            stack[top++] = i;
    /* Roots are never covered (nothing deploys them), only pushed. */
    while (top > 0) {
        size_t f = stack[--top];

        for (size_t k = first[f]; k < first[f + 1]; k++)
            if (!covered[kids[k]]) {
                covered[kids[k]] = 1;
                stack[top++] = kids[k];
            }
    }
    free(stack);
    free(kids);
    free(first);
    return covered;
}

/*
 * A file that another scanned file deploys speaks only through its own
 * content (CUA-F09, F23): without a pid it has no verdict of its own
 * (context: its root decides); a pid in it never counts, which is a real
 * problem wherever a root above it carries none, since the customers who
 * deploy that root are attributed to nobody (pid_nested, an error), and
 * only under roots that all carry one a pid that does nothing
 * (pid_nested_redundant, a warning).
 * Terraform modules take their caller's providers, which scan_tf.c and
 * the folder pass judge; only the link is said here.
 */
/* The cycle of links that file f is deployed through when no root is
 * above it: each file's first parent is followed up to one met before,
 * and the cycle from there is written as it deploys, "a.json → b.json →
 * a.json".  In the scan's arena. */
static const char *
cycle_above(struct aa_scan *s, const struct aa_scan_file *f)
{
    size_t n = 0, cap = 8, from = 0, len = 0;
    const struct aa_scan_file **v = aa_xcalloc(cap, sizeof(*v));
    char *out, *p;

    /* Every file on the way has a parent: one without would be a root. */
    for (const struct aa_scan_file *c = f;; c = c->parents[0]) {
        for (from = 0; from < n && v[from] != c; from++)
            ;
        if (from < n || c->nparents == 0 || n > s->nfiles)
            break;
        if (n == cap) {
            cap *= 2;
            v = aa_xrealloc(v, cap, sizeof(*v));
        }
        v[n++] = c;
    }
    if (from >= n) { /* not a cycle after all: name the first parent */
        free(v);
        return f->parents[0]->path;
    }
    for (size_t i = from; i < n; i++)
        len += strlen(v[i]->path) + strlen(" → ");
    len += strlen(v[from]->path) + 1;
    p = out = aa_arena_alloc(&s->arena, len);
    /* v runs from child to parent; a deployment runs the other way. */
    p += sprintf(p, "%s", v[from]->path);
    for (size_t i = n; i-- > from;)
        p += sprintf(p, " → %s", v[i]->path);
    free(v);
    return out;
}

static void
settle_child(struct aa_scan *s, struct aa_scan_file *child, int covered,
             int rooted)
{
    int fails = 0;

    if (child->kind == AA_SCAN_TERRAFORM)
        goto link;
    for (size_t i = 0; i < child->nhits; i++) {
        enum aa_detect d = child->hits[i].what;

        if (root_only(d)) {
            drop_hit(child, i--);
        } else if (pid_name(d) && covered) {
            retag(child, i, AA_D_PID_NESTED_REDUNDANT);
        } else if (pid_name(d)) {
            if (d == AA_D_PID_ROOT)
                retag(child, i, AA_D_PID_NESTED);
            fails = 1;
        }
    }
    child->status = fails ? AA_SCAN_NOT_ATTRIBUTED : AA_SCAN_CONTEXT;
link:
    /* Under no root, "deployed by" names a file that no customer deploys
     * first: the cycle is what there is to say. */
    if (!rooted) {
        const char *c = cycle_above(s, child);

        aa_scan_hit(s, child, AA_D_LINK_CYCLE, NULL, (size_t)-1, c, strlen(c));
        return;
    }
    /* A link to itself adds nothing to the root that deploys it. */
    for (size_t i = 0; i < child->nparents; i++)
        if (child->parents[i] != child)
            aa_scan_hit(s, child, AA_D_CHILD_OF, NULL, (size_t)-1,
                        child->parents[i]->path,
                        strlen(child->parents[i]->path));
}

/* A pid in a template nested inside a root that has its own pid does
 * nothing, and that is no failure of the root (CUA-F09). */
static void
settle_root(struct aa_scan_file *f)
{
    if (f->nparents > 0 || !aa_scan_has(f, AA_D_PID_ROOT))
        return;
    for (size_t i = 0; i < f->nhits; i++)
        if (f->hits[i].what == AA_D_PID_NESTED)
            retag(f, i, AA_D_PID_NESTED_REDUNDANT);
}

static void
add_parent(struct aa_scan *s, struct aa_scan_file *child,
           struct aa_scan_file *parent)
{
    for (size_t i = 0; i < child->nparents; i++)
        if (child->parents[i] == parent)
            return;
    if (child->nparents == child->capparents) {
        size_t cap = child->capparents ? child->capparents * 2 : 2;
        struct aa_scan_file **v = aa_arena_alloc(&s->arena, cap * sizeof(*v));

        if (child->nparents)
            memcpy(v, child->parents, child->nparents * sizeof(*v));
        child->parents = v;
        child->capparents = cap;
    }
    child->parents[child->nparents++] = parent;
}

/* The Terraform files of a scan by folder (cmp_by_name order on the
 * folder: name and len are the folder), made when a script first needs
 * them (azapi_reads_env). */
static int
cmp_folder(const void *a, const void *b)
{
    const struct by_name *x = a, *y = b;

    return cmp_name(x->name, x->len, y->name, y->len);
}

/* Whether the Terraform files in f's folder use azapi and leave it to
 * read ARM_PARTNER_ID: no azapi provider block, or one without an id;
 * *others, whether they hold anything else that may read it.  'tfs'
 * (*ntfs of them) is made on the first call. */
static int
azapi_reads_env(const struct aa_scan *s, const struct aa_scan_file *f,
                struct by_name **tfs, size_t *ntfs, int *others)
{
    size_t dn = (size_t)(base_name(f->path) - f->path), lo = 0, hi;
    unsigned uses = 0, blocks = 0, no_id = 0, azurerm = 0;

    if (*tfs == NULL) {
        *tfs = aa_xcalloc(s->nfiles + 1, sizeof(**tfs));
        for (size_t i = 0; i < s->nfiles; i++) {
            const char *p = s->files[i]->path;

            if (s->files[i]->kind != AA_SCAN_TERRAFORM)
                continue;
            (*tfs)[*ntfs].name = p;
            (*tfs)[*ntfs].len = (size_t)(base_name(p) - p);
            (*tfs)[(*ntfs)++].i = i;
        }
        qsort(*tfs, *ntfs, sizeof(**tfs), cmp_folder);
    }
    hi = *ntfs;
    while (lo < hi) { /* the folder's first file */
        size_t mid = lo + (hi - lo) / 2;

        if (cmp_name((*tfs)[mid].name, (*tfs)[mid].len, f->path, dn) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < *ntfs && (*tfs)[k].len == dn &&
                        memcmp((*tfs)[k].name, f->path, dn) == 0;
         k++) {
        const struct aa_scan_file *t = s->files[(*tfs)[k].i];

        if (t->tf == NULL) /* not read */
            continue;
        uses += t->tf->azapi_uses;
        blocks += t->tf->azapi_blocks;
        no_id += t->tf->azapi_no_id;
        azurerm += t->tf->azurerm_uses;
    }
    *others = azurerm > 0;
    return uses > 0 && (blocks == 0 || no_id > 0);
}

/* ARM_PARTNER_ID is read by azapi too, which takes only the bare GUID
 * (CUA-F12): a prefixed value in a script beside Terraform code that
 * leaves azapi to the variable serves azurerm but not azapi.  Where that
 * code has nothing else to read it, and the script sets no bare GUID or
 * user agent with a pid, the script attributes nothing it runs there. */
static void
check_env_azapi(struct aa_scan *s, struct aa_scan_file *f, struct by_name **tfs,
                size_t *ntfs)
{
    size_t n = f->nhits;
    int found = 0, serves = aa_scan_has(f, AA_D_UA_PID);

    if (aa_scan_has(f, AA_D_TF_AZAPI_PARTNER_ID_PREFIXED))
        return; /* finished before */
    for (size_t i = 0; i < n; i++) {
        const struct aa_hit *h = &f->hits[i];
        struct aa_hit *added;
        int others = 0;

        if (h->what != AA_D_ENV_PARTNER_ID)
            continue;
        if (!aa_partner_id_prefixed(h->subject, strlen(h->subject))) {
            serves = 1;
            continue;
        }
        if (!found && !azapi_reads_env(s, f, tfs, ntfs, &others))
            return;
        serves |= !found && others;
        found = 1;
        added = aa_scan_hit(s, f, AA_D_TF_AZAPI_PARTNER_ID_PREFIXED, NULL,
                            (size_t)-1, f->hits[i].subject,
                            strlen(f->hits[i].subject));
        if (added != NULL) {
            added->line = f->hits[i].line;
            added->col = f->hits[i].col;
        }
    }
    if (found && f->status == AA_SCAN_ATTRIBUTED)
        f->status = serves ? AA_SCAN_AT_RISK : AA_SCAN_NOT_ATTRIBUTED;
}

/* Whether script f's ARM_PARTNER_ID settings vouch for its runs: it is
 * attributed, or at risk or unattributed only because azapi refuses the
 * pid- form the setting has (check_env_azapi), which azurerm takes. */
static int
vouches(const struct aa_scan_file *f)
{
    if (f->status == AA_SCAN_ATTRIBUTED)
        return 1;
    if (f->status != AA_SCAN_AT_RISK && f->status != AA_SCAN_NOT_ATTRIBUTED)
        return 0;
    for (size_t k = 0; k < f->nhits; k++) {
        enum aa_detect d = f->hits[k].what;

        if (d != AA_D_TF_AZAPI_PARTNER_ID_PREFIXED &&
            aa_detect_justifies(d, f->status) &&
            !aa_detect_justifies(d, AA_SCAN_ATTRIBUTED))
            return 0;
    }
    return aa_scan_has(f, AA_D_ENV_PARTNER_ID);
}

/*
 * A provider configuration without partner_id sends the run's
 * ARM_PARTNER_ID (CUA-F12), and Terraform's own pid in a run without one
 * (CUA-F13).  Where a script or CI file of the scan sets a valid one, the
 * runs it makes are attributed and the rest are not; and manual runs are
 * those that drop such settings (CUA-F21).  Which folders a pipeline runs
 * Terraform in the scan cannot tell, so any such file counts: a provider
 * without an id then says the id depends on the run (tf_partner_id_env),
 * and a file where such a provider sends an id is at risk, not unattributed.
 * azapi takes the bare GUID alone (CUA-F12): a pid- form set for it does
 * not count (check_env_azapi says so where azapi reads it beside the
 * script).  A configuration with no block at all (tf_implied_provider)
 * is left as it is.
 */

/* f's tf_no_partner_id hits were retagged tf_partner_id_env: so were
 * those past the errors limit, when none was left, and the note that
 * counts them names the detector they have now.  It is found again by
 * its place and its text, as a caller may have dropped diagnostics
 * since (aa_diags_cap). */
static void
rename_note(struct aa_scan_file *f)
{
    const uint64_t was = UINT64_C(1) << AA_D_TF_NO_PARTNER_ID;
    struct aa_diag *d;
    char *old;

    if (aa_scan_has(f, AA_D_TF_NO_PARTNER_ID) || !(f->over & was))
        return;
    f->over = (f->over & ~was) | UINT64_C(1) << AA_D_TF_PARTNER_ID_ENV;
    if (f->tf == NULL || f->tf->notes == NULL ||
        f->tf->note_at >= f->tf->notes->n)
        return;
    d = &f->tf->notes->v[f->tf->note_at];
    old = aa_xasprintf(MORE_NOTE, f->tf->note_more,
                       aa_detect_name(AA_D_TF_NO_PARTNER_ID));
    if (d->file != NULL && strcmp(d->file, f->path) == 0 && d->detail != NULL &&
        strcmp(d->detail, old) == 0) {
        free(d->detail);
        d->detail = aa_xasprintf(MORE_NOTE, f->tf->note_more,
                                 aa_detect_name(AA_D_TF_PARTNER_ID_ENV));
    }
    free(old);
}

static void
settle_env_partner_id(struct aa_scan *s)
{
    int any = 0, bare = 0;
    /* The first setting, named in the provider's finding: its own finding
     * is a note, which --min-severity may hide. */
    const struct aa_scan_file *by = NULL, *by_bare = NULL;
    unsigned by_line = 0, bare_line = 0;

    for (size_t i = 0; i < s->nfiles; i++) {
        const struct aa_scan_file *f = s->files[i];

        /* A script with a broken or doubtful setting beside the good one
         * (an empty one after it, say) vouches for no run. */
        if (f->kind != AA_SCAN_SCRIPT || !vouches(f))
            continue;
        for (size_t k = 0; k < f->nhits; k++)
            if (f->hits[k].what == AA_D_ENV_PARTNER_ID) {
                const char *v = f->hits[k].subject;

                if (!any) {
                    by = f;
                    by_line = f->hits[k].line;
                }
                /* azapi reads a bare one alone: the setting it names. */
                if (!bare && !aa_partner_id_prefixed(v, strlen(v))) {
                    by_bare = f;
                    bare_line = f->hits[k].line;
                    bare = 1;
                }
                any = 1;
            }
    }
    for (size_t i = 0; any && i < s->nfiles; i++) {
        struct aa_scan_file *f = s->files[i];
        int moved = 0, sends = 0;

        if (f->kind != AA_SCAN_TERRAFORM || f->failed)
            continue;
        for (size_t k = 0; k < f->nhits; k++) {
            const struct aa_hit *h = &f->hits[k];
            int azapi = h->subject != NULL &&
                        strncmp(h->subject, "azapi", 5) == 0 &&
                        (h->subject[5] == '\0' || h->subject[5] == '.');
            char *subj;

            if (h->what != AA_D_TF_NO_PARTNER_ID)
                continue;
            /* The block still reads the variable the script sets: name
             * it, and say that azapi refuses its form, whose error the
             * script has where azapi reads it beside it.  Such an azapi
             * block sends nothing of yours by any run, so it keeps
             * tf_no_partner_id, whose words say so, and only its subject
             * names the setting. */
            subj = aa_xasprintf(
                "%s (ARM_PARTNER_ID set in %s:%u%s)",
                h->subject ? h->subject : "",
                azapi && bare ? by_bare->path : by->path,
                azapi && bare ? bare_line : by_line,
                bare || !azapi ? "" : ", in a pid- form azapi does not take");
            f->hits[k].subject = aa_arena_strdup(&s->arena, subj);
            free(subj);
            if (!bare && azapi)
                continue;
            retag(f, k, AA_D_TF_PARTNER_ID_ENV);
            moved = 1;
            sends = 1;
        }
        if (moved)
            rename_note(f);
        /* Some of its configurations now send the id: at risk, as a file
         * whose providers do not all carry one is. */
        if (sends && f->status == AA_SCAN_NOT_ATTRIBUTED)
            f->status = AA_SCAN_AT_RISK;
    }
}

/*
 * ARM_PARTNER_ID cleared in a script (env_partner_id_empty) takes the id
 * from the provider configurations that send the run's, those without a
 * partner_id of their own (CUA-F12); one that sets it sends it whatever
 * the run's is, and no configuration sends Terraform's own pid in its
 * place (CUA-F13).  Where every configuration the scanned Terraform code
 * uses sets it, the clearing costs that code nothing: a note,
 * env_partner_id_empty_no_effect, and no longer an error.  The error
 * stays where one relies on the run (no partner_id, one that may be null
 * or is unknown, an implied default), where a Terraform file could not be
 * read, and where no provider block was scanned at all: which code a
 * script runs the scan cannot tell, so any folder counts, as for a valid
 * setting (settle_env_partner_id).  A script with more clearings than
 * the errors limit lists is left as it is: the note that counts them
 * names the error.
 */
static void
settle_env_cleared(struct aa_scan *s)
{
    const uint64_t relies = UINT64_C(1) << AA_D_TF_NO_PARTNER_ID |
                            UINT64_C(1) << AA_D_TF_PARTNER_ID_ENV |
                            UINT64_C(1) << AA_D_TF_IMPLIED_PROVIDER |
                            UINT64_C(1) << AA_D_TF_PARTNER_ID_UNRESOLVED |
                            UINT64_C(1) << AA_D_TF_PARTNER_ID_CONDITIONAL;
    const uint64_t sets = UINT64_C(1) << AA_D_TF_PARTNER_ID |
                          UINT64_C(1) << AA_D_TF_PARTNER_ID_VAR |
                          UINT64_C(1) << AA_D_TF_PARTNER_ID_MALFORMED |
                          UINT64_C(1) << AA_D_TF_AZAPI_PARTNER_ID_PREFIXED;
    const uint64_t cleared = UINT64_C(1) << AA_D_ENV_PARTNER_ID_EMPTY;
    int blocks = 0;

    if (s->tf_json)
        return;
    for (size_t i = 0; i < s->nfiles; i++) {
        const struct aa_scan_file *f = s->files[i];

        if (f->kind != AA_SCAN_TERRAFORM)
            continue;
        if (f->failed || ((f->has | f->over) & relies))
            return;
        blocks |= ((f->has | f->over) & sets) != 0;
    }
    for (size_t i = 0; blocks && i < s->nfiles; i++) {
        struct aa_scan_file *f = s->files[i];

        if (f->kind != AA_SCAN_SCRIPT || !(f->has & cleared) ||
            (f->over & cleared))
            continue;
        for (size_t k = 0; k < f->nhits; k++)
            if (f->hits[k].what == AA_D_ENV_PARTNER_ID_EMPTY)
                retag(f, k, AA_D_ENV_PARTNER_ID_EMPTY_NO_EFFECT);
        aa_scan_script_status(f);
    }
}

/* Of the Terraform files of folder 'dir' (dn bytes), the default uses
 * and blocks, ORed into *uses and *blocks; how many files there are. */
static size_t
folder_defaults(const struct aa_scan *s, const char *dir, size_t dn,
                unsigned *uses, unsigned *blocks)
{
    size_t n = 0, lo = 0, hi = s->nfiles;
    char *key = aa_xasprintf("%.*s/", (int)dn, dir);

    /* s->files is in path order (cmp_file): the folder's files, and those
     * of its subfolders, follow the first path from "dir/" on. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(s->files[mid]->path, key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    free(key);
    for (size_t i = lo; i < s->nfiles; i++) {
        const struct aa_scan_file *c = s->files[i];
        const char *base = base_name(c->path);

        if (strncmp(c->path, dir, dn) != 0 || c->path[dn] != '/')
            break;
        if (c->kind != AA_SCAN_TERRAFORM || c->failed ||
            (size_t)(base - c->path) != dn + 1)
            continue;
        *uses |= c->tf->default_uses;
        *blocks |= c->tf->default_blocks;
        n++;
    }
    return n;
}

/*
 * The module calls of Terraform file f that inherit a default its module
 * has no block of (struct aa_tf_call): an implied empty configuration,
 * which sets no partner_id (CUA-F13), wherever the called folder uses the
 * provider and has no unaliased block of its own; a call of a folder not
 * scanned keeps what its own module suggests (an aliased block of the
 * provider).  Each provider is reported once a file, at its first call.
 */
static void
judge_tf_calls(struct aa_scan *s, struct aa_scan_file *f)
{
    static const char *const provs[] = {"azurerm", "azapi"};
    unsigned done = 0;
    size_t implied = 0;
    struct aa_hit *hit;
    struct aa_tf_call *in_order = NULL;

    /* In file order: the first call that needs it gets the finding. */
    while (f->tf->calls != NULL) {
        struct aa_tf_call *c = f->tf->calls;

        f->tf->calls = c->next;
        c->next = in_order;
        in_order = c;
    }
    f->tf->calls = in_order;
    /* What a resource of f itself reported already. */
    for (size_t k = 0; k < f->nhits; k++)
        for (int p = 0; p < 2; p++)
            if (f->hits[k].what == AA_D_TF_IMPLIED_PROVIDER &&
                f->hits[k].subject != NULL &&
                strcmp(f->hits[k].subject, provs[p]) == 0)
                done |= 1u << p;

    for (const struct aa_tf_call *c = f->tf->calls; c != NULL; c = c->next) {
        unsigned bit = 1u << c->prov, uses = 0, blocks = 0;
        char *dir;
        int used = c->guess;

        if (done & bit)
            continue;
        /* Terraform's local sources start with ./ or ../; the rest are
         * registries and URLs, never in the scan. */
        dir = c->source != NULL && (strncmp(c->source, "./", 2) == 0 ||
                                    strncmp(c->source, "../", 3) == 0)
                  ? join_norm(f->path, c->source)
                  : NULL;
        if (dir != NULL &&
            folder_defaults(s, dir, strlen(dir), &uses, &blocks) > 0)
            used = (uses & bit) && !(blocks & bit);
        free(dir);
        if (!used)
            continue;
        done |= bit;
        hit = aa_scan_hit(s, f, AA_D_TF_IMPLIED_PROVIDER, NULL, (size_t)-1,
                          provs[c->prov], strlen(provs[c->prov]));
        if (hit != NULL) { /* at the call, found when the file was read */
            hit->line = c->line;
            hit->col = c->col;
        }
        implied++;
    }
    if (implied > 0)
        f->status = aa_scan_tf_status(f, implied);
}

/* A local module call of a scan: the folder it calls, the folder of the
 * file that makes it (dn bytes of its path), and whether it makes no
 * instance with the defaults. */
struct mod_call {
    char *dir;
    const char *caller;
    size_t cn;
    int off, optional;
};

static int
cmp_mod_call(const void *a, const void *b)
{
    return strcmp(((const struct mod_call *)a)->dir,
                  ((const struct mod_call *)b)->dir);
}

/* strcmp of a against dir[0..dn) as a string of its own. */
static int
cmp_dir(const char *a, const char *dir, size_t dn)
{
    int c = strncmp(a, dir, dn);

    return c != 0 ? c : a[dn] != '\0';
}

/* The first call of folder dir[0..dn) in v (sorted by dir), or n. */
static size_t
find_mod_call(const struct mod_call *v, size_t n, const char *dir, size_t dn)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (cmp_dir(v[mid].dir, dir, dn) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && cmp_dir(v[lo].dir, dir, dn) == 0 ? lo : n;
}

/* Give each pid deployment of Terraform file f a hit 'what' where it has
 * none of 'what' or of pid_off_by_default (which says more): whether it
 * gave one. */
static int
mark_pids(struct aa_scan *s, struct aa_scan_file *f, enum aa_detect what)
{
    size_t n0 = f->nhits;
    int added = 0;

    for (size_t i = 0; i < n0; i++) {
        const struct aa_hit h = f->hits[i];
        char g[37];
        enum aa_pid_form form;
        int known = 0;
        struct aa_hit *mark;

        if (h.what != AA_D_TF_ARM_DEPLOYMENT || h.subject == NULL)
            continue;
        form = aa_pid_classify(h.subject, strlen(h.subject), g);
        if (!aa_pid_counts(form))
            continue;
        /* Its own count said so already. */
        for (size_t k = 0; k < f->nhits && !known; k++)
            known = (f->hits[k].what == what ||
                     f->hits[k].what == AA_D_PID_OFF_BY_DEFAULT) &&
                    f->hits[k].subject != NULL &&
                    strcmp(f->hits[k].subject, h.subject) == 0;
        if (known)
            continue;
        mark = aa_scan_hit(s, f, what, NULL, (size_t)-1, h.subject,
                           strlen(h.subject));
        if (mark != NULL) {
            mark->line = h.line;
            mark->col = h.col;
            mark->written = h.written;
            mark->steps = h.steps;
            mark->nsteps = h.nsteps;
        }
        added = 1;
    }
    return added;
}

/* Mark off the pid deployments of file f, whose folder only calls that
 * make no instance reach (CUA-F10): the pid is off by default there, as
 * it is behind a count of 0 in its own file. */
static void
mark_off(struct aa_scan *s, struct aa_scan_file *f)
{
    if (mark_pids(s, f, AA_D_PID_OFF_BY_DEFAULT) &&
        f->status == AA_SCAN_ATTRIBUTED && !aa_scan_has(f, AA_D_TF_PARTNER_ID))
        f->status = AA_SCAN_AT_RISK;
}

/* The pid deployments of file f, whose folder only calls that the
 * deployer may switch off reach (count = var.x ? 1 : 0 with no default):
 * a note, as for such a count in its own file; the status stands. */
static void
mark_optional(struct aa_scan *s, struct aa_scan_file *f)
{
    (void)mark_pids(s, f, AA_D_PID_OPT_OUT);
}

/*
 * A Terraform module called with a count of 0 or a for_each over an empty
 * literal (struct aa_tf_mod) makes no instance: what its folder deploys
 * is credited through no call that is off so.  A folder is on when a call
 * that makes an instance comes from a folder nothing calls (a root) or
 * from one that is on itself; a called folder that is not on has its pid
 * deployments off by default.
 */
static void
settle_tf_modules(struct aa_scan *s)
{
    struct mod_call *v = NULL;
    unsigned char *on;
    size_t n = 0, cap = 0;
    int changed = 1;

    for (size_t i = 0; i < s->nfiles; i++) {
        const struct aa_scan_file *f = s->files[i];

        if (f->kind != AA_SCAN_TERRAFORM || f->failed)
            continue;
        for (const struct aa_tf_mod *m = f->tf->mods; m != NULL; m = m->next) {
            size_t dn;

            if (n == cap) {
                cap = cap ? cap * 2 : 16;
                v = aa_xrealloc(v, cap, sizeof(*v));
            }
            v[n].dir = join_norm(f->path, m->source);
            dn = strlen(v[n].dir);
            while (dn > 0 && v[n].dir[dn - 1] == '/')
                v[n].dir[--dn] = '\0';
            v[n].caller = f->path;
            v[n].cn = (size_t)(base_name(f->path) - f->path);
            v[n].cn -= v[n].cn > 0; /* without its '/' */
            v[n].optional = m->optional;
            v[n++].off = m->off;
        }
    }
    if (n == 0)
        return;
    qsort(v, n, sizeof(*v), cmp_mod_call);
    /* By call: whether the folder it calls is on (2), on unless the
     * deployer switches a call on the way off (1), or off (0). */
    on = aa_xcalloc(n, 1);
    while (changed) {
        changed = 0;
        for (size_t i = 0; i < n; i++) {
            size_t c = find_mod_call(v, n, v[i].caller, v[i].cn);
            size_t d = find_mod_call(v, n, v[i].dir, strlen(v[i].dir));
            unsigned char level = c < n ? on[c] : 2;

            if (v[i].off)
                continue;
            if (v[i].optional && level > 1)
                level = 1;
            if (level <= on[d])
                continue;
            on[d] = level;
            changed = 1;
        }
    }
    for (size_t i = 0; i < s->nfiles; i++) {
        struct aa_scan_file *f = s->files[i];
        size_t dn = (size_t)(base_name(f->path) - f->path), d;

        if (f->kind != AA_SCAN_TERRAFORM || f->failed)
            continue;
        dn -= dn > 0;
        if ((d = find_mod_call(v, n, f->path, dn)) < n && !on[d])
            mark_off(s, f);
        else if (d < n && on[d] == 1)
            mark_optional(s, f);
    }
    for (size_t i = 0; i < n; i++)
        free(v[i].dir);
    free(v);
    free(on);
}

/* A file that a bound left partly unknown.  Where it found nothing (no
 * pid, or nothing that decides), that is not known: the part the bound hid
 * may hold it, so the file is at risk for that reason and pid_none goes.
 * Where what it found stands on its own (a pid, good or broken; a child
 * whose root decides), the note alone says what was not read. */
static void
settle_stopped(struct aa_scan_file *f)
{
    enum aa_detect drop = AA_D_PID_NONE;

    if (!aa_scan_has(f, AA_D_SCAN_STOPPED))
        return;
    if ((f->status == AA_SCAN_NOT_ATTRIBUTED &&
         aa_scan_has(f, AA_D_PID_NONE)) ||
        (f->status == AA_SCAN_CONTEXT && !aa_scan_has(f, AA_D_CHILD_OF) &&
         !aa_scan_has(f, AA_D_LINK_CYCLE)))
        f->status = AA_SCAN_AT_RISK;
    else
        drop = AA_D_SCAN_STOPPED;
    for (size_t i = f->nhits; i-- > 0;)
        if (f->hits[i].what == drop)
            drop_hit(f, i);
}

void
aa_scan_finish(struct aa_scan *s)
{
    struct by_name *names, *tfs = NULL;
    size_t nnames = 0, ntfs = 0;
    unsigned char *bare, *rooted;

    if (s->nfiles == 0)
        return; /* and files may be NULL, which qsort must not get */
    qsort(s->files, s->nfiles, sizeof(*s->files), cmp_file);
    for (size_t i = 0; i < s->nfiles; i++)
        s->files[i]->index = i;
    for (size_t i = 0; i < s->nfiles; i++)
        if (s->files[i]->kind == AA_SCAN_SCRIPT)
            check_env_azapi(s, s->files[i], &tfs, &ntfs);
    for (size_t i = 0; i < s->nfiles; i++)
        if (s->files[i]->kind == AA_SCAN_TERRAFORM && !s->files[i]->failed)
            judge_tf_calls(s, s->files[i]);
    settle_env_partner_id(s);
    settle_env_cleared(s);
    settle_tf_modules(s);
    free(tfs);
    names = aa_xcalloc(s->nfiles, sizeof(*names));
    for (size_t i = 0; i < s->nfiles; i++)
        if (s->files[i]->kind == AA_SCAN_ARM) {
            const char *p = s->files[i]->path;

            names[nnames].name = last_segment(p, strlen(p), &names[nnames].len);
            names[nnames++].i = i;
        }
    qsort(names, nnames, sizeof(*names), cmp_by_name);
    for (size_t i = 0; i < s->nfiles; i++) {
        struct aa_scan_file *f = s->files[i];

        for (size_t k = 0; k < f->nlinks; k++) {
            const char *url = url_path_of(f->links[k]);
            char *p = url ? NULL : join_norm(f->path, f->links[k]);
            struct aa_scan_file *child =
                url ? find_by_url(s, f, url, names, nnames) : find_file(s, p);

            /* A file that links itself is a cycle of one: deployed by
             * itself, it is no root, as a file of a longer cycle. */
            if (child != NULL)
                add_parent(s, child, f);
            free(p);
        }
    }
    free(names);
    bare = covered_by_root(s, 1);
    rooted = covered_by_root(s, 0);
    for (size_t i = 0; i < s->nfiles; i++) {
        struct aa_scan_file *f = s->files[i];

        if (f->failed)
            continue;
        if (f->nparents > 0 && !aa_scan_has(f, AA_D_CHILD_OF) &&
            !aa_scan_has(f, AA_D_LINK_CYCLE))
            settle_child(s, f, rooted[i] && !bare[i], rooted[i]);
        settle_root(f);
        settle_stopped(f);
        /* Every status says why (aa_scan_check): a file with nothing to
         * say is said to be so. */
        if (f->status == AA_SCAN_CONTEXT && f->nhits == 0)
            aa_scan_hit(s, f, AA_D_NO_VERDICT, NULL, (size_t)-1, NULL, 0);
    }
    free(bare);
    free(rooted);
#ifndef NDEBUG
    if (aa_scan_check(s, stderr) != 0)
        abort(); /* a scanner bug: every status has its reason */
#endif
}

/* ---- invariants ----------------------------------------------------- */

#define ST(x) (1u << AA_SCAN_##x)
/* The statuses a detector's hit can justify (aa_scan_file_check). */
static const unsigned justifies[AA_D_COUNT] = {
    [AA_D_PID_ROOT] = ST(ATTRIBUTED),
    [AA_D_TF_PARTNER_ID] = ST(ATTRIBUTED),
    [AA_D_TF_ARM_DEPLOYMENT] = ST(ATTRIBUTED) | ST(AT_RISK),
    [AA_D_TF_IMPLIED_PROVIDER] = ST(AT_RISK) | ST(NOT_ATTRIBUTED),
    /* The only provider block of a file, and nothing uses it. */
    [AA_D_TF_UNSELECTED_PROVIDER] = ST(CONTEXT),
    [AA_D_UA_PID] = ST(ATTRIBUTED),
    [AA_D_ENV_PARTNER_ID] = ST(ATTRIBUTED),
    [AA_D_TF_PARTNER_ID_VAR] = ST(ATTRIBUTED) | ST(AT_RISK),
    [AA_D_PID_PARAMETER] = ST(AT_RISK),
    [AA_D_PID_OFF_BY_DEFAULT] = ST(AT_RISK) | ST(NOT_ATTRIBUTED),
    [AA_D_PID_UNRESOLVED] = ST(AT_RISK) | ST(NOT_ATTRIBUTED),
    [AA_D_PID_PLACEHOLDER] = ST(AT_RISK) | ST(NOT_ATTRIBUTED),
    [AA_D_PID_SEVERAL] = ST(AT_RISK),
    [AA_D_MARKETPLACE_PLAN] = ST(AT_RISK),
    [AA_D_TF_PARTNER_ID_UNRESOLVED] = ST(AT_RISK) | ST(NOT_ATTRIBUTED),
    [AA_D_TF_PARTNER_ID_CONDITIONAL] = ST(AT_RISK),
    [AA_D_TF_NO_PARTNER_ID] = ST(AT_RISK) | ST(NOT_ATTRIBUTED),
    [AA_D_TF_PARTNER_ID_ENV] = ST(AT_RISK) | ST(NOT_ATTRIBUTED),
    [AA_D_TF_PARTNER_ID_MALFORMED] = ST(AT_RISK) | ST(NOT_ATTRIBUTED),
    [AA_D_TF_AZAPI_PARTNER_ID_PREFIXED] = ST(AT_RISK) | ST(NOT_ATTRIBUTED),
    [AA_D_ENV_PARTNER_ID_MALFORMED] = ST(AT_RISK) | ST(NOT_ATTRIBUTED),
    [AA_D_ENV_PARTNER_ID_EMPTY] = ST(AT_RISK) | ST(NOT_ATTRIBUTED),
    /* A script whose only word on attribution is a harmless clearing. */
    [AA_D_ENV_PARTNER_ID_EMPTY_NO_EFFECT] = ST(CONTEXT),
    [AA_D_UA_NO_PREFIX] = ST(AT_RISK) | ST(NOT_ATTRIBUTED),
    [AA_D_PID_NESTED] = ST(NOT_ATTRIBUTED),
    [AA_D_PID_NO_PREFIX] = ST(NOT_ATTRIBUTED),
    /* At risk: in a script, beside a valid pid elsewhere (part of what it
     * runs); in Terraform, one provider configuration among others that
     * have a valid id. */
    [AA_D_PID_BAD_GUID] = ST(AT_RISK) | ST(NOT_ATTRIBUTED),
    [AA_D_PID_ZERO_GUID] = ST(AT_RISK) | ST(NOT_ATTRIBUTED),
    [AA_D_PID_TOO_LONG] = ST(NOT_ATTRIBUTED),
    [AA_D_PID_NOT_LEADING] = ST(NOT_ATTRIBUTED),
    [AA_D_PID_COMMENTED_OUT] = ST(NOT_ATTRIBUTED),
    [AA_D_PID_NONE] = ST(NOT_ATTRIBUTED),
    [AA_D_AVM_TELEMETRY] = ST(NOT_ATTRIBUTED),
    [AA_D_UA_UNRESOLVED] = ST(AT_RISK),
    [AA_D_UA_NO_PID] = ST(NOT_ATTRIBUTED),
    [AA_D_DEPLOYMENT_NO_PREFIX] = ST(NOT_ATTRIBUTED),
    [AA_D_SCRIPT_PID_TEXT] = ST(CONTEXT),
    [AA_D_CHILD_OF] = ST(CONTEXT),
    [AA_D_LINK_CYCLE] = ST(CONTEXT),
    [AA_D_NO_VERDICT] = ST(CONTEXT),
    [AA_D_SCAN_STOPPED] = ST(AT_RISK),
};
#undef ST

int
aa_scan_file_check(const struct aa_scan_file *f, int unfinished, FILE *out)
{
    unsigned want = 1u << f->status;
    int bad = 0;

    if (f->failed || (unfinished && f->status == AA_SCAN_CONTEXT))
        return 0;
    for (int d = 0; d < AA_D_COUNT; d++)
        if (((f->has | f->over) >> d & 1) && (justifies[d] & want))
            return 0;
    bad++;
    if (out != NULL)
        fprintf(out,
                "attrib-advise: %s: invariant: status %s without a finding "
                "that justifies it\n",
                f->path, aa_scan_status_name(f->status));
    return bad;
}

int
aa_detect_justifies(enum aa_detect d, enum aa_scan_status st)
{
    return (unsigned)d < AA_D_COUNT && (justifies[d] & (1u << st)) != 0;
}

int
aa_detect_breaks(enum aa_detect d)
{
    switch (d) {
    case AA_D_PID_NESTED:
    case AA_D_PID_NO_PREFIX:
    case AA_D_PID_BAD_GUID:
    case AA_D_PID_ZERO_GUID:
    case AA_D_PID_TOO_LONG:
    case AA_D_PID_COMMENTED_OUT:
    case AA_D_TF_PARTNER_ID_MALFORMED:
    case AA_D_TF_AZAPI_PARTNER_ID_PREFIXED:
    case AA_D_UA_NO_PREFIX:
    case AA_D_ENV_PARTNER_ID_MALFORMED:
    case AA_D_ENV_PARTNER_ID_EMPTY:
        return 1;
    default:
        return 0;
    }
}

int
aa_scan_check(const struct aa_scan *s, FILE *out)
{
    int bad = 0;

    for (size_t i = 0; i < s->nfiles; i++)
        bad += aa_scan_file_check(s->files[i], 0, out);
    return bad;
}
