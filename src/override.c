/*
 * override.c -- fields given on the command line (--set POINTER=VALUE):
 * parsed and checked against the contract table once, before anything is
 * read, then written over every scenario as it is loaded, or made into a
 * scenario of their own when no file is named.
 *
 * A value is typed by its field, as the loader types JSON: a string is
 * taken as written; a boolean is true or false (or yes or no, as reports
 * ask); an integer is written in digits; an enum is one of the row's
 * values; an array is a comma-separated list, each item trimmed of
 * blanks, and an empty VALUE is the empty array.  So the command line
 * can hold nothing a file could not, and the rules never see a value
 * whose type the contract does not give.  Problems are messages for a
 * usage error: the value is on the command line, with no line or column.
 * Invariant: every entry holds one valid value for one user-writable,
 * non-object row, at most one entry per row (a later --set replaces).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib_advise.h"
#include "contract.h"
#include "limits.h"
#include "scenario.h"

struct entry {
    int row;
    struct aa_val val; /* strings in the override's arena */
};

struct aa_override {
    struct aa_arena arena;
    struct entry *v;
    size_t n, cap;
};

struct aa_override *
aa_override_new(void)
{
    struct aa_override *ov = aa_xcalloc(1, sizeof(*ov));

    aa_arena_init(&ov->arena);
    return ov;
}

void
aa_override_free(struct aa_override *ov)
{
    if (ov == NULL)
        return;
    free(ov->v);
    aa_arena_fini(&ov->arena);
    free(ov);
}

size_t
aa_override_count(const struct aa_override *ov)
{
    return ov != NULL ? ov->n : 0;
}

