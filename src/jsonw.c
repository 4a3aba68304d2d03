/*
 * jsonw.c -- indented JSON text from a cJSON tree, written straight into
 * one growing buffer: no per-value allocation, since batch runs print
 * hundreds of thousands of reports.  Values are kept exact, but the text
 * is safe to print: every character text.h would not show as it is (C0
 * and C1 controls, DEL, U+2028 and U+2029, which also end a line in
 * JavaScript, bidirectional controls) is written as a \u escape, and so is
 * the '[' of "##[", a command to a GitHub runner that prints the JSON.
 * Plan values and rules are valid UTF-8, but file names need not be: a
 * byte that is not UTF-8 becomes U+FFFD, so the output is always JSON.
 */
#include "jsonw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "text.h"

struct sbuf {
    char *s;
    size_t len, cap;
};

static void
put(struct sbuf *b, const char *s, size_t n)
{
    while (b->len + n + 1 > b->cap) {
        b->cap = b->cap ? b->cap * 2 : 1024;
        b->s = aa_xrealloc(b->s, b->cap, 1);
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void
puts_(struct sbuf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void
indent(struct sbuf *b, int depth)
{
    for (int i = 0; i < depth; i++)
        put(b, "  ", 2);
}

static int
is_container(const cJSON *it)
{
    return cJSON_IsArray(it) || cJSON_IsObject(it);
}

/* A JSON string literal, escaped as the head of this file says. */
static void
string(struct sbuf *b, const char *s)
{
    size_t n = strlen(s), i = 0, done = 0; /* s[done..i) is pending */

    put(b, "\"", 1);
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        char esc[16] = "\\";
        size_t len = 1;
        long cp = ch;

        if (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' && ch != '[') {
            i++; /* the common case: plain ASCII */
            continue;
        }
        if (ch >= 0x80)
            len = aa_text_decode(s + i, n - i, &cp);
        if (cp == '"' || cp == '\\')
            esc[1] = (char)cp;
        else if (cp == '\n' || cp == '\t' || cp == '\r' || cp == '\b' ||
                 cp == '\f')
            esc[1] = cp == '\n'   ? 'n'
                     : cp == '\t' ? 't'
                     : cp == '\r' ? 'r'
                     : cp == '\b' ? 'b'
                                  : 'f';
        else if (cp == '[' && i >= 2 && s[i - 1] == '#' && s[i - 2] == '#')
            snprintf(esc, sizeof(esc), "\\u005b");
        else if (cp < 0)
            snprintf(esc, sizeof(esc), "\\ufffd");
        else if (aa_text_unsafe(cp))
            snprintf(esc, sizeof(esc), "\\u%04x", (unsigned)(cp & 0xffff));
        else
            esc[0] = '\0';
        if (esc[0] != '\0') {
            put(b, s + done, i - done);
            puts_(b, esc);
            done = i + len;
        }
        i += len;
    }
    put(b, s + done, i - done);
    put(b, "\"", 1);
}

static void
scalar(struct sbuf *b, const cJSON *it)
{
    char num[32];

    if (cJSON_IsString(it)) {
        string(b, it->valuestring);
    } else if (cJSON_IsNumber(it)) {
        double d = it->valuedouble;

        /* Integers print without a fraction, as cJSON does. */
        if (d == (double)(long long)d && d > -1e15 && d < 1e15)
            snprintf(num, sizeof(num), "%lld", (long long)d);
        else
            snprintf(num, sizeof(num), "%.17g", d);
        puts_(b, num);
    } else if (cJSON_IsTrue(it)) {
        puts_(b, "true");
    } else if (cJSON_IsFalse(it)) {
        puts_(b, "false");
    } else {
        puts_(b, "null");
    }
}

static void
key(struct sbuf *b, const char *k)
{
    string(b, k);
    put(b, ": ", 2);
}

static void
value(struct sbuf *b, const cJSON *it, int depth)
{
    const cJSON *c;
    int flat = 1;

    if (!is_container(it)) {
        scalar(b, it);
        return;
    }
    if (it->child == NULL) {
        puts_(b, cJSON_IsArray(it) ? "[]" : "{}");
        return;
    }
    for (c = it->child; c != NULL; c = c->next)
        if (is_container(c) || cJSON_IsObject(it))
            flat = 0;
    /* Notes in a plan (init's "$comment") are read a line each. */
    if (it->string != NULL && strcmp(it->string, "$comment") == 0)
        flat = 0;
    if (flat) { /* an array of scalars stays on one line */
        put(b, "[", 1);
        for (c = it->child; c != NULL; c = c->next) {
            scalar(b, c);
            if (c->next != NULL)
                put(b, ", ", 2);
        }
        put(b, "]", 1);
        return;
    }
    puts_(b, cJSON_IsArray(it) ? "[\n" : "{\n");
    for (c = it->child; c != NULL; c = c->next) {
        indent(b, depth + 1);
        if (cJSON_IsObject(it))
            key(b, c->string);
        value(b, c, depth + 1);
        puts_(b, c->next != NULL ? ",\n" : "\n");
    }
    indent(b, depth);
    puts_(b, cJSON_IsArray(it) ? "]" : "}");
}

char *
aa_jsonw_print(const cJSON *item)
{
    struct sbuf b = {NULL, 0, 0};

    value(&b, item, 0);
    put(&b, "\n", 1);
    return b.s;
}

/* The layout of cJSON_PrintUnformatted, with the escaping above. */
static void
compact(struct sbuf *b, const cJSON *it)
{
    if (!is_container(it)) {
        scalar(b, it);
        return;
    }
    put(b, cJSON_IsArray(it) ? "[" : "{", 1);
    for (const cJSON *c = it->child; c != NULL; c = c->next) {
        if (cJSON_IsObject(it)) {
            string(b, c->string);
            put(b, ":", 1);
        }
        compact(b, c);
        if (c->next != NULL)
            put(b, ",", 1);
    }
    put(b, cJSON_IsArray(it) ? "]" : "}", 1);
}

char *
aa_jsonw_print_compact(const cJSON *item)
{
    struct sbuf b = {NULL, 0, 0};

    compact(&b, item);
    return b.s;
}
