/*
 * jsonpos.c -- the offsets of a cJSON tree's values in their text
 * (jsonpos.h).
 */
#include "jsonpos.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* As cJSON: every byte from 1 to 32 is a blank between tokens, so the walk
 * beside its tree steps over what it stepped over. */
size_t
aa_json_skip_ws(const char *t, size_t i)
{
    while ((unsigned char)t[i] - 1u < 32u)
        i++;
    return i;
}

static size_t
skip_string(const char *t, size_t i)
{
    for (i++; t[i] != '"'; i++)
        if (t[i] == '\\')
            i++;
    return i + 1;
}

/* Recursion as deep as the tree, which cJSON bounds (CJSON_NESTING_LIMIT). */
size_t
aa_json_note_offsets(cJSON *node, const char *t, size_t i)
{
    i = aa_json_skip_ws(t, i);
    if (!cJSON_IsNumber(node))
        node->valueint = (int)i;
    if (cJSON_IsObject(node) || cJSON_IsArray(node)) {
        i++; /* { or [ */
        for (cJSON *c = node->child; c != NULL; c = c->next) {
            i = aa_json_skip_ws(t, i);
            if (cJSON_IsObject(node)) {
                i = aa_json_skip_ws(t, skip_string(t, i));
                i++; /* : */
            }
            i = aa_json_skip_ws(t, aa_json_note_offsets(c, t, i));
            if (t[i] == ',')
                i++;
        }
        return aa_json_skip_ws(t, i) + 1;
    }
    if (cJSON_IsString(node))
        return skip_string(t, i);
    while ((unsigned char)t[i] > ' ' && t[i] != ',' && t[i] != '}' &&
           t[i] != ']')
        i++;
    return i;
}

/* The offset just past the value at t[i], the text valid JSON. */
static size_t
skip_value(const char *t, size_t i)
{
    size_t depth = 0;

    do {
        i = aa_json_skip_ws(t, i);
        if (t[i] == '"') {
            i = skip_string(t, i);
        } else if (t[i] == '{' || t[i] == '[') {
            depth++;
            i++;
        } else if (t[i] == '}' || t[i] == ']') {
            depth--;
            i++;
        } else if (t[i] == ',' || t[i] == ':') {
            i++;
        } else {
            while ((unsigned char)t[i] > ' ' && !strchr(",:}]", t[i]))
                i++;
        }
    } while (depth > 0 && t[i] != '\0');
    return i;
}

size_t
aa_json_key_offset(const cJSON *obj, const cJSON *m, const char *t)
{
    size_t i = aa_json_offset(obj);

    if (!cJSON_IsObject(obj) || i == (size_t)-1)
        return (size_t)-1;
    i++; /* { */
    for (const cJSON *c = obj->child; c != NULL; c = c->next) {
        size_t key = i = aa_json_skip_ws(t, i);

        if (c == m)
            return key;
        i = aa_json_skip_ws(t, skip_string(t, i)) + 1; /* the key, : */
        i = aa_json_skip_ws(t, skip_value(t, i));
        if (t[i] == ',')
            i++;
    }
    return (size_t)-1;
}

int
aa_json_unfinished(const char *t, size_t len, size_t *at, char *why, size_t wn)
{
    /* The closing bracket each open one wants: a file that closes one with
     * the other is left to cJSON, which stops there. */
    char *want = aa_xmalloc(len + 1);
    size_t depth = 0, i;
    int said = 0;

    for (i = 0; i < len && !said; i++) {
        unsigned char c = (unsigned char)t[i];
        size_t opened = i;

        if (c == '{' || c == '[') {
            want[depth++] = c == '{' ? '}' : ']';
            continue;
        }
        if (c == '}' || c == ']') {
            if (depth == 0 || want[--depth] != c)
                break;
            continue;
        }
        if (c != '"')
            continue;
        /* cJSON takes control characters in a string as they are. */
        for (i++; i < len && t[i] != '"'; i++)
            if (t[i] == '\\' && i + 1 < len)
                i++;
        if (i >= len) {
            *at = opened;
            said = 1;
            snprintf(why, wn,
                     "unexpected end of input: the string that starts here "
                     "has no closing quote");
        }
    }
    if (!said && i >= len && depth > 0) {
        *at = len;
        while (*at > 0 && aa_json_skip_ws(t, *at - 1) != *at - 1)
            (*at)--;
        *at = *at > 0 ? *at - 1 : 0;
        said = 1;
        snprintf(why, wn, "unexpected end of input");
    }
    free(want);
    return said;
}

int
aa_json_too_deep(const char *t, size_t off)
{
    size_t depth = 0;

    for (size_t i = 0; i < off; i++) {
        if (t[i] == '"') {
            for (i++; i < off && t[i] != '"'; i++)
                if (t[i] == '\\')
                    i++;
        } else if (t[i] == '[' || t[i] == '{') {
            depth++;
        } else if ((t[i] == ']' || t[i] == '}') && depth > 0) {
            depth--;
        }
    }
    return depth >= CJSON_NESTING_LIMIT;
}
