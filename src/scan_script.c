/*
 * scan_script.c -- CUA evidence in scripts, CI files and SDK code: the
 * AZURE_HTTP_USER_AGENT and ARM_PARTNER_ID variables, HTTP User-Agent
 * headers (curl -A, -H 'User-Agent: ...', -UserAgent, headers maps) and
 * the user-agent settings of Azure SDK clients (CUA-F12, F14); a
 * deployment that az or New-Az*Deployment names with a bare GUID.
 *
 * ARM_DISABLE_TERRAFORM_PARTNER_ID beside an ARM_PARTNER_ID of the same
 * script is reported as the provider flag is in Terraform (CUA-F13).
 *
 * The text is first copied with its comments blanked (same length,
 * newlines kept) by the comment syntax of the file's language, and with
 * the text nothing reads, as comments of many lines are written: the
 * shell's ": '...'" and a Python string that is a statement of its own.  The
 * copy is then read twice a line at a time: first for the variables the file
 * sets (NAME=v, $name = v, const NAME = v, ...), then for KEY sep VALUE,
 * so a hit's offset in the copy is its offset in the file.
 *
 * Values are resolved as templates resolve theirs: a reference to a
 * variable set in the same file ($PID, ${PID}, %PID%, $p, PID, f"{PID}",
 * `${PID}`) becomes that variable's value, and what the file cannot know
 * (an argument, the environment, a command, a function call) becomes
 * AA_HOLE.  A reference reads the last setting before it, or else the
 * first after it (a constant declared below its use); evaluation is
 * bounded in depth and bytes, past which the value is unknown.
 *
 * Invariant: nothing inside a comment is ever reported, and a quote ends
 * with its line, so one stray apostrophe cannot hide the rest of a file.
 * A line is read in one pass: the words the settings look for before a
 * key are found once per line, and a value is read once, the next key
 * being looked for after it, so a line of a million settings costs its
 * length and no more.
 *
 *   setting := KEY [quote] [']'] { blank } sep { blank } value
 *   sep     := '=' | ':=' | '?=' | '+=' | ':' | ',' | '(' | blank
 *   value   := word | operand { '+' operand }      (by language)
 */
#include "scan.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_SUBJECT 200
#define MAX_VALUE 256  /* a resolved value: far above any user agent */
#define MAX_DEPTH 16   /* variables set from variables, followed so deep */
#define MAX_STEPS 4096 /* bytes read to resolve one value, all included */
#define MAX_WRITTEN 80 /* of a value as written, quoted in a finding */

enum lang {
    L_HASH, /* shell, YAML, .env, Makefile: '#' that starts a word */
    L_PY,   /* Python: '#' anywhere outside a string */
    L_PS,   /* PowerShell: '#' and <# ... #> */
    L_C,    /* C#, Go, Java, JS/TS, Groovy: // and block comments */
    L_BAT   /* batch: REM and :: lines */
};

/* What a key sets: a user agent, an SDK application id (easily confused
 * with an Entra ID app id, so a bare GUID needs context), the Terraform
 * partner id, or the switch that drops Terraform's own one. */
enum key { K_NONE, K_UA, K_APPID, K_ENV, K_DISABLE };

/* Where a line has the words that some settings need before their key
 * (the first place of each, case aside), or (size_t)-1. */
struct line {
    size_t ls, le;
    size_t set, env, name, curl, wget;
    int deploy; /* the line belongs to an az / New-Az deployment command */
};

/* A variable the file sets: where its name is and the text of its value,
 * both in the blanked copy; and the value once resolved, so that a
 * variable read a thousand times is resolved once. */
struct def {
    const char *name;
    size_t nn, at; /* the name's length and offset */
    size_t vs, ve; /* the value as written */
    int fold;      /* names compared without case */
    enum { D_NEW, D_BUSY, D_DONE } state;
    char *val; /* resolved, with holes; owned; nval bytes */
    size_t nval;
    size_t sq_dollars; /* of val, as in struct val */
};

/* A value as resolved: AA_HOLE for each unknown part (holes never touch),
 * cut with a hole past MAX_VALUE bytes. */
struct val {
    char s[MAX_VALUE + 1];
    size_t n;
    unsigned steps; /* bytes read so far, references included */
    int holes;      /* something in it is unknown */
    int nested;     /* a constructor of user-agent settings: read inside */
    int dry;        /* only find the value's end: look nothing up */
    /* How many of its '$' were written inside single quotes (shell,
     * PowerShell), where nothing expands them: text, not a variable. */
    size_t sq_dollars;
};

/* How a line of CI YAML is read: as YAML, whose "NAME: value" sets a
 * variable; as a line of a script held in a block scalar ("run: |"),
 * where only what the shell sets counts; or as text that sets nothing
 * (the block scalar of any other key, a value below its key). */
enum ymode { Y_YAML, Y_SCRIPT, Y_TEXT };

/* Lines of CI YAML that are the content of one value: a block scalar
 * ("key: |", "key: >-") or a plain value that goes on below its key.
 * [from, to) are whole lines; head is the start of the line with the
 * key. */
struct yblock {
    size_t head, from, to;
    size_t indent;   /* of a block scalar's content */
    char style;      /* '|' literal, '>' folded, 0 plain */
    char chomp;      /* '-' strip, '+' keep, 0 clip */
    enum ymode mode; /* Y_SCRIPT under a script key, else Y_TEXT */
};

/* What one script sets across its lines. */
struct script {
    enum lang lang;
    char dialect;      /* of L_C: 'j' JS/TS, 'g' Go, 'c' C#, 'k' Kotlin/Groovy,
                          'v' Java; else 0 */
    int yaml;          /* CI YAML (struct yblock) */
    int ykeys;         /* on this line, NAME: value sets a variable */
    enum ymode ymode;  /* of this line */
    struct yblock *yb; /* in the order of the file */
    size_t nyb, capyb;
    int macro; /* $(NAME) reads one: CI YAML and Makefiles */
    /* Where a line is read by a shell, whose blank ends "NAME=": 'a' on
     * every line (a shell script), 'y' in a script block of CI YAML, 'm'
     * on a Makefile's recipe lines (a tab first); 0 nowhere (.env files,
     * settings, make's own NAME = value). */
    char shell;
    const char *b; /* the blanked copy */
    size_t len;
    struct def *defs; /* sorted by name, then by place */
    size_t ndefs, capdefs;
    int deploy;     /* a deployment command goes on to the next line */
    size_t mention; /* the first pid-<GUID> text, or (size_t)-1 */
    size_t bad;     /* the first pid- and a GUID gone wrong, or (size_t)-1 */
    /* For --explain: where the steps of a resolution go. */
    struct aa_scan *s;
    struct aa_scan_file *f;
    const char *text;
    size_t disable; /* where ARM_DISABLE_TERRAFORM_PARTNER_ID is on, or -1 */
    char env[MAX_VALUE + 1]; /* the last ARM_PARTNER_ID with a value, */
    size_t nenv;             /* as resolved; 0: none */
    int env_set; /* ARM_PARTNER_ID set above, whatever to: what unset undoes */
};

/* The comment syntax of a file, from its name: ".go" is looked up as
 * ".go." in lists of extensions. */
static enum lang
lang_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    char ext[16];
    size_t i;

    if (strstr(path, "Jenkinsfile") != NULL)
        return L_C;
    if (dot == NULL || strchr(dot, '/') || strlen(dot) + 2 > sizeof(ext))
        return L_HASH;
    for (i = 0; dot[i] != '\0'; i++)
        ext[i] = (char)tolower((unsigned char)dot[i]);
    memcpy(ext + i, ".", 2);
    if (strstr(".js.jsx.mjs.cjs.ts.tsx.cs.go.java.kt.groovy.scala.", ext))
        return L_C;
    if (strstr(".ps1.psm1.psd1.", ext))
        return L_PS;
    if (strstr(".cmd.bat.", ext))
        return L_BAT;
    return strcmp(ext, ".py.") == 0 ? L_PY : L_HASH;
}

static void
blank_to(char *b, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (b[i] != '\n')
            b[i] = ' ';
}

/* A batch comment line: optional blanks and '@', then REM or "::". */
static size_t
bat_comment(const char *b, size_t i, size_t len)
{
    size_t j = i;

    while (j < len && (b[j] == ' ' || b[j] == '\t' || b[j] == '@'))
        j++;
    if ((j + 3 <= len && strncasecmp(b + j, "rem", 3) == 0 &&
         (j + 3 == len || isspace((unsigned char)b[j + 3]))) ||
        (j + 2 <= len && b[j] == ':' && b[j + 1] == ':')) {
        const char *nl = memchr(b + j, '\n', len - j);

        return nl ? (size_t)(nl - b) : len;
    }
    return i;
}

static int writes_runner_env(const char *b, size_t ls, size_t le);

/* At b[i] "<<", on the line that starts at ls: when the line's command
 * is cat or tee, the end of the here-document's body (the start of its
 * closing line, which stays); else i. */
static size_t
heredoc_body(const char *b, size_t ls, size_t i, size_t len)
{
    size_t j = i + 2, w, wn, e;
    const char *nl;

    while (ls < i && (b[ls] == ' ' || b[ls] == '\t'))
        ls++;
    if (!((i - ls > 3 && strncmp(b + ls, "cat", 3) == 0 &&
           (b[ls + 3] == ' ' || b[ls + 3] == '>')) ||
          (i - ls > 3 && strncmp(b + ls, "tee", 3) == 0 && b[ls + 3] == ' ')))
        return i;
    if (j < len && b[j] == '<') /* <<< is a here-string, one word */
        return i;
    /* cat >> "$GITHUB_ENV" <<EOF sets what the body says, for the steps
     * after it. */
    if ((nl = memchr(b + i, '\n', len - i)) != NULL &&
        writes_runner_env(b, ls, (size_t)(nl - b)))
        return i;
    if (j < len && b[j] == '-') /* <<- strips tabs: see below */
        j++;
    while (j < len && b[j] == ' ')
        j++;
    if (j < len && (b[j] == '\'' || b[j] == '"'))
        j++;
    for (w = j; j < len && (isalnum((unsigned char)b[j]) || b[j] == '_');)
        j++;
    if ((wn = j - w) == 0 || (nl = memchr(b + j, '\n', len - j)) == NULL)
        return i;
    /* Each line after this one, to the one that is the word alone. */
    for (e = (size_t)(nl - b) + 1; e < len;) {
        size_t k = e, end;

        nl = memchr(b + e, '\n', len - e);
        end = nl ? (size_t)(nl - b) : len;
        /* Blanks before the word too: in a CI file's script block the
         * YAML indentation goes before it; reading on early is safe. */
        while (k < end && (b[k] == '\t' || b[k] == ' '))
            k++;
        if (end - k >= wn && strncmp(b + k, b + w, wn) == 0) {
            size_t t = k + wn;

            while (t < end && (b[t] == ' ' || b[t] == '\t' || b[t] == '\r'))
                t++;
            if (t == end)
                return e;
        }
        e = end + 1;
    }
    return len; /* to the end, as the shell reads an unclosed one */
}

