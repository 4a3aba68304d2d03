/*
 * jsonw.c -- indented JSON text from a cJSON tree.  Scalars are printed by
 * cJSON itself (it owns string escaping and number formatting); this file
 * only decides the layout.
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

static void
scalar(struct sbuf *b, const cJSON *it)
{
    /* Print a detached copy: cJSON prints the value, not the key. */
    cJSON *copy = cJSON_Duplicate(it, 0);
    char *s = copy ? cJSON_PrintUnformatted(copy) : NULL;

    if (s == NULL) {
        fputs("attrib-advise: error: out of memory\n", stderr);
        exit(4);
    }
    puts_(b, s);
    cJSON_free(s);
    cJSON_Delete(copy);
}

static void
key(struct sbuf *b, const char *k)
{
    cJSON *s = cJSON_CreateString(k);

    scalar(b, s);
    cJSON_Delete(s);
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