static char *fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A message as the caller frees it. */
static char *
fail(const char *fmt, ...)
{
    va_list ap;
    char *s;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    s = aa_xmalloc(n > 0 ? (size_t)n + 1 : 1);
    s[0] = '\0';
    va_start(ap, fmt);
    vsnprintf(s, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
    va_end(ap);
    return s;
}

/* The field the user probably meant by an unknown pointer, segment by
 * segment ("/customer/agrement" -> "/customer/agreement"), as a heap
 * string; NULL when a segment is not close to any.  A dotted name
 * ("customer.agreement", as the docs write fields in prose) is read as
 * the pointer it spells. */
static char *
suggest_pointer(const char *ptr)
{
    char *buf = aa_xmalloc(strlen(ptr) + 64 * 8);
    size_t len = 0;
    int row = AA_FIELD_ROOT, dotted = ptr[0] != '/';
    const char *p = ptr + (ptr[0] == '/');

    buf[0] = '\0';
    while (*p != '\0') {
        size_t n = strcspn(p, dotted ? "./" : "/");
        char seg[256];
        int child;

        snprintf(seg, sizeof(seg), "%.*s", (int)n, p);
        child = aa_contract_child(row, seg, strlen(seg));
        if (child < 0) {
            const char *k = aa_contract_suggest_key(row, seg);

            child = k != NULL ? aa_contract_child(row, k, strlen(k)) : -1;
        }
        if (child < 0 || len + strlen(aa_fields[child].key) + 2 > 64 * 8) {
            free(buf);
            return NULL;
        }
        len += (size_t)sprintf(buf + len, "/%s", aa_fields[child].key);
        row = child;
        p += n;
        if (*p != '\0')
            p++;
    }
    if (row == AA_FIELD_ROOT || aa_fields[row].derived ||
        strcmp(buf, ptr) == 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* "a, b or c" and the closest to 'word', as the loader says it. */
static char *
not_allowed(const char *ptr, int row, const char *word)
{
    char allowed[512];
    const char *hint = aa_contract_suggest_value(row, word);

    aa_contract_values_text(row, allowed, sizeof(allowed));
    return fail("--set %s: '%s' is not allowed; expected one of %s%s%s%s", ptr,
                word, allowed, hint ? " (did you mean '" : "", hint ? hint : "",
                hint ? "'?)" : "");
}

/* One scalar of row 'row' from its text; fills v or returns why not. */
static char *
take_scalar(struct aa_override *ov, const char *ptr, int row, const char *text,
            struct aa_val *v)
{
    const struct aa_field *f = &aa_fields[row];

    if (strlen(text) > aa_limit(AA_LIMIT_STRING))
        return fail("--set %s: a string longer than %zu bytes (--limit "
                    "string-length=N)",
                    ptr, aa_limit(AA_LIMIT_STRING));
    v->present = 1;
    switch (f->type) {
    case AA_T_BOOL:
        if (strcmp(text, "true") == 0 || strcmp(text, "yes") == 0)
            v->b = 1;
        else if (strcmp(text, "false") == 0 || strcmp(text, "no") == 0)
            v->b = 0;
        else
            return fail("--set %s: expected true or false (or yes or no), "
                        "got '%s'",
                        ptr, text);
        break;
    case AA_T_INT: {
        const char *d = text + (text[0] == '-');

        if (*d == '\0' || strspn(d, "0123456789") != strlen(d) ||
            strlen(d) > 15)
            return fail("--set %s: expected an integer, got '%s'", ptr, text);
        v->n = strtod(text, NULL);
        break;
    }
    case AA_T_ENUM:
    case AA_T_ENUM_ARRAY:
        v->type = AA_T_ENUM;
        v->e = aa_contract_enum_index(row, text, strlen(text));
        if (v->e < 0)
            return not_allowed(ptr, row, text);
        v->s = f->values[v->e];
        return NULL;
    default:
        v->s = aa_arena_strdup(&ov->arena, text);
        break;
    }
    v->type =
        (unsigned char)(f->type == AA_T_STRING_ARRAY ? AA_T_STRING : f->type);
    return NULL;
}

/* "a, b ,c" -> the items, trimmed; "" -> none. */
static char *
take_array(struct aa_override *ov, const char *ptr, int row, const char *text,
           struct aa_val *v)
{
    size_t cap = 1;
    const char *p;

    for (p = text; *p != '\0'; p++)
        cap += *p == ',';
    v->present = 1;
    v->type = (unsigned char)aa_fields[row].type;
    v->items = aa_arena_alloc(&ov->arena, cap * sizeof(*v->items));
    v->nitems = 0;
    for (p = text; *p == ' ' || *p == '\t'; p++)
        ;
    if (*p == '\0')
        return NULL;
    for (p = text;;) {
        size_t n = strcspn(p, ","), b = 0;
        char *item;
        char *why;

        while (b < n && (p[b] == ' ' || p[b] == '\t'))
            b++;
        while (n > b && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        item = aa_xasprintf("%.*s", (int)(n - b), p + b);
        if (item[0] == '\0')
            why = fail("--set %s: an empty item in '%s'", ptr, text);
        else
            why = take_scalar(ov, ptr, row, item, &v->items[v->nitems]);
        free(item);
        if (why != NULL)
            return why;
        v->nitems++;
        p += strcspn(p, ",");
        if (*p == '\0')
            return NULL;
        p++;
    }
}

char *
aa_override_add(struct aa_override *ov, const char *spec)
{
    const char *eq = strchr(spec, '=');
    char *ptr, *why = NULL, *hint;
    struct aa_val v;
    int row;

    if (eq == NULL || eq == spec)
        return fail("--set takes POINTER=VALUE, such as "
                    "/customer/agreement=ea; got '%s'",
                    spec);
    ptr = aa_xasprintf("%.*s", (int)(eq - spec), spec);
    row = ptr[0] == '/' ? aa_contract_find(ptr) : -1;
    /* As a plan file's text must be (its reader refuses the rest): the
     * bytes are not echoed, a terminal would take them as they come. */
    for (size_t i = 0, n = strlen(eq + 1), k; row >= 0 && i < n; i += k)
        if ((k = aa_utf8_len((const unsigned char *)eq + 1 + i, n - i)) == 0) {
            why = fail("--set %s: the value is not UTF-8 text (byte %zu of "
                       "it)",
                       ptr, i + 1);
            free(ptr);
            return why;
        }
    if (row < 0) {
        hint = suggest_pointer(ptr);
        why = fail("--set %s: %s%s%s%s", ptr,
                   ptr[0] == '/' ? "no such field in contract v1"
                                 : "a field is named by its JSON Pointer, "
                                   "which starts with '/'",
                   hint ? " (did you mean '" : "", hint ? hint : "",
                   hint ? "'?)" : "");
        free(hint);
        goto out;
    }
    if (aa_fields[row].derived) {
        int src = aa_contract_source(row);

        why = fail("--set %s: attrib-advise fills this in from %s; it "
                   "cannot be set",
                   ptr, src >= 0 ? aa_fields[src].ptr : "the advice");
        goto out;
    }
    if (aa_fields[row].type == AA_T_OBJECT) {
        int first = -1;

        for (size_t i = (size_t)row + 1; first < 0 && i < aa_field_count; i++)
            if (aa_fields[i].parent == row && !aa_fields[i].derived)
                first = (int)i;
        why = fail("--set %s: an object; set its fields one by one, such as "
                   "%s",
                   ptr, first >= 0 ? aa_fields[first].ptr : "/version");
        goto out;
    }
    memset(&v, 0, sizeof(v));
    if (aa_fields[row].type == AA_T_STRING_ARRAY ||
        aa_fields[row].type == AA_T_ENUM_ARRAY)
        why = take_array(ov, ptr, row, eq + 1, &v);
    else
        why = take_scalar(ov, ptr, row, eq + 1, &v);
    if (why == NULL && row == aa_contract_find("/version") && v.n != 1)
        why = fail("--set %s: this build reads contract version 1", ptr);
    if (why != NULL)
        goto out;
    for (size_t i = 0; i < ov->n; i++)
        if (ov->v[i].row == row) { /* the last one given wins */
            ov->v[i].val = v;
            goto out;
        }
    if (ov->n == ov->cap) {
        ov->cap = ov->cap ? ov->cap * 2 : 8;
        ov->v = aa_xrealloc(ov->v, ov->cap, sizeof(*ov->v));
    }
    ov->v[ov->n].row = row;
    ov->v[ov->n++].val = v;
out:
    free(ptr);
    return why;
}

/* A copy of v whose strings live in sc's arena, with no position: the
 * value is not in the file, so findings point at its parent. */
static struct aa_val
copy_val(struct aa_scenario *sc, const struct aa_val *v)
{
    struct aa_val c = *v;

    c.line = c.col = 0;
    if (v->type == AA_T_STRING && v->s != NULL)
        c.s = aa_arena_strdup(&sc->arena, v->s);
    if (v->nitems > 0) {
        c.items = aa_arena_alloc(&sc->arena, v->nitems * sizeof(*c.items));
        for (size_t k = 0; k < v->nitems; k++)
            c.items[k] = copy_val(sc, &v->items[k]);
    }
    return c;
}

void
aa_override_apply(const struct aa_override *ov, struct aa_scenario *sc)
{
    for (size_t i = 0; ov != NULL && i < ov->n; i++) {
        int row = ov->v[i].row;

        sc->vals[row] = copy_val(sc, &ov->v[i].val);
        for (int p = aa_fields[row].parent; p >= 0; p = aa_fields[p].parent)
            if (!sc->vals[p].present) {
                sc->vals[p].present = 1;
                sc->vals[p].type = AA_T_OBJECT;
            }
    }
    if (ov != NULL && ov->n > 0)
        aa_scenario_derive(sc);
}

struct aa_scenario *
aa_override_scenario(const struct aa_override *ov, const char *name)
{
    struct aa_scenario *sc = aa_scenario_new(name);
    int version = aa_contract_find("/version");

    sc->vals[AA_FIELD_ROOT].present = 1;
    sc->vals[AA_FIELD_ROOT].type = AA_T_OBJECT;
    /* The contract this build reads: there is no file to say otherwise. */
    sc->vals[version].present = 1;
    sc->vals[version].type = AA_T_INT;
    sc->vals[version].n = 1;
    aa_override_apply(ov, sc);
    return sc;
}