/* Blank the comments of 'b' (a copy of the text) in place. */
static void
blank_comments(char *b, size_t len, enum lang lang)
{
    char quote = 0;
    size_t i = 0, e, ls = 0, last = 0, tried = (size_t)-1;
    int bol = 1; /* only blanks so far on this line */

    while (i < len) {
        char c = b[i], d = i + 1 < len ? b[i + 1] : '\0';
        const char *nl;
        int at_bol = bol;

        /* Where b[i]'s line starts: a jump over blanked text may have
         * crossed lines, so look back over what was passed, once. */
        for (size_t k = i; k > last && k > ls; k--)
            if (b[k - 1] == '\n') {
                ls = k;
                break;
            }
        last = i;
        if (c == '\n')
            bol = 1;
        else if (c != ' ' && c != '\t')
            bol = 0;
        /* Text that is read by nothing, the way comments of many lines
         * are written: the shell's ": '...'" and a Python string of three
         * quotes (a docstring, or a text kept in a variable: no setting
         * of its own either). */
        if (!quote && ((lang == L_HASH && at_bol && c == ':' && d == ' ' &&
                        i + 2 < len && b[i + 2] == '\'') ||
                       (lang == L_PY && (c == '"' || c == '\'') && d == c &&
                        i + 2 < len && b[i + 2] == c))) {
            char q = lang == L_PY ? c : '\'';

            for (e = i + 3; e < len; e++)
                if (b[e] == q &&
                    (lang != L_PY ||
                     (e + 2 < len && b[e + 1] == q && b[e + 2] == q)))
                    break;
            e = e < len ? e + (lang == L_PY ? 3 : 1) : len;
            blank_to(b, i, e);
            i = e;
            bol = 0;
            continue;
        }

        /* A shell here-document that cat or tee writes out: data for a
         * file, not lines the shell runs (one fed to a shell is read).
         * The first "<<" of a line only: a line of many costs one look. */
        if (!quote && lang == L_HASH && c == '<' && d == '<' && tried != ls &&
            ((void)(tried = ls), (e = heredoc_body(b, ls, i, len)) > i)) {
            blank_to(b, i, e);
            i = e;
            bol = 1;
            continue;
        }
        /* A PowerShell here-string, @" or @' to a line that starts with
         * "@ or '@: text, whatever settings it shows. */
        if (!quote && lang == L_PS && c == '@' && (d == '"' || d == '\'')) {
            for (e = i + 2; e < len; e++)
                if (b[e] == '\n' && e + 2 < len && b[e + 1] == d &&
                    b[e + 2] == '@')
                    break;
            e = e < len ? e + 3 : len;
            blank_to(b, i, e);
            i = e;
            bol = 0;
            continue;
        }
        if (lang == L_BAT && (i == 0 || b[i - 1] == '\n') &&
            (e = bat_comment(b, i, len)) > i) {
            blank_to(b, i, e);
            i = e;
            continue;
        }
        if (quote || c == '\n') {
            if (c == '\\' && d != '\n' &&
                (lang == L_C || lang == L_PY ||
                 (lang == L_HASH && quote == '"')))
                i++;
            else if (c == quote || c == '\n')
                quote = 0;
            i++;
            continue;
        }
        if (c == '"' || c == '\'' || (c == '`' && lang == L_C)) {
            quote = c;
            i++;
            continue;
        }
        if ((lang == L_C && c == '/' && d == '*') ||
            (lang == L_PS && c == '<' && d == '#')) {
            const char *close = lang == L_C ? "*/" : "#>";

            for (e = i + 2;
                 e + 1 < len && (b[e] != close[0] || b[e + 1] != close[1]);)
                e++;
            e = e + 1 < len ? e + 2 : len; /* unterminated: to the end */
        } else if ((lang == L_C && c == '/' && d == '/') ||
                   (lang == L_PY && c == '#') ||
                   ((lang == L_HASH || lang == L_PS) && c == '#' &&
                    (i == 0 || isspace((unsigned char)b[i - 1])))) {
            nl = memchr(b + i, '\n', len - i);
            e = nl ? (size_t)(nl - b) : len;
        } else {
            i++;
            continue;
        }
        blank_to(b, i, e);
        i = e;
    }
}

