/*
 * scan_script.c -- CUA evidence in scripts, CI files and SDK code: the
 * AZURE_HTTP_USER_AGENT and ARM_PARTNER_ID variables and the user-agent
 * settings of Azure SDK clients (CUA-F12, F14).
 *
 * ARM_DISABLE_TERRAFORM_PARTNER_ID beside an ARM_PARTNER_ID of the same
 * script is reported as the provider flag is in Terraform (CUA-F13).
 *
 * The text is first copied with its comments blanked (same length,
 * newlines kept) by the comment syntax of the file's language.  The copy
 * is then read a line at a time for KEY sep VALUE, so a hit's offset in
 * the copy is its offset in the file.
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
 *   value   := quote { any } quote | bare
 */
#include "scan.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_SUBJECT 200

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
    size_t set, env, name;
};

/* What one script sets across its lines. */
struct script {
    size_t disable;  /* where ARM_DISABLE_TERRAFORM_PARTNER_ID is on, or -1 */
    const char *env; /* the last ARM_PARTNER_ID with a value, or NULL */
    size_t nenv;
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

/* Blank the comments of 'b' (a copy of the text) in place. */
static void
blank_comments(char *b, size_t len, enum lang lang)
{
    char quote = 0;
    size_t i = 0, e;

    while (i < len) {
        char c = b[i], d = i + 1 < len ? b[i + 1] : '\0';
        const char *nl;

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

/* Nothing but a closing quote and blanks from e to the line's end. */
static int
rest_blank(const char *b, size_t e, size_t le)
{
    if (e < le && (b[e] == '"' || b[e] == '\''))
        e++;
    while (e < le && (b[e] == ' ' || b[e] == '\t' || b[e] == '\r'))
        e++;
    return e == le;
}

/* The first place of needle in b[from, to), case aside, or (size_t)-1. */
static size_t
find_ci(const char *b, size_t from, size_t to, const char *needle)
{
    size_t k = strlen(needle);

    for (size_t i = from; i + k <= to; i++)
        if (strncasecmp(b + i, needle, k) == 0)
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

/* Where the value of the key ending at 'e' starts, or (size_t)-1 when
 * the key is not being set here (a read such as $ARM_PARTNER_ID). */
static size_t
value_start(const char *b, const struct line *ln, size_t ks, size_t e,
            enum key k)
{
    size_t j = e, ls = ln->ls, le = ln->le;
    int blank = 0, dash = ks > ls && b[ks - 1] == '-';

    if (ks > ls && (b[ks - 1] == '$' || b[ks - 1] == '%' ||
                    (b[ks - 1] == '{' && ks > ls + 1 && b[ks - 2] == '$')))
        return (size_t)-1;
    if (j < le && (b[j] == '"' || b[j] == '\''))
        j++;
    if (j < le && b[j] == ']')
        j++;
    while (j < le && (b[j] == ' ' || b[j] == '\t'))
        j++, blank = 1;
    if (j >= le)
        return (size_t)-1;
    if (b[j] == '=' && (j + 1 >= le || b[j + 1] != '='))
        j++;
    else if ((b[j] == ':' || b[j] == '?' || b[j] == '+') && j + 1 < le &&
             b[j + 1] == '=')
        j += 2;
    else if (b[j] == ':' && (j + 1 >= le || b[j + 1] != ':'))
        j++;
    else if (b[j] == ',' && before(ln->set, "set", ks))
        j++; /* SetEnvironmentVariable("X", v), os.Setenv("X", v) */
    else if (b[j] == '(' && k != K_ENV && k != K_DISABLE)
        j++;
    else if (!(blank && (dash || before(ln->env, "ENV ", ks))))
        return (size_t)-1; /* -UserAgent v, Dockerfile ENV X v */
    while (j < le && (b[j] == ' ' || b[j] == '\t'))
        j++;
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
 * Groovy's #{...}, the {{ ... }} of Ansible and Helm, {0} format items,
 * and {name} interpolation in the languages of the SDKs.  Such a value is
 * unresolved, not a placeholder: CUA-F25 is about forms that nothing
 * fills in, such as <GUID> or __PID__ (or {guid} in a shell script).
 */
static int
runtime_at(const char *v, size_t n, enum lang lang)
{
    if (n == 0)
        return 0;
    if (v[0] == '$' || v[0] == '%' || (v[0] == '#' && n > 1 && v[1] == '{'))
        return 1;
    return v[0] == '{' &&
           (lang == L_PY || lang == L_C ||
            (n > 1 && (v[1] == '{' || isdigit((unsigned char)v[1]))));
}

/* ARM_PARTNER_ID: the forms partner_id accepts (CUA-F12).  Returns 0 when
 * the value is one the run fills in, and may be empty; 1 when it is set. */
static int
check_env(struct aa_scan *s, struct aa_scan_file *f, enum lang lang,
          const char *text, size_t off, const char *v, size_t n)
{
    size_t g = n >= 4 && strncasecmp(v, "pid-", 4) == 0 ? 4 : 0;
    int ok = memchr(v, AA_HOLE, n) == NULL && aa_partner_id_fits(v, n);
    char guid[37];

    if (runtime_at(v, n, lang)) {
        aa_scan_hit(s, f, AA_D_PID_UNRESOLVED, text, off, AA_HOLE_STR, 1);
        return 0;
    }
    if (aa_pid_classify(v, n, guid) == AA_PID_PLACEHOLDER)
        aa_scan_hit(s, f, AA_D_PID_PLACEHOLDER, text, off, v,
                    n < MAX_SUBJECT ? n : MAX_SUBJECT);
    else if (ok && strspn(v + g, "0-") >= 36)
        aa_scan_hit(s, f, AA_D_PID_ZERO_GUID, text, off, v, n);
    else
        aa_scan_hit(s, f,
                    ok ? AA_D_ENV_PARTNER_ID : AA_D_ENV_PARTNER_ID_MALFORMED,
                    text, off, v, n < MAX_SUBJECT ? n : MAX_SUBJECT);
    return n > 0; /* an empty one is no id: Terraform sends its own */
}

/* The values Terraform reads as true from the environment. */
static int
truthy(const char *v, size_t n)
{
    return (n == 1 && (v[0] == '1' || v[0] == 't' || v[0] == 'T')) ||
           (n == 4 && strncasecmp(v, "true", 4) == 0);
}

/* A user agent: "pid-<GUID>" anywhere in it (CUA-F14). */
static void
check_ua(struct aa_scan *s, struct aa_scan_file *f, enum lang lang,
         const char *text, size_t off, const char *v, size_t n,
         int guid_needs_context)
{
    char g[37], hole[5] = {'p', 'i', 'd', '-', AA_HOLE};
    enum aa_pid_form form;

    for (size_t i = 0; i + 4 <= n; i++) {
        size_t t = i, ph;

        if (strncasecmp(v + i, "pid-", 4) != 0 || (i > 0 && is_word(v[i - 1])))
            continue;
        while (t < n && !isspace((unsigned char)v[t]) &&
               !strchr("\"'`;,)", v[t]))
            t++;
        if (runtime_at(v + i + 4, t - i - 4, lang)) {
            aa_scan_hit(s, f, AA_D_PID_UNRESOLVED, text, off, hole, 5);
            return;
        }
        /* A placeholder may hold blanks: "pid-{{ guid }}" is one. */
        if ((ph = aa_placeholder_len(v + i + 4, n - i - 4)) > 0 &&
            i + 4 + ph > t)
            t = i + 4 + ph;
        form = aa_pid_classify(v + i, t - i, g);
        aa_scan_hit(s, f,
                    form == AA_PID_VALID || form == AA_PID_PARTNERCENTER
                        ? AA_D_UA_PID
                    : form == AA_PID_ZERO        ? AA_D_PID_ZERO_GUID
                    : form == AA_PID_PLACEHOLDER ? AA_D_PID_PLACEHOLDER
                                                 : AA_D_PID_BAD_GUID,
                    text, off, v + i,
                    g[0]                  ? 40 /* "pid-" and the GUID */
                    : t - i < MAX_SUBJECT ? t - i
                                          : MAX_SUBJECT);
        return;
    }
    if (guid_needs_context)
        return;
    for (size_t i = 0; i + 36 <= n; i++)
        if (aa_guid_at(v + i, n - i) &&
            (i == 0 || !isalnum((unsigned char)v[i - 1]))) {
            aa_scan_hit(s, f, AA_D_UA_NO_PREFIX, text, off, v + i, 36);
            return;
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

/* The settings of one line [ls, le) of the blanked copy. */
static void
scan_line(struct aa_scan *s, struct aa_scan_file *f, struct script *sc,
          enum lang lang, const char *text, const char *b, size_t ls, size_t le,
          size_t len)
{
    int context = line_has(b, ls, le, "diagnostics") ||
                  line_has(b, ls, le, "telemetry") ||
                  line_has(b, ls, le, "options");
    struct line ln = {ls, le, find_ci(b, ls, le, "set"),
                      find_ci(b, ls, le, "ENV "), find_ci(b, ls, le, "name:")};

    for (size_t i = ls; i < le;) {
        size_t e = i, vs, ve, vle = le;
        enum key k;

        if (!is_word(b[i]) || (i > ls && is_word(b[i - 1]))) {
            i++;
            continue;
        }
        while (e < le && is_word(b[e]))
            e++;
        k = key_of(b + i, e - i);
        vs = k == K_NONE ? (size_t)-1 : value_start(b, &ln, i, e, k);
        if (k != K_NONE && vs == (size_t)-1 && rest_blank(b, e, le))
            vs = value_below(b, &ln, i, len, &vle);
        if (vs != (size_t)-1 && !(k == K_APPID && i > ls && b[i - 1] == '-')) {
            ve = value_end(b, &vs, vle);
            while (ve > vs &&
                   (b[ve - 1] == '"' || b[ve - 1] == '\'' || b[ve - 1] == '\r'))
                ve--;
            if (k == K_DISABLE) { /* the last setting is the one that holds */
                sc->disable = truthy(b + vs, ve - vs) ? i : (size_t)-1;
            } else if (k == K_ENV) {
                if (check_env(s, f, lang, text, i, b + vs, ve - vs)) {
                    sc->env = text + vs;
                    sc->nenv = ve - vs;
                }
            } else {
                check_ua(s, f, lang, text, i, b + vs, ve - vs,
                         k == K_APPID && !context);
            }
            /* A key inside a value is part of the value. */
            if (vle == le && ve > e)
                e = ve;
        }
        i = e;
    }
}

int
aa_scan_script(struct aa_scan *s, struct aa_scan_file *f, const char *text,
               size_t len, struct aa_diags *dl)
{
    char *b = aa_xmalloc(len + 1);
    size_t ls = 0;
    enum lang lang = lang_of(f->path);
    struct script sc = {(size_t)-1, NULL, 0};

    (void)dl; /* scripts are read leniently: nothing makes one malformed */
    memcpy(b, text, len + 1);
    blank_comments(b, len, lang);
    while (ls < len) {
        const char *nl = memchr(b + ls, '\n', len - ls);
        size_t le = nl ? (size_t)(nl - b) : len;

        scan_line(s, f, &sc, lang, text, b, ls, le, len);
        ls = le + 1;
    }
    free(b);
    /* The switch drops only Terraform's own pid, never a set id (F13). */
    if (sc.disable != (size_t)-1 && sc.env != NULL)
        aa_scan_hit(s, f, AA_D_TF_DISABLE_NO_EFFECT, text, sc.disable, sc.env,
                    sc.nenv < MAX_SUBJECT ? sc.nenv : MAX_SUBJECT);
    f->status = AA_SCAN_CONTEXT;
    if (aa_scan_has(f, AA_D_UA_PID) || aa_scan_has(f, AA_D_ENV_PARTNER_ID))
        f->status = AA_SCAN_ATTRIBUTED;
    else if (aa_scan_has(f, AA_D_PID_UNRESOLVED))
        f->status = AA_SCAN_AT_RISK;
    else if (f->nhits > 0)
        f->status = AA_SCAN_NOT_ATTRIBUTED;
    return 0;
}
