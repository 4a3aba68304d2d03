/*
 * jsonw.c -- indented JSON text from a cJSON tree, written straight into
 * one growing buffer: no per-value allocation, since batch runs print
 * hundreds of thousands of reports.  Strings are UTF-8 already (both
 * loaders validate), so only quotes, backslashes and control characters
 * need escaping.
 */
#include "jsonw.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

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

/* A JSON string literal; control characters and quotes escaped. */
static void
string(struct sbuf *b, const char *s)
{
    put(b, "\"", 1);
    for (; *s != '\0'; s++) {
        unsigned char ch = (unsigned char)*s;
        char esc[8];

        if (ch == '"' || ch == '\\') {
            esc[0] = '\\';
            esc[1] = (char)ch;
            put(b, esc, 2);
        } else if (ch == '\n' || ch == '\t' || ch == '\r' || ch == '\b' ||
                   ch == '\f') {
            esc[0] = '\\';
            esc[1] = ch == '\n'   ? 'n'
                     : ch == '\t' ? 't'
                     : ch == '\r' ? 'r'
                     : ch == '\b' ? 'b'
                                  : 'f';
            put(b, esc, 2);
        } else if (ch < 0x20) {
            snprintf(esc, sizeof(esc), "\\u%04x", ch);
            put(b, esc, 6);
        } else {
            put(b, s, 1);
        }
    }
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