static int
is_word(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Whether the n bytes at p, "pid-" and a GUID, go on with Partner
 * Center's "-partnercenter" and end there: pid-...-partnercenterx is
 * another token, whose quote would name an ID the text does not hold. */
static int
pc_whole(const char *p, size_t n)
{
    return n >= 54 && strncasecmp(p + 40, "-partnercenter", 14) == 0 &&
           (n == 54 || (!is_word(p[54]) && p[54] != '-'));
}

/* The key a word names: names compared without case or underscores, so
 * user_agent, UserAgent and userAgent are one key. */
static enum key
key_of(const char *w, size_t n)
{
    char norm[24] = " ";
    size_t k = 1;

    if (n == 21 && memcmp(w, "AZURE_HTTP_USER_AGENT", 21) == 0)
        return K_UA;
    if (n == 14 && memcmp(w, "ARM_PARTNER_ID", 14) == 0)
        return K_ENV;
    if (n == 32 && memcmp(w, "ARM_DISABLE_TERRAFORM_PARTNER_ID", 32) == 0)
        return K_DISABLE;
    if (n + 3 > sizeof(norm)) /* space, word, space, NUL */
        return K_NONE;
    for (size_t i = 0; i < n; i++)
        if (w[i] != '_')
            norm[k++] = (char)tolower((unsigned char)w[i]);
    memcpy(norm + k, " ", 2);
    if (strstr(" useragent useragentpolicy useragentprefix adduseragent "
               "addtouseragent setuseragent withuseragent ",
               norm))
        return K_UA;
    if (strstr(" applicationid applicationname setapplicationid ", norm))
        return K_APPID;
    return K_NONE;
}

static int
blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Whether [i, le) holds only blanks, or a CR. */
static int
only_blanks(const char *b, size_t i, size_t le)
{
    while (i < le && (blank(b[i]) || b[i] == '\r'))
        i++;
    return i == le;
}

/* Nothing but a closing quote and blanks from e to the line's end. */
static int
rest_blank(const char *b, size_t e, size_t le)
{
    if (e < le && (b[e] == '"' || b[e] == '\''))
        e++;
    return only_blanks(b, e, le);
}

/* The first place of needle in b[from, to), case aside, or (size_t)-1. */
static size_t
find_ci(const char *b, size_t from, size_t to, const char *needle)
{
    size_t k = strlen(needle);
    int c = tolower((unsigned char)needle[0]);

    for (size_t i = from; i + k <= to; i++)
        if (tolower((unsigned char)b[i]) == c &&
            strncasecmp(b + i, needle, k) == 0)
            return i;
    return (size_t)-1;
}

static int
line_has(const char *b, size_t from, size_t to, const char *needle)
{
    return find_ci(b, from, to, needle) != (size_t)-1;
}

/* Whether 'word' (found once for the line as *at) ends before 'ks'. */
static int
before(size_t at, const char *word, size_t ks)
{
    return at != (size_t)-1 && at + strlen(word) <= ks;
}

/* Length of a run that is meant as a GUID but is none (hex digits and at
 * least three dashes, 30 to 40 bytes, like "dc5b73fd-e93c-40ca-8fef-
 * 976762d1d30" with a digit missing), or 0. */
static size_t
near_guid(const char *s, size_t n)
{
    size_t k = 0, dashes = 0;

    while (k < n && k <= 40 && (isxdigit((unsigned char)s[k]) || s[k] == '-')) {
        dashes += s[k] == '-';
        k++;
    }
    if (k < 30 || k > 40 || dashes < 3 || aa_guid_at(s, n))
        return 0;
    if (k < n && (isalnum((unsigned char)s[k]) || s[k] == '_'))
        return 0; /* part of a longer word */
    return k;
}

/* ---- variables and values ------------------------------------------- */

/* The language of L_C code, from its extension, for its string forms. */
static char
dialect_of(const char *path)
{
    const char *dot = strrchr(path, '.');

    if (strstr(path, "Jenkinsfile") != NULL)
        return 'k';
    if (dot == NULL || strchr(dot, '/') != NULL)
        return 0;
    if (strcasecmp(dot, ".go") == 0)
        return 'g';
    if (strcasecmp(dot, ".cs") == 0)
        return 'c';
    if (strcasecmp(dot, ".java") == 0)
        return 'v';
    if (strcasecmp(dot, ".kt") == 0 || strcasecmp(dot, ".groovy") == 0 ||
        strcasecmp(dot, ".scala") == 0)
        return 'k';
    return 'j';
}

static size_t
skip_blanks(const char *b, size_t i, size_t end)
{
    while (i < end && blank(b[i]))
        i++;
    return i;
}

/* Compare two names as the language does: PowerShell and batch fold
 * case. */
static int
cmp_name(const char *a, size_t na, const char *b, size_t nb, int fold)
{
    size_t n = na < nb ? na : nb;
    int c = fold ? strncasecmp(a, b, n) : memcmp(a, b, n);

    if (c != 0)
        return c;
    return na < nb ? -1 : na > nb;
}

static int
cmp_def(const void *x, const void *y)
{
    const struct def *a = x, *b = y;
    int c = cmp_name(a->name, a->nn, b->name, b->nn, a->fold);

    if (c != 0)
        return c;
    return a->at < b->at ? -1 : a->at > b->at;
}

/*
 * The setting a reference at 'at' reads: the last one whose value ends
 * before it, or else the first one after it (a constant declared below
 * the code that uses it, a function that runs after the line that sets
 * its variable).  NULL when the file sets no such variable.
 */
static struct def *
find_def(const struct script *sc, const char *name, size_t nn, size_t at)
{
    struct def *d = sc->defs;
    size_t lo = 0, hi = sc->ndefs, first, last;
    int fold = sc->lang == L_PS || sc->lang == L_BAT;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (cmp_name(d[mid].name, d[mid].nn, name, nn, fold) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    first = lo;
    for (hi = sc->ndefs; lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;

        if (cmp_name(d[mid].name, d[mid].nn, name, nn, fold) <= 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    last = lo;
    /* The settings of one name are in place order, so their ends are. */
    for (lo = first, hi = last; lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;

        if (d[mid].ve <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo > first)
        return &d[lo - 1];
    for (lo = first, hi = last; lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;

        if (d[mid].at <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < last ? &d[lo] : NULL;
}

static void
hole(struct val *v)
{
    v->holes = 1;
    if (v->n > 0 && v->s[v->n - 1] == AA_HOLE)
        return;
    if (v->n <= MAX_VALUE)
        v->s[v->n++] = AA_HOLE;
}

static void
put(struct val *v, char c)
{
    if (v->n < MAX_VALUE)
        v->s[v->n++] = c;
    else
        hole(v); /* cut: what is past the cut is unknown */
}

/* Count one byte read; past the budget the rest is unknown. */
static int
spent(struct val *v)
{
    if (v->steps++ < MAX_STEPS)
        return 0;
    hole(v);
    return 1;
}

/* Just past the bracket that closes the one at b[i] ('(', '{' or '['),
 * on the same stretch of text; 'end' when it is never closed. */
static size_t
skip_group(const char *b, size_t i, size_t end, struct val *v)
{
    char open = b[i], close = open == '(' ? ')' : open == '{' ? '}' : ']';
    size_t depth = 0;

    for (; i < end && !spent(v); i++) {
        if (b[i] == open)
            depth++;
        else if (b[i] == close && --depth == 0)
            return i + 1;
    }
    return end;
}

static size_t eval_value(const struct script *sc, size_t i, size_t end,
                         int depth, struct val *v);

/*
 * The value of the variable named b[ns, ns + nn), read at ns.  A setting
 * is resolved once, with a budget of its own, and kept: a setting read
 * while it is being resolved (a cycle), or deeper than MAX_DEPTH, is
 * unknown, so a chain of settings costs its length, not its fan-out.
 */
static void
ref(const struct script *sc, size_t ns, size_t nn, int depth, struct val *v)
{
    struct def *d = NULL;

    if (!v->dry && depth < MAX_DEPTH)
        d = find_def(sc, sc->b + ns, nn, ns);
    if (d == NULL || d->state == D_BUSY ||
        (d->state == D_NEW && depth + 1 >= MAX_DEPTH)) {
        hole(v);
        return;
    }
    /* The line that sets it, as --explain shows. */
    aa_scan_step_line(sc->s, sc->f, sc->text, d->at, d->name, d->nn);
    if (d->state == D_NEW) {
        struct val *own = aa_xcalloc(1, sizeof(*own));

        d->state = D_BUSY;
        (void)eval_value(sc, d->vs, d->ve, depth + 1, own);
        d->val = aa_xmalloc(own->n + 1);
        memcpy(d->val, own->s, own->n);
        d->nval = own->n;
        d->sq_dollars = own->sq_dollars;
        d->state = D_DONE;
        free(own);
    }
    v->steps++;
    v->sq_dollars += d->sq_dollars;
    for (size_t i = 0; i < d->nval && v->n <= MAX_VALUE; i++) {
        if (d->val[i] == AA_HOLE)
            hole(v);
        else
            put(v, d->val[i]);
    }
}

/* ${{ env.NAME }}, ${{ variables.NAME }}, ${{ vars.NAME }}: a variable of
 * the same file; any other expression (secrets, inputs) is unknown.  i is
 * past the "${{". */
static size_t
ci_expression(const struct script *sc, size_t i, size_t end, int depth,
              struct val *v)
{
    const char *b = sc->b;
    size_t j = skip_blanks(b, i, end), ns = 0, e;

    if (end - j > 4 && strncmp(b + j, "env.", 4) == 0)
        ns = j + 4;
    else if (end - j > 10 && strncmp(b + j, "variables.", 10) == 0)
        ns = j + 10;
    else if (end - j > 5 && strncmp(b + j, "vars.", 5) == 0)
        ns = j + 5;
    for (e = ns; ns > 0 && e < end && is_word(b[e]);)
        e++;
    for (j = i; j + 1 < end && !(b[j] == '}' && b[j + 1] == '}'); j++)
        if (spent(v))
            return end;
    if (ns > 0 && e > ns && skip_blanks(b, e, end) == j)
        ref(sc, ns, e - ns, depth, v);
    else
        hole(v);
    return j + 1 < end ? j + 2 : end;
}

/* A shell or batch expansion at b[i] ('$', '%' or '!'). */
static size_t
expand(const struct script *sc, size_t i, size_t end, int depth, struct val *v)
{
    const char *b = sc->b;
    char c = b[i], d = i + 1 < end ? b[i + 1] : '\0';
    size_t j;

    if (c != '$') { /* batch: %NAME%, !NAME!, %1, %~dp0, %% */
        for (j = i + 1; j < end && (is_word(b[j]) || b[j] == '.'); j++)
            ;
        if (j < end && b[j] == c && j > i + 1) {
            ref(sc, i + 1, j - i - 1, depth, v);
            return j + 1;
        }
        if (c == '%' && d == '%') {
            put(v, '%');
            return i + 2;
        }
        if (c == '%' && (isdigit((unsigned char)d) || d == '~' || d == '*')) {
            for (j = i + 1; j < end && isalpha((unsigned char)b[j]); j++)
                ;
            hole(v);
            return j + 1 < end ? j + 2 : end;
        }
        put(v, c);
        return i + 1;
    }
    if (d == '{' && i + 2 < end && b[i + 2] == '{')
        return ci_expression(sc, i + 3, end, depth, v);
    if (d == '{') { /* ${NAME}, ${NAME:-x}: the variable; ${#x}: unknown */
        for (j = i + 2; j < end && is_word(b[j]); j++)
            ;
        if (j > i + 2 && !isdigit((unsigned char)b[i + 2]))
            ref(sc, i + 2, j - i - 2, depth, v);
        else
            hole(v);
        return skip_group(b, i + 1, end, v);
    }
    if (d == '(') { /* a command; in CI YAML and make, $(NAME) */
        for (j = i + 2; sc->macro && j < end && (is_word(b[j]) || b[j] == '.');)
            j++;
        if (sc->macro && j > i + 2 && j < end && b[j] == ')') {
            ref(sc, i + 2, j - i - 2, depth, v);
            return j + 1;
        }
        hole(v);
        return skip_group(b, i + 1, end, v);
    }
    if (d == '_' || isalpha((unsigned char)d)) {
        for (j = i + 1; j < end && is_word(b[j]); j++)
            ;
        ref(sc, i + 1, j - i - 1, depth, v);
        return j;
    }
    if (isdigit((unsigned char)d) || (d != '\0' && strchr("@*#?$!-", d))) {
        hole(v); /* an argument, or what the shell knows of itself */
        return i + 2;
    }
    put(v, '$');
    return i + 1;
}

/* The inside of a shell double-quoted string from i; past its quote. */
static size_t
shell_dq(const struct script *sc, size_t i, size_t end, int depth,
         struct val *v)
{
    const char *b = sc->b;

    while (i < end && b[i] != '"') {
        if (spent(v))
            return end;
        if (b[i] == '\\' && i + 1 < end && sc->lang == L_HASH) {
            put(v, b[i + 1]);
            i += 2;
        } else if (b[i] == '$' || (sc->lang == L_BAT && b[i] == '%')) {
            i = expand(sc, i, end, depth, v);
        } else {
            put(v, b[i++]);
        }
    }
    return i < end ? i + 1 : end;
}

/* Literal text from i up to the quote q; past it. */
static size_t
literal(const char *b, size_t i, size_t end, char q, struct val *v)
{
    while (i < end && b[i] != q) {
        if (spent(v))
            return end;
        put(v, b[i++]);
    }
    return i < end ? i + 1 : end;
}

/* Single-quoted text from i, which the shell and PowerShell never expand:
 * its '$' are counted as text (struct val); past the closing quote. */
static size_t
sq_literal(const char *b, size_t i, size_t end, struct val *v)
{
    size_t n = v->n;

    i = literal(b, i, end, '\'', v);
    for (; n < v->n; n++)
        v->sq_dollars += v->s[n] == '$';
    return i;
}

/* A shell, YAML, .env, make or batch word: quotes and expansions glued
 * together, up to a blank or an operator. */
static size_t
eval_word(const struct script *sc, size_t i, size_t end, int depth,
          struct val *v)
{
    const char *b = sc->b;
    int bat = sc->lang == L_BAT;

    while (i < end && !spent(v)) {
        char c = b[i];

        if (isspace((unsigned char)c) || strchr(";|&)`", c) != NULL ||
            (bat && c == '"'))
            break;
        if (c == '\'' && !bat)
            i = sq_literal(b, i + 1, end, v);
        else if (c == '"')
            i = shell_dq(sc, i + 1, end, depth, v);
        else if (c == '$' || (bat && (c == '%' || c == '!')))
            i = expand(sc, i, end, depth, v);
        else if (c == '\\' && sc->lang == L_HASH &&
                 (i + 1 < end
                      ? b[i + 1] == '\n'
                      : i + 1 == end && end < sc->len && b[end] == '\n')) {
            /* A shell line continued: the word goes on on the next line
             * (a definition's end is then past its own line). */
            const char *nl;

            i += 2;
            if (i > end) {
                nl = memchr(b + i, '\n', sc->len - i);
                end = nl ? (size_t)(nl - b) : sc->len;
            }
        } else if (c == '\\' && !bat && i + 1 < end) {
            put(v, b[i + 1]);
            i += 2;
        } else {
            put(v, c);
            i++;
        }
    }
    return i;
}

/* A PowerShell variable at b[i] == '$': $name, ${name}, $env:NAME,
 * $script:name; $(...) is unknown.  Outside a string, $x.Prop and $x[0]
 * read into the value: unknown too. */
static size_t
ps_dollar(const struct script *sc, size_t i, size_t end, int depth,
          int in_string, struct val *v)
{
    const char *b = sc->b;
    char d = i + 1 < end ? b[i + 1] : '\0';
    size_t ns = i + 1, j, colon = 0;

    if (d == '(') {
        hole(v);
        return skip_group(b, i + 1, end, v);
    }
    if (d == '{') {
        for (j = i + 2; j < end && b[j] != '}'; j++)
            ;
        ref(sc, i + 2, j - i - 2, depth, v);
        return j < end ? j + 1 : end;
    }
    if (d != '_' && !isalpha((unsigned char)d)) {
        put(v, '$');
        return i + 1;
    }
    for (j = ns; j < end &&
                 (is_word(b[j]) ||
                  (b[j] == ':' && !colon && j + 1 < end && is_word(b[j + 1])));
         j++)
        if (b[j] == ':')
            colon = j;
    /* $null is nothing: "pid-$null" is "pid-", and $env:X = $null
     * clears X, as "" does. */
    if (j - ns == 4 && strncasecmp(b + ns, "null", 4) == 0)
        return j;
    /* Scopes name the same variable; env: is a variable of its own. */
    if (colon && strncasecmp(b + ns, "env:", 4) != 0)
        ns = colon + 1;
    if (!in_string && j < end &&
        (b[j] == '[' || (b[j] == '.' && j + 1 < end && is_word(b[j + 1])))) {
        hole(v);
        while (j < end && (is_word(b[j]) || b[j] == '.'))
            j++;
        return j < end && b[j] == '[' ? skip_group(b, j, end, v) : j;
    }
    ref(sc, ns, j - ns, depth, v);
    return j;
}

/* The inside of a PowerShell double-quoted string from i; past its
 * quote. */
static size_t
ps_dq(const struct script *sc, size_t i, size_t end, int depth, struct val *v)
{
    const char *b = sc->b;

    while (i < end && b[i] != '"') {
        if (spent(v))
            return end;
        if (b[i] == '`' && i + 1 < end) {
            put(v, b[i + 1]);
            i += 2;
        } else if (b[i] == '$') {
            i = ps_dollar(sc, i, end, depth, 1, v);
        } else {
            put(v, b[i++]);
        }
    }
    return i < end ? i + 1 : end;
}

/* One PowerShell operand: a string, a variable, a bare word, or what is
 * computed ((...), @{...}), which is unknown. */
static size_t
ps_operand(const struct script *sc, size_t i, size_t end, int depth,
           struct val *v)
{
    const char *b = sc->b;

    while (i < end && b[i] == '[') /* a cast: [string]$x */
        i = skip_blanks(b, skip_group(b, i, end, v), end);
    if (i >= end)
        return end;
    if (b[i] == '\'')
        return sq_literal(b, i + 1, end, v);
    if (b[i] == '"')
        return ps_dq(sc, i + 1, end, depth, v);
    if (b[i] == '$')
        return ps_dollar(sc, i, end, depth, 0, v);
    if (b[i] == '(' ||
        (b[i] == '@' && i + 1 < end && (b[i + 1] == '(' || b[i + 1] == '{'))) {
        hole(v);
        return skip_group(b, b[i] == '@' ? i + 1 : i, end, v);
    }
    while (i < end && !isspace((unsigned char)b[i]) && !strchr(";)},", b[i]))
        if (!spent(v))
            put(v, b[i++]);
    return i;
}

/* Whether b[i] starts a '+' that joins two operands. */
static int
plus_at(const char *b, size_t i, size_t end)
{
    return i < end && b[i] == '+' &&
           (i + 1 >= end || (b[i + 1] != '+' && b[i + 1] != '='));
}

static size_t
eval_ps(const struct script *sc, size_t i, size_t end, int depth, struct val *v)
{
    for (;;) {
        size_t j;

        i = ps_operand(sc, i, end, depth, v);
        j = skip_blanks(sc->b, i, end);
        if (!plus_at(sc->b, j, end) || v->steps >= MAX_STEPS)
            return i;
        i = skip_blanks(sc->b, j + 1, end);
    }
}

/* An identifier, or a dotted path of them, that a code operand names:
 * its last part is the variable (Config.PID, self.pid). */
static size_t
code_name(const struct script *sc, size_t i, size_t end, int depth,
          struct val *v)
{
    const char *b = sc->b;
    size_t j = i, last = i, env = 0;
    static const char *const nothing[] = {"None", "null", "nil", "undefined"};

    for (;;) {
        size_t k = j;

        while (j < end && is_word(b[j]))
            j++;
        if ((j - k == 3 && strncmp(b + k, "env", 3) == 0) ||
            (j - k == 7 && strncmp(b + k, "environ", 7) == 0) ||
            (j - k == 11 && strncmp(b + k, "Environment", 11) == 0))
            env = 1; /* process.env.X, os.environ[...]: the run's own */
        last = k;
        if (j + 1 < end && b[j] == '.' && is_word(b[j + 1]))
            j++;
        else
            break;
    }
    if (j < end && b[j] == '(') { /* a call */
        if (key_of(b + last, j - last) != K_NONE) {
            v->nested = 1; /* UserAgentPolicy(user_agent=...): read it */
            return j;
        }
        hole(v);
        return skip_group(b, j, end, v);
    }
    if (env || (j < end && b[j] == '[')) {
        hole(v);
        return j < end && b[j] == '[' ? skip_group(b, j, end, v) : j;
    }
    for (size_t k = 0; k < sizeof(nothing) / sizeof(*nothing); k++)
        if (j - last == strlen(nothing[k]) &&
            strncmp(b + last, nothing[k], j - last) == 0)
            return j; /* no user agent at all */
    if (isdigit((unsigned char)b[i]) ||
        (j - i == 4 && strncmp(b + i, "true", 4) == 0) ||
        (j - i == 5 && strncmp(b + i, "false", 5) == 0)) {
        while (i < j)
            put(v, b[i++]);
        return j;
    }
    ref(sc, last, j - last, depth, v);
    return j;
}

/* The inside of a code string from i up to the quote q: escapes unless
 * raw, and interpolation where the string has it: '{' (Python f"",
 * C# $""), '$' (JS `${}`, Kotlin and Groovy "${x}" and "$x"). */
static size_t
code_string(const struct script *sc, size_t i, size_t end, char q, char interp,
            int raw, int depth, struct val *v)
{
    const char *b = sc->b;

    while (i < end && b[i] != q) {
        size_t j;

        if (spent(v))
            return end;
        if (b[i] == '\\' && !raw && i + 1 < end) {
            put(v, b[i + 1]);
            i += 2;
        } else if (interp == '{' && b[i] == '{' && i + 1 < end &&
                   b[i + 1] == '{') {
            put(v, '{');
            i += 2;
        } else if ((interp == '{' && b[i] == '{') ||
                   (interp == '$' && b[i] == '$' && i + 1 < end &&
                    b[i + 1] == '{')) {
            size_t open = b[i] == '{' ? i : i + 1,
                   e = skip_group(b, open, end, v);

            j = skip_blanks(b, open + 1, e);
            if (j < e && (isalpha((unsigned char)b[j]) || b[j] == '_')) {
                size_t k = code_name(sc, j, e, depth, v);

                if (skip_blanks(b, k, e) + 1 != e)
                    hole(v); /* more than a name: {x.upper()}, {a + b} */
            } else {
                hole(v);
            }
            v->nested = 0;
            i = e;
        } else if (interp == '$' && b[i] == '$' && i + 1 < end &&
                   (isalpha((unsigned char)b[i + 1]) || b[i + 1] == '_')) {
            for (j = i + 1; j < end && is_word(b[j]); j++)
                ;
            ref(sc, i + 1, j - i - 1, depth, v);
            i = j;
        } else {
            put(v, b[i++]);
        }
    }
    return i < end ? i + 1 : end;
}

/* One operand of code: a string of the language, a name, a number; what
 * is computed (a call, an index, an object) is unknown. */
static size_t
code_operand(const struct script *sc, size_t i, size_t end, int depth,
             struct val *v)
{
    const char *b = sc->b;
    char interp = 0;
    int raw = 0;
    size_t j = i;

    if (end - i > 4 && strncmp(b + i, "new ", 4) == 0)
        i = j = skip_blanks(b, i + 4, end);
    else if (end - i > 6 && strncmp(b + i, "await ", 6) == 0)
        i = j = skip_blanks(b, i + 6, end);
    /* String prefixes: Python's f, r, b, u; C#'s $ and @. */
    while (j < end && j - i < 2 &&
           (sc->lang == L_PY ? strchr("fFrRbBuU", b[j]) != NULL
                             : sc->dialect == 'c' && strchr("$@", b[j])))
        j++;
    if (j < end && j > i && (b[j] == '"' || b[j] == '\'')) {
        for (size_t k = i; k < j; k++) {
            if (strchr("fF$", b[k]))
                interp = '{';
            if (strchr("rR@", b[k]))
                raw = 1;
        }
        i = j;
    }
    if (i >= end)
        return end;
    if (b[i] == '"' || b[i] == '\'' || b[i] == '`') {
        char q = b[i];

        if (q == '`' && sc->dialect == 'j')
            interp = '$';
        else if (q == '`')
            raw = 1; /* Go's raw strings */
        else if (q == '"' && sc->dialect == 'k')
            interp = '$';
        return code_string(sc, i + 1, end, q, interp, raw, depth, v);
    }
    if (isalnum((unsigned char)b[i]) || b[i] == '_')
        return code_name(sc, i, end, depth, v);
    hole(v);
    return b[i] == '(' || b[i] == '{' || b[i] == '[' ? skip_group(b, i, end, v)
                                                     : i + 1;
}

static size_t
eval_code(const struct script *sc, size_t i, size_t end, int depth,
          struct val *v)
{
    for (;;) {
        size_t j;

        i = code_operand(sc, i, end, depth, v);
        j = skip_blanks(sc->b, i, end);
        if (v->nested || !plus_at(sc->b, j, end) || v->steps >= MAX_STEPS)
            return i;
        i = skip_blanks(sc->b, j + 1, end);
    }
}

static int yaml_value(const struct script *sc, size_t i, size_t end, int depth,
                      struct val *v);

/* Resolve the value written from i (up to end) into v; returns where the
 * value as written ends. */
static size_t
eval_value(const struct script *sc, size_t i, size_t end, int depth,
           struct val *v)
{
    if (sc->yaml && yaml_value(sc, i, end, depth, v))
        return end;
    if (sc->lang == L_HASH || sc->lang == L_BAT)
        return eval_word(sc, i, end, depth, v);
    if (sc->lang == L_PS)
        return eval_ps(sc, i, end, depth, v);
    return eval_code(sc, i, end, depth, v);
}

/* ---- CI YAML ---------------------------------------------------------- */

/* Keys whose block scalar is a script for a shell (GitHub run, Azure
 * Pipelines script/bash/pwsh/powershell, AzureCLI inlineScript, GitLab
 * script, CircleCI command, Ansible shell): what the shell sets there
 * counts.  Any other key's block scalar is text handed to something (an
 * action's body, a description), which sets nothing. */
static const char *const script_keys[] = {
    "run",      "script",        "scripts",     "inlineScript",
    "inline",   "bash",          "pwsh",        "powershell",
    "sh",       "shell",         "cmd",         "command",
    "commands", "before_script", "after_script"};

static int
script_key(const char *k, size_t n)
{
    for (size_t i = 0; i < sizeof(script_keys) / sizeof(*script_keys); i++)
        if (strlen(script_keys[i]) == n &&
            strncasecmp(k, script_keys[i], n) == 0)
            return 1;
    return 0;
}

static size_t
line_end(const char *b, size_t ls, size_t len)
{
    const char *nl = memchr(b + ls, '\n', len - ls);

    return nl ? (size_t)(nl - b) : len;
}

/* Where the key that starts at b[i] ends: the ':' after a plain or quoted
 * key that a blank or the end of the line follows, or (size_t)-1. */
static size_t
yaml_key_end(const char *b, size_t i, size_t le)
{
    size_t j = i;

    if (i < le && (b[i] == '"' || b[i] == '\'')) {
        const char *q = memchr(b + i + 1, b[i], le - i - 1);

        if (q == NULL)
            return (size_t)-1;
        j = (size_t)(q - b) + 1;
        return j < le && b[j] == ':' &&
                       (j + 1 == le || blank(b[j + 1]) || b[j + 1] == '\r')
                   ? j
                   : (size_t)-1;
    }
    if (i >= le || strchr("-?:,[]{}#&*!|>'\"%@`", b[i]) != NULL)
        return (size_t)-1;
    for (; j < le; j++)
        if (b[j] == ':' && (j + 1 == le || blank(b[j + 1]) || b[j + 1] == '\r'))
            return j;
    return (size_t)-1;
}

/* Whether the key at [ks, ke) is the first thing on its line and is
 * followed by ':': YAML's "NAME: value", which in a script block is text. */
static int
yaml_key_line(const char *b, size_t ls, size_t ks, size_t ke, size_t le)
{
    size_t j = ke, i = skip_blanks(b, ls, le);

    if (i < ks && (b[i] == '"' || b[i] == '\'') && i + 1 == ks)
        i++, j += j < le && b[j] == b[ks - 1];
    return i == ks && j < le && b[j] == ':' && (j + 1 >= le || b[j + 1] != '=');
}

/* Past the anchors and tags at b[i] ("&pid ", "!!str "), which are
 * blanked: they name or type a value and are no part of it. */
static size_t
yaml_props(char *b, size_t i, size_t le)
{
    while (i < le && (b[i] == '&' || b[i] == '!')) {
        size_t j = i;

        while (j < le && !blank(b[j]) && b[j] != '\r')
            j++;
        blank_to(b, i, j);
        i = skip_blanks(b, j, le);
    }
    return i;
}

/* Inside a flow collection ("{A: v, B: w}", "[a, b]") from i, 'depth'
 * deep: its ',' and closing brackets outside quotes become ';', which
 * ends a value as it ends a word, so that A's value is v, not "v,".
 * Returns the depth still open at le: a collection may go on over lines,
 * with the quote *q open. */
static size_t
yaml_flow(char *b, size_t i, size_t le, size_t depth, char *q)
{
    for (; i < le && depth > 0; i++) {
        char c = b[i];

        if (*q != 0) {
            if (*q == '"' && c == '\\' && i + 1 < le)
                i++;
            else if (c == *q)
                *q = 0;
        } else if ((c == '"' || c == '\'') && (i == 0 || !is_word(b[i - 1]))) {
            *q = c;
        } else if (c == '{' || c == '[') {
            depth++;
        } else if (c == ',' || c == '}' || c == ']') {
            depth -= c != ',';
            b[i] = ';';
        }
    }
    return depth;
}

/* Indentation of the line at ls. */
static size_t
indent_of(const char *b, size_t ls, size_t le)
{
    size_t i = ls;

    while (i < le && b[i] == ' ')
        i++;
    return i - ls;
}

static struct yblock *
add_yblock(struct script *sc, size_t head, size_t from, enum ymode mode)
{
    struct yblock *y;

    if (sc->nyb == sc->capyb) {
        sc->capyb = sc->capyb ? sc->capyb * 2 : 8;
        sc->yb = aa_xrealloc(sc->yb, sc->capyb, sizeof(*sc->yb));
    }
    y = &sc->yb[sc->nyb++];
    memset(y, 0, sizeof(*y));
    y->head = head;
    y->from = y->to = from;
    y->mode = mode;
    return y;
}

/*
 * The block scalar whose indicator ("|", ">-", "|2+") is at b[at], on the
 * line [ls, le) whose key (or "- ") is at column 'parent': its content is
 * the lines below that are blank or indented past 'parent' (by the
 * indentation indicator, or as the first line with text is).  Returns the
 * end of its last line, or le when the indicator is none.
 */
static size_t
yaml_block(struct script *sc, size_t ls, size_t at, size_t le, size_t parent,
           enum ymode mode)
{
    const char *b = sc->b;
    size_t i = at + 1, e = le, ind = 0;
    char chomp = 0;
    struct yblock *y;

    for (int k = 0; k < 2 && i < le; k++, i++)
        if ((b[i] == '-' || b[i] == '+') && chomp == 0)
            chomp = b[i];
        else if (b[i] >= '1' && b[i] <= '9' && ind == 0)
            ind = parent + (size_t)(b[i] - '0');
        else
            break;
    if (!only_blanks(b, i, le))
        return le; /* ">x" is no indicator */
    y = add_yblock(sc, ls, le < sc->len ? le + 1 : le, mode);
    y->style = b[at];
    y->chomp = chomp;
    for (size_t l = y->from; l < sc->len; l = e + 1) {
        size_t n;

        e = line_end(b, l, sc->len);
        n = indent_of(b, l, e);
        if (only_blanks(b, l, e)) {
            if (e == sc->len)
                break;
            continue;
        }
        if (ind == 0)
            ind = n > parent ? n : parent + 1;
        if (n < ind)
            break;
        y->to = e < sc->len ? e + 1 : e;
    }
    y->indent = ind;
    return y->to > y->from ? y->to - 1 : le;
}

/*
 * A key with nothing after it on its line (at column 'col'): when the
 * lines below, indented past it, are a plain value (no "- ", no key, no
 * flow or block), they are its value's content.  Returns the end of its
 * last line, or le when the key holds a mapping or list instead (or
 * nothing).
 */
static size_t
yaml_below(struct script *sc, char *b, size_t ls, size_t le, size_t col,
           enum ymode mode)
{

    size_t l = le + 1, e = le, i, n;
    struct yblock *y;

    while (l < sc->len && only_blanks(b, l, (e = line_end(b, l, sc->len))))
        l = e + 1;
    if (l >= sc->len || (n = indent_of(b, l, e)) <= col)
        return le;
    i = yaml_props(b, l + n, e);
    if (i >= e || strchr("-?{[|>*", b[i]) != NULL ||
        yaml_key_end(b, i, e) != (size_t)-1)
        return le;
    y = add_yblock(sc, ls, l, mode);
    for (; l < sc->len; l = e + 1) {
        e = line_end(b, l, sc->len);
        if (only_blanks(b, l, e))
            continue;
        if (indent_of(b, l, e) <= col)
            break;
        y->to = e < sc->len ? e + 1 : e;
    }
    return y->to - 1;
}

#define YAML_DEPTH 64 /* keys over a list whose items are block scalars */

/*
 * Read the shape of a CI YAML file (b, the blanked copy) that the line
 * reader needs: block scalars and plain values below their key, whose
 * lines are content, not keys (struct yblock); flow collections, whose
 * separators end a value; anchors and tags, which are blanked.  A block
 * scalar with no key of its own ("- |") is an item of the list of the
 * nearest key above it with no value on its line.
 */
static void
yaml_prepare(struct script *sc, char *b)
{
    struct {
        size_t col;
        int script;
    } keys[YAML_DEPTH];
    size_t nkeys = 0, depth = 0, len = sc->len;
    char q = 0;

    for (size_t ls = 0, le; ls < len; ls = le + 1) {
        size_t i, col, dash = (size_t)-1, ke, vp, ks;
        enum ymode mode;

        le = line_end(b, ls, len);
        if (depth > 0) {
            depth = yaml_flow(b, ls, le, depth, &q);
            continue;
        }
        i = skip_blanks(b, ls, le);
        if (only_blanks(b, i, le))
            continue;
        col = i - ls;
        while (i + 1 < le && b[i] == '-' && blank(b[i + 1])) {
            dash = i - ls;
            i = skip_blanks(b, i + 1, le);
        }
        while (nkeys > 0 && (keys[nkeys - 1].col > col ||
                             (keys[nkeys - 1].col == col && dash != col)))
            nkeys--;
        ks = i = yaml_props(b, i, le);
        ke = yaml_key_end(b, i, le);
        vp = ke == (size_t)-1 ? i
                              : yaml_props(b, skip_blanks(b, ke + 1, le), le);
        if (ke != (size_t)-1) {
            int quoted = b[ks] == '"' || b[ks] == '\'';

            mode = script_key(b + ks + quoted, ke - ks - 2 * (size_t)quoted)
                       ? Y_SCRIPT
                       : Y_TEXT;
        } else {
            mode = nkeys > 0 && keys[nkeys - 1].script ? Y_SCRIPT : Y_TEXT;
        }
        if (vp < le && (b[vp] == '{' || b[vp] == '[')) {
            depth = yaml_flow(b, vp + 1, le, 1, &q);
        } else if (vp < le && (b[vp] == '|' || b[vp] == '>')) {
            le = yaml_block(sc, ls, vp, le,
                            ke != (size_t)-1     ? ks - ls
                            : dash != (size_t)-1 ? dash
                                                 : col,
                            mode);
        } else if (ke != (size_t)-1 && only_blanks(b, vp, le)) {
            size_t end = yaml_below(sc, b, ls, le, ks - ls, mode);

            if (end == le && nkeys < YAML_DEPTH) {
                keys[nkeys].col = ks - ls;
                keys[nkeys++].script = mode == Y_SCRIPT;
            }
            le = end;
        }
    }
}

/* The block that the line at hs opens, or NULL. */
static const struct yblock *
yblock_at(const struct script *sc, size_t hs)
{
    size_t lo = 0, hi = sc->nyb;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (sc->yb[mid].head < hs)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < sc->nyb && sc->yb[lo].head == hs ? &sc->yb[lo] : NULL;
}

static void
breaks(struct val *v, size_t n)
{
    while (n-- > 0)
        put(v, '\n');
}

/*
 * A CI YAML value at b[i] that is not on its key's line as a word is: a
 * block scalar or a plain value below the key (struct yblock), read as
 * YAML reads it: a literal block keeps its line breaks, a folded one and a
 * plain value join lines with a blank (an empty line stays a break, and
 * so do the breaks around a more indented line of a folded block), and
 * the chomping indicator says which final breaks stay.  Expansions in it
 * are read as on a key's line.  An alias ("*pid") is unknown.  Returns 0
 * when the value at i is none of these.
 */
static int
yaml_value(const struct script *sc, size_t i, size_t end, int depth,
           struct val *v)
{
    const char *b = sc->b;
    const struct yblock *y;
    size_t hs = i, gaps = 0;
    int first = 1, prev_more = 0;

    if (i < end && b[i] == '*') {
        hole(v);
        return 1;
    }
    /* Only an indicator or nothing at all starts one: a value of a line of
     * many settings is not walked back over. */
    if (i < end && b[i] != '|' && b[i] != '>' && b[i] != '\r')
        return 0;
    while (hs > 0 && b[hs - 1] != '\n')
        hs--;
    if ((y = yblock_at(sc, hs)) == NULL ||
        (y->style == 0 ? !only_blanks(b, i, end)
                       : i >= end || b[i] != y->style))
        return 0;
    for (size_t ls = y->from, le; ls < y->to && !spent(v); ls = le + 1) {
        size_t s, e;
        int more;

        le = line_end(b, ls, y->to);
        for (e = le; e > ls && (b[e - 1] == '\r' ||
                                (y->style != '|' && blank(b[e - 1])));)
            e--;
        if (only_blanks(b, ls, e)) {
            gaps++;
            continue;
        }
        s = y->style != 0 && ls + y->indent <= e ? ls + y->indent
                                                 : skip_blanks(b, ls, e);
        more = y->style == '>' && blank(b[s]);
        if (first && y->style == 0 && (b[s] == '"' || b[s] == '\'')) {
            /* A quoted value below its key: one line of it is read. */
            if (e - s < 2 || b[e - 1] != b[s] || le + 1 < y->to) {
                hole(v);
                return 1;
            }
            s++, e--;
        }
        if (first)
            breaks(v, y->style != 0 ? gaps : 0);
        else if (y->style == '|' || more || prev_more)
            breaks(v, gaps + 1);
        else if (gaps > 0)
            breaks(v, gaps);
        else
            put(v, ' ');
        for (size_t k = s; k < e && !spent(v);)
            if (b[k] == '$')
                k = expand(sc, k, e, depth, v);
            else
                put(v, b[k++]);
        gaps = 0;
        first = 0;
        prev_more = more;
    }
    if (y->style != 0 && !first && y->chomp != '-')
        breaks(v, y->chomp == '+' ? gaps + 1 : 1);
    return 1;
}

/* ---- where a file sets its variables ---------------------------------- */

static void
add_def(struct script *sc, size_t ns, size_t nn, size_t vs, size_t le)
{
    struct val dry = {.dry = 1};
    struct def *d;

    if (nn == 0 || isdigit((unsigned char)sc->b[ns]))
        return;
    if (sc->ndefs == sc->capdefs) {
        sc->capdefs = sc->capdefs ? sc->capdefs * 2 : 16;
        sc->defs = aa_xrealloc(sc->defs, sc->capdefs, sizeof(*sc->defs));
    }
    d = &sc->defs[sc->ndefs++];
    d->name = sc->b + ns;
    d->nn = nn;
    d->at = ns;
    d->vs = skip_blanks(sc->b, vs, le);
    d->ve = eval_value(sc, d->vs, le, 0, &dry);
    d->fold = sc->lang == L_PS || sc->lang == L_BAT;
    d->state = D_NEW;
    d->val = NULL;
    d->nval = 0;
}

/* Whether the word w (n bytes, case aside) is at b[i], whole. */
static int
word_at(const char *b, size_t i, size_t end, const char *w)
{
    size_t n = strlen(w);

    return i + n <= end && strncasecmp(b + i, w, n) == 0 &&
           (i + n == end || !is_word(b[i + n]));
}

/* Shell, YAML, .env, make, Dockerfile: [export|local|...] NAME=value,
 * NAME := value, and in YAML NAME: value. */
static void
defs_hash(struct script *sc, size_t i, size_t le)
{
    static const char *const lead[] = {
        "export", "local", "readonly", "declare", "typeset", "ENV", "ARG"};
    const char *b = sc->b;
    size_t ns, j;

    if (sc->ykeys && i + 1 < le && b[i] == '-' && b[i + 1] == ' ')
        i = skip_blanks(b, i + 1, le);
    for (size_t k = 0; k < sizeof(lead) / sizeof(*lead); k++)
        if (word_at(b, i, le, lead[k]) && i + strlen(lead[k]) < le &&
            blank(b[i + strlen(lead[k])])) {
            i = skip_blanks(b, i + strlen(lead[k]), le);
            while (i + 1 < le && b[i] == '-' &&
                   isalpha((unsigned char)b[i + 1])) { /* declare -x */
                while (i < le && !blank(b[i]))
                    i++;
                i = skip_blanks(b, i, le);
            }
            break;
        }
    for (ns = i; i < le && is_word(b[i]);)
        i++;
    if (i == ns)
        return;
    if (i < le && b[i] == '=' && (i + 1 >= le || b[i + 1] != '=')) {
        add_def(sc, ns, i - ns, i + 1, le);
        return;
    }
    j = skip_blanks(b, i, le);
    if (j < le && b[j] == '=' && (j + 1 >= le || b[j + 1] != '='))
        add_def(sc, ns, i - ns, j + 1, le);
    else if (j + 1 < le && strchr(":?+", b[j]) && b[j + 1] == '=')
        add_def(sc, ns, i - ns, j + 2, le);
    else if (sc->ykeys && j == i && j < le && b[j] == ':' &&
             skip_blanks(b, j + 1, le) < le && (j + 1 == le || blank(b[j + 1])))
        add_def(sc, ns, i - ns, j + 1, le);
}

/* Azure Pipelines and k8s lists: "- name: NAME" and "value: v" on the
 * next line. */
static void
defs_yaml_list(struct script *sc, size_t i, size_t le, size_t next)
{
    const char *b = sc->b, *nl;
    size_t ns, ne, j, e;

    if (i + 8 > le || strncmp(b + i, "- name:", 7) != 0 || next >= sc->len)
        return;
    ns = skip_blanks(b, i + 7, le);
    if (ns < le && (b[ns] == '"' || b[ns] == '\''))
        ns++;
    for (ne = ns; ne < le && is_word(b[ne]);)
        ne++;
    j = skip_blanks(b, next, sc->len);
    nl = memchr(b + j, '\n', sc->len - j);
    e = nl ? (size_t)(nl - b) : sc->len;
    if (e > j && b[e - 1] == '\r')
        e--;
    if (ne > ns && j + 6 <= e && strncmp(b + j, "value:", 6) == 0)
        add_def(sc, ns, ne - ns, j + 6, e);
}

/* PowerShell: [cast]$name = value, $env:NAME = value, $script:x = v. */
static void
defs_ps(struct script *sc, size_t i, size_t le)
{
    const char *b = sc->b;
    size_t ns, j, colon = 0;
    struct val dry = {.dry = 1};

    while (i < le && b[i] == '[')
        i = skip_blanks(b, skip_group(b, i, le, &dry), le);
    if (i + 1 >= le || b[i] != '$')
        return;
    for (ns = j = i + 1; j < le && (is_word(b[j]) || (b[j] == ':' && !colon));
         j++)
        if (b[j] == ':')
            colon = j;
    if (colon && strncasecmp(b + ns, "env:", 4) != 0)
        ns = colon + 1;
    i = skip_blanks(b, j, le);
    if (i < le && b[i] == '=' && (i + 1 >= le || b[i + 1] != '='))
        add_def(sc, ns, j - ns, i + 1, le);
}

/* Batch: set NAME=value, set "NAME=value". */
static void
defs_bat(struct script *sc, size_t i, size_t le)
{
    const char *b = sc->b;
    size_t ns, j;

    if (i < le && b[i] == '@')
        i++;
    if (!word_at(b, i, le, "set"))
        return;
    i = skip_blanks(b, i + 3, le);
    if (i < le && b[i] == '"')
        i++;
    for (ns = j = i; j < le && b[j] != '=' && !blank(b[j]);)
        j++;
    if (j < le && b[j] == '=')
        add_def(sc, ns, j - ns, j + 1, le);
}

/* Python and the C family: the name before the line's first plain '='
 * (or Go's ':='), after any keywords and types: const PID = v,
 * static final String PID = v, PID: str = v, const PID: string = v. */
static void
defs_code(struct script *sc, size_t i, size_t le)
{
    const char *b = sc->b;
    size_t j, k, ns, ne;
    char q = 0;

    for (j = i; j < le; j++) {
        char c = b[j];

        if (q) {
            if (c == '\\')
                j++;
            else if (c == q)
                q = 0;
            continue;
        }
        if (c == '"' || c == '\'' || c == '`') {
            q = c;
            continue;
        }
        if (c == '(' || c == '{' || c == ',')
            return; /* an argument or a field, not a variable */
        if (c == '=') {
            if (j + 1 < le && (b[j + 1] == '=' || b[j + 1] == '>'))
                return;
            if (j > i && strchr("=!<>+-*/%&|^", b[j - 1]))
                return;
            break;
        }
    }
    if (j >= le)
        return;
    k = j > i && b[j - 1] == ':' ? j - 1 : j;
    while (k > i && blank(b[k - 1]))
        k--;
    for (ne = k; k > i && is_word(b[k - 1]);)
        k--;
    ns = k;
    /* NAME: type = v, and Go's var NAME string = v */
    while (k > i && blank(b[k - 1]))
        k--;
    if ((k > i && b[k - 1] == ':' && (k < i + 2 || b[k - 2] != ':')) ||
        (ne - ns == 6 && strncasecmp(b + ns, "string", 6) == 0 && k < ns &&
         k > i && is_word(b[k - 1]) && sc->dialect == 'g')) {
        if (b[k - 1] == ':')
            k--;
        while (k > i && blank(b[k - 1]))
            k--;
        for (ne = k; k > i && is_word(b[k - 1]);)
            k--;
        ns = k;
    }
    add_def(sc, ns, ne - ns, j + 1, le);
}

/* How the line at ls is read (enum ymode), for lines met in the order of
 * the file: *cur is the first block not yet left behind. */
static void
set_ymode(struct script *sc, size_t *cur, size_t ls)
{
    while (*cur < sc->nyb && sc->yb[*cur].to <= ls)
        (*cur)++;
    sc->ymode =
        *cur < sc->nyb && sc->yb[*cur].from <= ls ? sc->yb[*cur].mode : Y_YAML;
    sc->ykeys = sc->yaml && sc->ymode == Y_YAML;
}

/* Every variable the file sets, sorted for find_def. */
static void
collect_defs(struct script *sc)
{
    const char *b = sc->b;
    size_t cur = 0;

    for (size_t ls = 0; ls < sc->len;) {
        const char *nl = memchr(b + ls, '\n', sc->len - ls);
        size_t le = nl ? (size_t)(nl - b) : sc->len;
        size_t i = skip_blanks(b, ls, le);

        if (le > i && b[le - 1] == '\r')
            le--;
        set_ymode(sc, &cur, ls);
        if (sc->ymode == Y_TEXT) {
            ls = (nl ? (size_t)(nl - b) : sc->len) + 1;
            continue;
        }
        switch (sc->lang) {
        case L_HASH:
            defs_hash(sc, i, le);
            if (sc->ykeys && nl != NULL)
                defs_yaml_list(sc, i, le, (size_t)(nl - b) + 1);
            break;
        case L_PS:
            defs_ps(sc, i, le);
            break;
        case L_BAT:
            defs_bat(sc, i, le);
            break;
        default:
            defs_code(sc, i, le);
            break;
        }
        ls = (nl ? (size_t)(nl - b) : sc->len) + 1;
    }
    if (sc->ndefs > 1)
        qsort(sc->defs, sc->ndefs, sizeof(*sc->defs), cmp_def);
}

/* Where the value of the key ending at 'e' starts, or (size_t)-1 when
 * the key is not being set here (a read such as $ARM_PARTNER_ID).
 * 'header': the key is a quoted "User-Agent", which an argument list
 * may follow with a comma.  'shell': the line is read by a shell (struct
 * script.shell). */
static size_t
value_start(const char *b, const struct line *ln, size_t ks, size_t e,
            enum key k, int header, int shell)
{
    size_t j = e, ls = ln->ls, le = ln->le;
    int spaced = 0, dash = ks > ls && b[ks - 1] == '-';

    if (ks > ls && (b[ks - 1] == '$' || b[ks - 1] == '%' ||
                    (b[ks - 1] == '{' && ks > ls + 1 && b[ks - 2] == '$')))
        return (size_t)-1;
    if (j < le && (b[j] == '"' || b[j] == '\''))
        j++;
    if (j < le && b[j] == ']')
        j++;
    while (j < le && (b[j] == ' ' || b[j] == '\t'))
        j++, spaced = 1;
    if (j >= le)
        return (size_t)-1;
    if (b[j] == '=' && (j + 1 >= le || b[j + 1] != '=')) {
        /* In a shell a blank ends the word: "NAME= terraform apply" runs
         * terraform with NAME empty, where a .env file or make reads the
         * text after the blank.  The value is the nothing before it. */
        if (shell && j == e && j + 1 < le && blank(b[j + 1]))
            return j + 1;
        j++;
    } else if ((b[j] == ':' || b[j] == '?' || b[j] == '+') && j + 1 < le &&
               b[j + 1] == '=')
        j += 2;
    else if (b[j] == ':' && (j + 1 >= le || b[j + 1] != ':'))
        j++;
    else if (b[j] == ',' && (header || before(ln->set, "set", ks)))
        j++; /* SetEnvironmentVariable("X", v), Add("User-Agent", v) */
    else if (b[j] == '(' && k != K_ENV && k != K_DISABLE)
        j++;
    else if (!(spaced && (dash || before(ln->env, "ENV ", ks))))
        return (size_t)-1; /* -UserAgent v, Dockerfile ENV X v */
    while (j < le && (b[j] == ' ' || b[j] == '\t'))
        j++;
    /* setUserAgent() with nothing in it is a declaration or a getter: no
     * value is set there. */
    if (j < le && b[j] == ')')
        return (size_t)-1;
    return j;
}

/* The end of a value: its closing quote, or the end of a bare word. */
static size_t
value_end(const char *b, size_t *vs, size_t le)
{
    size_t j = *vs;
    char q = j < le ? b[j] : '\0';

    if (q == '"' || q == '\'' || q == '`') {
        const char *e = memchr(b + j + 1, q, le - j - 1);

        *vs = j + 1;
        return e ? (size_t)(e - b) : le;
    }
    if (j + 2 < le && b[j] == '$' && b[j + 1] == '{' && b[j + 2] == '{')
        return le; /* ${{ secrets.X }}: spaces inside */
    while (j < le && !isspace((unsigned char)b[j]) && !strchr("\"';,()", b[j]))
        j++;
    return j;
}

/*
 * Whether whatever runs the file fills in the value at v when it runs:
 * shell, PowerShell, batch and pipeline variables and $(...) commands,
 * the {{ ... }} of Ansible and Helm, {0} format items, and {name}
 * interpolation in the languages of the SDKs (#{name} there is a '#'
 * before one).  Such a value is unresolved, not a placeholder: CUA-F25 is
 * about forms that nothing fills in, such as <GUID> or __PID__ (or {guid}
 * or #{PID}# in a shell script, which the shell leaves as written).
 */
static int
runtime_at(const char *v, size_t n, enum lang lang)
{
    if (n == 0)
        return 0;
    if (v[0] == '$' || v[0] == '%' ||
        (v[0] == '#' && n > 1 && v[1] == '{' && (lang == L_PY || lang == L_C)))
        return 1;
    /* {GUID}, the registry's form: a value, if one no pid takes. */
    if (aa_braced_guid(v, n))
        return 0;
    return v[0] == '{' &&
           (lang == L_PY || lang == L_C ||
            (n > 1 && (v[1] == '{' || isdigit((unsigned char)v[1]))));
}

/* Whether every '$' of v was written in single quotes: then "pid-$g" is
 * the text it shows, which no run fills in (struct val). */
static int
dollars_text(const struct val *v)
{
    size_t n = 0;

    for (size_t i = 0; i < v->n; i++)
        n += v->s[i] == '$';
    return n > 0 && n == v->sq_dollars;
}

/* runtime_at, but a '$' that is text ('lit': dollars_text) fills in
 * nothing. */
static int
runtime_text_at(const char *v, size_t n, enum lang lang, int lit)
{
    return !(lit && n > 0 && v[0] == '$') && runtime_at(v, n, lang);
}

/* ARM_PARTNER_ID: the forms partner_id accepts (CUA-F12).  Returns 0 when
 * the value is one the run fills in, and may be empty; 1 when it is set. */
static int
check_env(struct aa_scan *s, struct aa_scan_file *f, enum lang lang,
          const char *text, size_t off, const char *v, size_t n, int lit)
{
    size_t g = n >= 4 && strncasecmp(v, "pid-", 4) == 0 ? 4 : 0;
    int holes = memchr(v, AA_HOLE, n) != NULL;
    int ok = !holes && aa_partner_id_fits(v, n);
    char guid[37];

    /* Unknown parts that may still make an id: unresolved, not wrong. */
    if ((holes && aa_partner_id_fits(v, n)) ||
        runtime_text_at(v, n, lang, lit)) {
        if (holes)
            aa_scan_hit(s, f, AA_D_PID_UNRESOLVED, text, off, v, n);
        else
            aa_scan_hit(s, f, AA_D_PID_UNRESOLVED, text, off, AA_HOLE_STR, 1);
        return 0;
    }
    /* An empty one is no id in a wrong form: the providers read "" as
     * unset and send Terraform's own pid (CUA-F13). */
    if (n == 0) {
        aa_scan_hit(s, f, AA_D_ENV_PARTNER_ID_EMPTY, text, off, "", 0);
        return 0;
    }
    if (aa_pid_classify(v, n, guid) == AA_PID_PLACEHOLDER)
        aa_scan_hit(s, f, AA_D_PID_PLACEHOLDER, text, off, v,
                    n < MAX_SUBJECT ? n : MAX_SUBJECT);
    else if (ok && aa_guid_is_zero(v + g))
        aa_scan_hit(s, f, AA_D_PID_ZERO_GUID, text, off, v, n);
    else
        aa_scan_hit(s, f,
                    ok ? AA_D_ENV_PARTNER_ID : AA_D_ENV_PARTNER_ID_MALFORMED,
                    text, off, v, n < MAX_SUBJECT ? n : MAX_SUBJECT);
    return 1;
}

/* The values Terraform reads as true from the environment. */
static int
truthy(const char *v, size_t n)
{
    return (n == 1 && (v[0] == '1' || v[0] == 't' || v[0] == 'T')) ||
           (n == 4 && strncasecmp(v, "true", 4) == 0);
}

/* A user agent: "pid-<GUID>" anywhere in it (CUA-F14).  Returns whether
 * it said anything: a pid, a GUID without pid-, an unknown pid. */
static int
check_ua(struct aa_scan *s, struct aa_scan_file *f, enum lang lang,
         const char *text, size_t off, const char *v, size_t n,
         int guid_needs_context, int lit)
{
    char g[37], hole_pid[5] = {'p', 'i', 'd', '-', AA_HOLE};
    enum aa_pid_form form;

    for (size_t i = 0; i + 4 <= n; i++) {
        size_t t = i, ph;

        if ((v[i] != 'p' && v[i] != 'P') ||
            strncasecmp(v + i, "pid-", 4) != 0 || (i > 0 && is_word(v[i - 1])))
            continue;
        while (t < n && !isspace((unsigned char)v[t]) &&
               !strchr("\"'`;,)", v[t]))
            t++;
        if (runtime_text_at(v + i + 4, t - i - 4, lang, lit) ||
            (t > i + 4 && v[i + 4] == AA_HOLE)) {
            aa_scan_hit(s, f, AA_D_PID_UNRESOLVED, text, off, hole_pid, 5);
            return 1;
        }
        /* A placeholder may hold blanks: "pid-{{ guid }}" is one. */
        if ((ph = aa_placeholder_len(v + i + 4, n - i - 4)) > 0 &&
            i + 4 + ph > t)
            t = i + 4 + ph;
        form = aa_pid_classify(v + i, t - i, g);
        aa_scan_hit(s, f,
                    aa_pid_counts(form)          ? AA_D_UA_PID
                    : form == AA_PID_ZERO        ? AA_D_PID_ZERO_GUID
                    : form == AA_PID_PLACEHOLDER ? AA_D_PID_PLACEHOLDER
                                                 : AA_D_PID_BAD_GUID,
                    text, off, v + i,
                    /* "pid-" and the GUID, or Partner Center's ID whole,
                     * which a plan may name exactly (CUA-F15), whatever
                     * follows it ("/1.0", "]", ":"); one whose middle is
                     * no GUID is the whole token, as any other. */
                    g[0] && pc_whole(v + i, t - i) ? 54
                    : g[0]                         ? 40
                    : t - i < MAX_SUBJECT          ? t - i
                                                   : MAX_SUBJECT);
        return 1;
    }
    if (guid_needs_context)
        return 0;
    for (size_t i = 0; i + 36 <= n; i++)
        if (v[i + 8] == '-' && aa_guid_at(v + i, n - i) &&
            (i == 0 || !isalnum((unsigned char)v[i - 1]))) {
            aa_scan_hit(s, f, AA_D_UA_NO_PREFIX, text, off, v + i, 36);
            return 1;
        }
    return 0;
}

/* Whether a user agent with no pid in it may still get one when the file
 * runs: a part the scan could not resolve, or a form the run fills in. */
static int
ua_unknown(const struct val *v, enum lang lang)
{
    int lit = dollars_text(v);

    if (v->holes)
        return 1;
    for (size_t i = 0; i < v->n; i++)
        if (strchr("$%#{", v->s[i]) != NULL &&
            runtime_text_at(v->s + i, v->n - i, lang, lit))
            return 1;
    return 0;
}

static int
has_alnum(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (isalnum((unsigned char)s[i]))
            return 1;
    return 0;
}

/* A user agent whose value the scan has resolved in v, as written at
 * [vs, ve): a pid in it, or else what the file leaves unknown, or else a
 * user agent with no pid at all. */
static void
check_ua_value(struct aa_scan *s, struct aa_scan_file *f, enum lang lang,
               const char *text, size_t off, const struct val *v, size_t vs,
               size_t ve, enum key k, int context)
{
    size_t n;

    if (check_ua(s, f, lang, text, off, v->s, v->n, k == K_APPID && !context,
                 dollars_text(v)))
        return;
    if (v->nested || (k == K_APPID && !context))
        return; /* an application id may be Entra ID's: say nothing */
    if (ua_unknown(v, lang)) {
        /* Quote it as written: "$1", make_ua(), what the partner sees. */
        while (ve > vs && isspace((unsigned char)text[ve - 1]))
            ve--;
        if (ve - vs >= 2 && (text[vs] == '"' || text[vs] == '\'') &&
            text[ve - 1] == text[vs])
            vs++, ve--;
        if ((n = ve - vs) > MAX_WRITTEN) { /* cut, and show the cut */
            char cut[MAX_WRITTEN + 1];

            for (n = MAX_WRITTEN - 1;
                 n > 0 && ((unsigned char)text[vs + n] & 0xC0) == 0x80; n--)
                ;
            memcpy(cut, text + vs, n);
            cut[n++] = AA_HOLE;
            aa_scan_hit(s, f, AA_D_UA_UNRESOLVED, text, off, cut, n);
        } else {
            aa_scan_hit(s, f, AA_D_UA_UNRESOLVED, text, off, text + vs, n);
        }
    } else if (has_alnum(v->s, v->n)) { /* not "", "{", "-" */
        aa_scan_hit(s, f, AA_D_UA_NO_PID, text, off, v->s,
                    v->n < MAX_WRITTEN ? v->n : MAX_WRITTEN);
    }
}

/* k8s and Azure Pipelines lists: "- name: KEY" and "value: V" below. */
static size_t
value_below(const char *b, const struct line *ln, size_t ks, size_t len,
            size_t *nle)
{
    size_t j = ln->le + 1, e;
    const char *nl;

    if (ln->le >= len || !before(ln->name, "name:", ks))
        return (size_t)-1;
    nl = memchr(b + j, '\n', len - j);
    e = nl ? (size_t)(nl - b) : len;
    while (j < e && (b[j] == ' ' || b[j] == '\t'))
        j++;
    if (j + 6 > e || strncmp(b + j, "value:", 6) != 0)
        return (size_t)-1;
    for (j += 6; j < e && (b[j] == ' ' || b[j] == '\t');)
        j++;
    *nle = e;
    return j;
}

/* Whether the line starts (or holds) a command that creates a deployment:
 * az deployment ... create, az group deployment create, New-Az*Deployment. */
static int
deploy_command(const char *b, size_t ls, size_t le)
{
    size_t at = find_ci(b, ls, le, "az deployment ");

    if (at == (size_t)-1)
        at = find_ci(b, ls, le, "az group deployment ");
    if (at != (size_t)-1 && line_has(b, at, le, " create"))
        return 1;
    at = find_ci(b, ls, le, "new-az");
    if (at != (size_t)-1) {
        size_t e = at + 6;

        while (e < le && isalpha((unsigned char)b[e]))
            e++;
        return e - at >= 16 && strncasecmp(b + e - 10, "deployment", 10) == 0;
    }
    return 0;
}

/* Whether the line goes on to the next: a trailing \ (shell), ` (Power
 * Shell) or ^ (batch). */
static int
continued(const char *b, size_t ls, size_t le)
{
    while (le > ls && isspace((unsigned char)b[le - 1]))
        le--;
    return le > ls &&
           (b[le - 1] == '\\' || b[le - 1] == '`' || b[le - 1] == '^');
}

/* The option at b[i, e) that names a deployment, in a deployment command:
 * --name and -n (az), -Name and -DeploymentName (New-Az*). */
static int
deploy_name_option(const char *b, size_t ls, size_t i, size_t e)
{
    int one = i > ls && b[i - 1] == '-' && (i == ls + 1 || b[i - 2] != '-');
    int two = i > ls + 1 && b[i - 1] == '-' && b[i - 2] == '-';

    if (two)
        return e - i == 4 && strncmp(b + i, "name", 4) == 0;
    if (!one || (i > ls + 1 && !blank(b[i - 2])))
        return 0;
    return (e - i == 1 && b[i] == 'n') ||
           (e - i == 4 && strncasecmp(b + i, "name", 4) == 0) ||
           (e - i == 14 && strncasecmp(b + i, "deploymentname", 14) == 0);
}

/* The key a word at b[i] names, with its end in *e: the settings of
 * key_of, an HTTP User-Agent header (*header: 1, or 2 when the header
 * and its value are one string, "User-Agent: v"), curl -A, wget -U. */
static enum key
key_at(const char *b, const struct line *ln, size_t i, size_t *e, int *header)
{
    size_t ls = ln->ls, le = ln->le;

    *header = 0;
    /* User-Agent, not X-User-Agent or User-Agent-Suffix */
    if (i + 10 <= le && strncasecmp(b + i, "user-agent", 10) == 0 &&
        (i + 10 == le || (!is_word(b[i + 10]) && b[i + 10] != '-')) &&
        !(i > ls + 1 && b[i - 1] == '-' && is_word(b[i - 2]))) {
        *e = i + 10;
        if (i > ls && (b[i - 1] == '"' || b[i - 1] == '\'')) {
            *header = 1;
            if (*e < le && b[*e] == ':')
                *header = 2;
        }
        return K_UA;
    }
    if (*e == i + 1 && i >= ls + 2 && b[i - 1] == '-' && blank(b[i - 2]) &&
        ((b[i] == 'A' && before(ln->curl, "curl", i)) ||
         (b[i] == 'U' && before(ln->wget, "wget", i))))
        return K_UA;
    return key_of(b + i, *e - i);
}

/* Whether the user-agent key at b[i, e) of JavaScript or TypeScript is
 * one of the forms that set one there: a quoted header in an object
 * ({'User-Agent': v}, "User-Agent: v") or an SDK option (userAgentPrefix,
 * setUserAgent).  A variable or property named userAgent (a browser's
 * navigator.userAgent, a client's own field) and a header written
 * unquoted (HCL held in a template literal) set none: browser code sends
 * nothing to ARM (CUA-F14). */
static int
js_ua_form(const char *b, size_t i, size_t e, size_t le, int header)
{
    char w[10];
    size_t n = 0;

    if (e == i + 10 && strncasecmp(b + i, "user-agent", 10) == 0) {
        if (header == 2)
            return 1;
        if (header != 1 || e >= le || b[e] != b[i - 1])
            return 0;
        for (e++; e < le && blank(b[e]); e++)
            ;
        return e < le && b[e] == ':';
    }
    for (size_t k = i; k < e && n < sizeof(w); k++)
        if (b[k] != '_')
            w[n++] = (char)tolower((unsigned char)b[k]);
    return !(n == 9 && memcmp(w, "useragent", 9) == 0);
}

/* Whether the line's first word (after blanks) is one of the n words,
 * compared without case when 'fold'. */
static int
leads_with(const char *b, size_t ls, size_t le, const char *const *words,
           size_t n, int fold)
{
    size_t i = skip_blanks(b, ls, le);

    for (size_t k = 0; k < n; k++) {
        size_t m = strlen(words[k]);

        if (le - i > m &&
            (fold ? strncasecmp(b + i, words[k], m)
                  : strncmp(b + i, words[k], m)) == 0 &&
            blank(b[i + m]))
            return 1;
    }
    return 0;
}

/* Whether the PowerShell line [ls, le) removes the environment variable
 * whose name starts at ks: "Remove-Item Env:NAME" (Env:\NAME, Env:/NAME,
 * quoted or after -Path), also by the aliases every platform has. */
static int
ps_removes(const char *b, size_t ls, size_t ks, size_t le)
{
    static const char *const removers[] = {"Remove-Item", "ri", "del", "erase"};
    size_t p = ks > ls && (b[ks - 1] == '\\' || b[ks - 1] == '/') ? ks - 1 : ks;

    return p >= ls + 4 && strncasecmp(b + p - 4, "env:", 4) == 0 &&
           (p == ls + 4 || (!is_word(b[p - 5]) && b[p - 5] != '$')) &&
           leads_with(b, ls, le, removers,
                      sizeof(removers) / sizeof(removers[0]), 1);
}

/* Whether the line writes to a file a CI runner reads variables back
 * from. */
static int
writes_runner_env(const char *b, size_t ls, size_t le)
{
    return line_has(b, ls, le, "GITHUB_ENV") || line_has(b, ls, le, "BASH_ENV");
}

/* A line that prints text, as "echo ARM_PARTNER_ID=..." does, sets nothing
 * (it shows a setting, or writes one somewhere the scan cannot follow),
 * unless it writes to the file a CI runner reads variables back from, or
 * is an Azure Pipelines logging command. */
static int
prints_only(const char *b, size_t ls, size_t le, enum lang lang)
{
    static const char *const printers[] = {"echo", "printf", "Write-Host",
                                           "Write-Output"};

    if (lang != L_HASH && lang != L_PS)
        return 0;
    return leads_with(b, ls, le, printers,
                      sizeof(printers) / sizeof(printers[0]), 1) &&
           !writes_runner_env(b, ls, le) &&
           !line_has(b, ls, le, "##vso[task.setvariable");
}

/* The quote a shell line has open at 'to' (NAME=v inside "..." or
 * '...'), or 0, and in *open where it opened: carried on from where the
 * last call stopped (*at, with *q open there), as the line is read left
 * to right, so a line of many keys is read once. */
static char
quote_at(const char *b, size_t *at, char *q, size_t *open, size_t to)
{
    for (; *at < to; (*at)++)
        if (*q == 0 && (b[*at] == '"' || b[*at] == '\'')) {
            *q = b[*at];
            *open = *at;
        } else if (*q == '"' && b[*at] == '\\' && *at + 1 < to)
            (*at)++;
        else if (b[*at] == *q)
            *q = 0;
    return *q;
}

/* Whether the text [from, to) starts with export or its kin, or env. */
static int
leads_with_setter(const char *b, size_t from, size_t to)
{
    static const char *const setters[] = {"export",   "declare", "local",
                                          "readonly", "typeset", "env"};

    return leads_with(b, from, to, setters,
                      sizeof(setters) / sizeof(setters[0]), 0);
}

/* Whether a shell line can set NAME=... quoted whole: an argument of
 * another command sets nothing ("grep -q 'NAME=v' .env", "test
 * \"NAME=v\""); only export and its kin, env, or a line that writes it to
 * a CI runner's file set it.  (Quoted text that starts with one of them is
 * a command for a shell: scan_line asks leads_with_setter of it.) */
static int
sets_quoted(const char *b, size_t ls, size_t le)
{
    return leads_with_setter(b, ls, le) || writes_runner_env(b, ls, le);
}

/*
 * An Azure Pipelines logging command that sets the key at [ks, ke):
 * "##vso[task.setvariable variable=KEY;isOutput=true]value", printed by
 * echo, Write-Host or the like.  Returns where the value starts, just past
 * the ']' (whatever options come before it), with in *q the quote that
 * holds the command (0 for none), or (size_t)-1.
 */
static size_t
vso_value(const char *b, const struct line *ln, size_t ks, size_t ke, char *q)
{
    size_t at, j;

    if (ks < ln->ls + 9 || strncasecmp(b + ks - 9, "variable=", 9) != 0 ||
        (at = find_ci(b, ln->ls, ks, "##vso[task.setvariable")) == (size_t)-1)
        return (size_t)-1;
    for (j = ke; j < ln->le && b[j] != ']' && b[j] != '"' && b[j] != '\'';)
        j++;
    if (j >= ln->le || b[j] != ']' || (ke < j && b[ke] != ';'))
        return (size_t)-1;
    *q = 0;
    for (size_t k = ln->ls; k < at; k++)
        if (*q == 0 && (b[k] == '"' || b[k] == '\''))
            *q = b[k];
        else if (b[k] == *q)
            *q = 0;
    return j + 1;
}

/* The value of a logging command (vso_value): the rest of the string
 * that holds it, read as that string is read, or of the line. */
static size_t
vso_eval(const struct script *sc, size_t vs, size_t le, char q, struct val *v)
{
    if (q == '"')
        return sc->lang == L_PS ? ps_dq(sc, vs, le, 0, v)
                                : shell_dq(sc, vs, le, 0, v);
    if (q == '\'')
        return sq_literal(sc->b, vs, le, v);
    while (le > vs && blank(sc->b[le - 1]))
        le--;
    return literal(sc->b, vs, le, '\n', v);
}

/* The settings of one line [ls, le) of the blanked copy. */
static void
scan_line(struct aa_scan *s, struct aa_scan_file *f, struct script *sc,
          const char *text, size_t ls, size_t le)
{
    const char *b = sc->b;
    enum lang lang = sc->lang;
    size_t len = sc->len;

    aa_scan_steps_begin(s, f);
    int context = line_has(b, ls, le, "diagnostics") ||
                  line_has(b, ls, le, "telemetry") ||
                  line_has(b, ls, le, "options");
    struct line ln = {ls,
                      le,
                      find_ci(b, ls, le, "set"),
                      find_ci(b, ls, le, "ENV "),
                      find_ci(b, ls, le, "name:"),
                      find_ci(b, ls, le, "curl"),
                      find_ci(b, ls, le, "wget"),
                      sc->deploy || deploy_command(b, ls, le)};
    size_t qat = ls, qpos = ls; /* quote_at: read up to here, */
    char qopen = 0;             /* this quote open there, since qpos */
    /* Of the quote at qpos, read once: where it closes (from a value in
     * it on) and whether its text starts with export or kin. */
    size_t qseen = (size_t)-1, qshut = 0;
    int qcmd = 0;
    /* prints_only and sets_quoted of the line, and whether a shell reads
     * it, worked out at the first key that needs them: a line of many
     * keys is read once. */
    int printed = -1, sets = -1, shell = -1;

    for (size_t i = ls; i < le;) {
        size_t e = i, vs = (size_t)-1, ve, vle = le;
        enum key k;
        int header, vso;
        char vq = 0;

        if (!is_word(b[i]) || (i > ls && is_word(b[i - 1]))) {
            i++;
            continue;
        }
        while (e < le && is_word(b[e]))
            e++;
        if (sc->mention == (size_t)-1 && e - i == 3 && e < le && b[e] == '-' &&
            strncasecmp(b + i, "pid", 3) == 0 &&
            aa_guid_at(b + e + 1, le - e - 1))
            sc->mention = i;
        else if (sc->bad == (size_t)-1 && e - i == 3 && e < le && b[e] == '-' &&
                 strncasecmp(b + i, "pid", 3) == 0 &&
                 near_guid(b + e + 1, le - e - 1))
            sc->bad = i;
        if (sc->ymode == Y_TEXT) { /* text: only its pid texts count */
            i = e;
            continue;
        }
        if (ln.deploy && deploy_name_option(b, ls, i, e)) {
            struct val v = {0};
            char g[37];
            size_t j = skip_blanks(b, e, le);

            if (j < le && b[j] == '=')
                j++;
            if ((j > e || (j < le && blank(b[j]))) &&
                (j = skip_blanks(b, j, le)) < le) {
                (void)eval_value(sc, j, le, 0, &v);
                if (aa_pid_classify(v.s, v.n, g) == AA_PID_NO_PREFIX)
                    aa_scan_hit(s, f, AA_D_DEPLOYMENT_NO_PREFIX, text, i, v.s,
                                v.n < MAX_SUBJECT ? v.n : MAX_SUBJECT);
            }
            /* The name itself is read on: a pid- name is a pid text. */
            i = e;
            continue;
        }
        k = key_at(b, &ln, i, &e, &header);
        if (k == K_UA && sc->dialect == 'j' && !js_ua_form(b, i, e, le, header))
            k = K_NONE;
        vso = 0;
        if (k != K_NONE && k != K_APPID && lang != L_PY && lang != L_C &&
            (vs = vso_value(b, &ln, i, e, &vq)) != (size_t)-1) {
            vso = 1; /* the value follows the command's ']' */
        } else if (k != K_NONE && header == 2) {
            /* "User-Agent: v" in one string: the value is the rest of it */
            vs = skip_blanks(b, e + 1, le);
        } else if (k != K_NONE) {
            if (shell < 0)
                shell = sc->shell == 'a' ||
                        (sc->shell == 'y' && sc->ymode == Y_SCRIPT) ||
                        (sc->shell == 'm' && b[ls] == '\t');
            vs = value_start(b, &ln, i, e, k, header == 1, shell);
            if (vs == (size_t)-1 && rest_blank(b, e, le))
                vs = value_below(b, &ln, i, len, &vle);
            if (sc->ymode == Y_SCRIPT && yaml_key_line(b, ls, i, e, le))
                vs = (size_t)-1; /* YAML-looking text in a script */
        }
        /* "unset ARM_PARTNER_ID", PowerShell's "Remove-Item
         * Env:ARM_PARTNER_ID": the runs after it have none, as after an
         * empty setting; with nothing set above it, it sets nothing. */
        if (k == K_ENV && vs == (size_t)-1 && sc->env_set &&
            ((lang == L_HASH &&
              word_at(b, skip_blanks(b, ls, le), le, "unset")) ||
             (lang == L_PS && ps_removes(b, ls, i, le))))
            (void)check_env(s, f, lang, text, i, "", 0, 0);
        if (vs != (size_t)-1 && !(k == K_APPID && i > ls && b[i - 1] == '-')) {
            struct val v = {0};
            char q = lang == L_HASH && e < le &&
                             (b[e] == '=' || (sc->ykeys && b[e] == ':'))
                         ? quote_at(b, &qat, &qopen, &qpos, i)
                         : 0;

            if (q != 0 && qseen != qpos) {
                qseen = qpos;
                qshut = 0; /* not looked for yet */
                qcmd = leads_with_setter(b, qpos + 1, le);
            }

            if (k == K_DISABLE) { /* the last setting is the one that holds */
                ve = value_end(b, &vs, vle);
                while (ve > vs && (b[ve - 1] == '"' || b[ve - 1] == '\'' ||
                                   b[ve - 1] == '\r'))
                    ve--;
                sc->disable = truthy(b + vs, ve - vs) ? i : (size_t)-1;
            } else {
                if (vso) {
                    ve = vso_eval(sc, vs, vle, vq, &v);
                } else if (header == 2) {
                    char hq = b[i - 1];

                    ve =
                        hq == '"' && lang != L_PS && lang != L_PY && lang != L_C
                            ? shell_dq(sc, vs, vle, 0, &v)
                            : literal(b, vs, vle, hq, &v);
                } else {
                    /* "NAME=v" quoted whole: the value ends with the
                     * quote that opened before the name, found once a
                     * quote (its keys' values start further on). */
                    if (q != 0 && qshut < vs) {
                        const char *close = memchr(b + vs, q, vle - vs);

                        qshut = close ? (size_t)(close - b) : vle;
                    }
                    ve = eval_value(sc, vs, q != 0 && qshut < vle ? qshut : vle,
                                    0, &v);
                }
                while (v.n > 0 && v.s[v.n - 1] == '\r')
                    v.n--;
                if (k == K_ENV && printed < 0)
                    printed = prints_only(b, ls, le, lang);
                if (k == K_ENV && q != 0 && sets < 0)
                    sets = sets_quoted(b, ls, le);
                /* Quoted text that starts with export is a command for a
                 * shell (qcmd): "bash -c 'export NAME=v'", "- bash:
                 * 'export NAME=v'".  In YAML, "NAME: v" inside a quoted scalar
                 * is text (a displayName), never a key. */
                if (k == K_ENV &&
                    (printed || (q != 0 && (b[e] == ':' || !(sets || qcmd))))) {
                    ; /* shown, an argument, or text: not set */
                } else if (k == K_ENV) {
                    sc->env_set = 1;
                    if (check_env(s, f, lang, text, i, v.s, v.n,
                                  dollars_text(&v))) {
                        memcpy(sc->env, v.s, v.n);
                        sc->nenv = v.n;
                    }
                } else {
                    check_ua_value(s, f, lang, text, i, &v, vs, ve, k, context);
                }
            }
            /* A key inside a value is part of the value. */
            if (vle == le && ve > e)
                e = ve;
        }
        i = e;
    }
    sc->deploy = ln.deploy && continued(b, ls, le);
}

static int
ends_ci(const char *s, const char *tail)
{
    size_t n = strlen(s), k = strlen(tail);

    return n >= k && strcasecmp(s + n - k, tail) == 0;
}

int
aa_scan_script(struct aa_scan *s, struct aa_scan_file *f, const char *text,
               size_t len, struct aa_diags *dl)
{
    char *b = aa_xmalloc(len + 1);
    const char *base = strrchr(f->path, '/');
    struct script sc = {0};
    size_t ls = 0, cur = 0;

    (void)dl; /* scripts are read leniently: nothing makes one malformed */
    base = base ? base + 1 : f->path;
    sc.lang = lang_of(f->path);
    sc.s = s;
    sc.f = f;
    sc.text = text;
    sc.dialect = sc.lang == L_C ? dialect_of(f->path) : 0;
    sc.yaml = ends_ci(base, ".yml") || ends_ci(base, ".yaml");
    sc.macro = sc.yaml || strcmp(base, "Makefile") == 0 || ends_ci(base, ".mk");
    if (sc.lang == L_HASH)
        sc.shell = sc.yaml    ? 'y'
                   : sc.macro ? 'm'
                   : ends_ci(base, ".sh") || ends_ci(base, ".bash") ||
                           ends_ci(base, ".zsh") ||
                           (len >= 2 && text[0] == '#' && text[1] == '!')
                       ? 'a'
                       : 0;
    sc.b = b;
    sc.len = len;
    sc.mention = sc.disable = sc.bad = (size_t)-1;
    sc.ykeys = sc.yaml;
    memcpy(b, text, len + 1);
    blank_comments(b, len, sc.lang);
    if (sc.yaml)
        yaml_prepare(&sc, b);
    collect_defs(&sc);
    while (ls < len) {
        const char *nl = memchr(b + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - b) : len;

        set_ymode(&sc, &cur, ls);
        scan_line(s, f, &sc, text, ls, le);
        ls = le + 1;
    }
    for (size_t i = 0; i < sc.ndefs; i++)
        free(sc.defs[i].val);
    free(sc.defs);
    free(sc.yb);
    free(b);
    /* The switch drops only Terraform's own pid, never a set id (F13). */
    if (sc.disable != (size_t)-1 && sc.nenv > 0)
        aa_scan_hit(s, f, AA_D_TF_DISABLE_NO_EFFECT, text, sc.disable, sc.env,
                    sc.nenv < MAX_SUBJECT ? sc.nenv : MAX_SUBJECT);
    /* A pid text that reaches no setting the scan knows is worth a line:
     * the file is listed, and says no more than that (context).  Partner
     * Center's ID is quoted whole, as a plan names it (CUA-F15). */
    if (f->nhits == 0 && sc.mention != (size_t)-1) {
        size_t q = 40;

        if (pc_whole(text + sc.mention, len - sc.mention))
            q = 54;
        aa_scan_hit(s, f, AA_D_SCRIPT_PID_TEXT, text, sc.mention,
                    text + sc.mention, q);
    }
    /* A pid meant for something the scan does not read, whose GUID has a
     * digit too many or too few, is wrong wherever it goes (CUA-F06). */
    if (f->nhits == 0 && sc.bad != (size_t)-1)
        aa_scan_hit(s, f, AA_D_PID_BAD_GUID, text, sc.bad, text + sc.bad,
                    near_guid(text + sc.bad + 4, len - sc.bad - 4) + 4);
    aa_scan_script_status(f);
    return 0;
}

void
aa_scan_script_status(struct aa_scan_file *f)
{
    size_t said = 0;

    /* A clearing that costs nothing says nothing of the script. */
    for (size_t k = 0; k < f->nhits; k++)
        said += f->hits[k].what != AA_D_ENV_PARTNER_ID_EMPTY_NO_EFFECT;
    f->status = AA_SCAN_CONTEXT;
    /* A valid pid beside a setting that carries a broken one attributes
     * only part of what the script runs: at risk, not attributed. */
    if ((aa_scan_has(f, AA_D_UA_PID) || aa_scan_has(f, AA_D_ENV_PARTNER_ID)) &&
        (aa_scan_has(f, AA_D_UA_NO_PREFIX) ||
         aa_scan_has(f, AA_D_ENV_PARTNER_ID_MALFORMED) ||
         aa_scan_has(f, AA_D_ENV_PARTNER_ID_EMPTY) ||
         aa_scan_has(f, AA_D_PID_BAD_GUID) ||
         aa_scan_has(f, AA_D_PID_ZERO_GUID)))
        f->status = AA_SCAN_AT_RISK;
    else if (aa_scan_has(f, AA_D_UA_PID) || aa_scan_has(f, AA_D_ENV_PARTNER_ID))
        f->status = AA_SCAN_ATTRIBUTED;
    else if (aa_scan_has(f, AA_D_PID_UNRESOLVED) ||
             aa_scan_has(f, AA_D_UA_UNRESOLVED))
        f->status = AA_SCAN_AT_RISK;
    else if (said > 0 && !aa_scan_has(f, AA_D_SCRIPT_PID_TEXT))
        f->status = AA_SCAN_NOT_ATTRIBUTED;
}
