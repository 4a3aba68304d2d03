/*
 * jsonw.c -- indented JSON text from a cJSON tree, written straight into
 * one growing buffer: no per-value allocation.  The layout is decided
 * here, from the whole tree (an array of scalars on one line, a plan's
 * "$comment" notes one a line); scalars and the escaping of strings are
 * jsonout's, so that every JSON output is safe to print the same way
 * (jsonout.c says how).
 */
#include "jsonw.h"

#include <string.h>

#include "jsonout.h"

static void
puts_(struct aa_jsonout *b, const char *s)
{
    aa_jsonout_raw(b, s, strlen(s));
}

static void
indent(struct aa_jsonout *b, int depth)
{
    for (int i = 0; i < depth; i++)
        aa_jsonout_raw(b, "  ", 2);
}

static int
is_container(const cJSON *it)
{
    return cJSON_IsArray(it) || cJSON_IsObject(it);
}

/* Written at the emitter's top level, where it adds no separator. */
static void
scalar(struct aa_jsonout *b, const cJSON *it)
{
    if (cJSON_IsString(it))
        aa_jsonout_string(b, it->valuestring);
    else if (cJSON_IsNumber(it))
        aa_jsonout_number(b, it->valuedouble);
    else if (cJSON_IsTrue(it) || cJSON_IsFalse(it))
        aa_jsonout_bool(b, cJSON_IsTrue(it));
    else
        aa_jsonout_null(b);
}

static void
key(struct aa_jsonout *b, const char *k)
{
    aa_jsonout_quote(b, k, strlen(k));
    aa_jsonout_raw(b, ": ", 2);
}

static void
value(struct aa_jsonout *b, const cJSON *it, int depth)
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
        aa_jsonout_raw(b, "[", 1);
        for (c = it->child; c != NULL; c = c->next) {
            scalar(b, c);
            if (c->next != NULL)
                aa_jsonout_raw(b, ", ", 2);
        }
        aa_jsonout_raw(b, "]", 1);
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
    struct aa_jsonout b;
    char *text;

    aa_jsonout_init(&b, 0);
    value(&b, item, 0);
    aa_jsonout_raw(&b, "\n", 1);
    text = aa_jsonout_take(&b);
    aa_jsonout_fini(&b);
    return text;
}

/* The layout of cJSON_PrintUnformatted, with jsonout's escaping. */
static void
compact(struct aa_jsonout *b, const cJSON *it)
{
    if (!is_container(it)) {
        scalar(b, it);
        return;
    }
    aa_jsonout_raw(b, cJSON_IsArray(it) ? "[" : "{", 1);
    for (const cJSON *c = it->child; c != NULL; c = c->next) {
        if (cJSON_IsObject(it)) {
            aa_jsonout_quote(b, c->string, strlen(c->string));
            aa_jsonout_raw(b, ":", 1);
        }
        compact(b, c);
        if (c->next != NULL)
            aa_jsonout_raw(b, ",", 1);
    }
    aa_jsonout_raw(b, cJSON_IsArray(it) ? "]" : "}", 1);
}

char *
aa_jsonw_print_compact(const cJSON *item)
{
    struct aa_jsonout b;
    char *text;

    aa_jsonout_init(&b, 1);
    compact(&b, item);
    text = aa_jsonout_take(&b);
    aa_jsonout_fini(&b);
    return text;
}
