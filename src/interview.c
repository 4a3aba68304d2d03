/*
 * interview.c -- a plan built from answers (attrib-advise interview).
 *
 * The interview knows nothing of its own: what to ask comes from the
 * report, how to ask it from the contract table.  The answers are held as
 * --set values would be (override.c), so an answer is typed and refused by
 * the same code as the command line, and the plan, the command line and
 * the interview can never disagree on what a value means.  After every
 * change the plan (the starting file, or nothing, with the answers over
 * it) is evaluated again, and the next field is the one named by the most
 * mechanisms still undecided (needs_info, of the plan or of one of its
 * workloads), ties in contract order, which puts broad fields (agreement,
 * activities) before narrow ones.  A field whose absence only leaves out
 * actions of a decided mechanism is never asked: the verdicts stand
 * without it.  The terminal is the front end's (cli_interview.c).
 * Invariant: every held answer was taken by aa_override_add, and the
 * report and 'next' are those of the answers held now.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "attrib_advise.h"
#include "compile.h"
#include "contract.h"
#include "diag.h"
#include "init.h"
#include "jsonw.h"
#include "limits.h"
#include "report.h"
#include "ruleset.h"
#include "scenario.h"
#include "text.h"

/* A field answered (value: as --set takes it) or skipped (value NULL). */
struct answer {
    int row;
    char *value;
};

struct aa_interview {
    const struct aa_ruleset *rs;
    char *path; /* the starting file, or NULL */
    char *text; /* its bytes */
    size_t len;
    struct answer *v;
    size_t n, cap;
    struct aa_scenario *sc;
    struct aa_report *rep;
    int next;        /* row to ask, or -1 */
    int detail;      /* next is asked for actions, not for a verdict */
    unsigned *mechs; /* per row: undecided mechanisms that name it */
    char hint[160];
};

static const char *const yes_no[] = {"yes", "no", NULL};

/* The answers as --set values, skips left out. */
static struct aa_override *
answers_override(const struct aa_interview *iv)
{
    struct aa_override *ov = aa_override_new();

    for (size_t i = 0; i < iv->n; i++) {
        char *spec, *why;

        if (iv->v[i].value == NULL)
            continue;
        spec =
            aa_xasprintf("%s=%s", aa_fields[iv->v[i].row].ptr, iv->v[i].value);
        why = aa_override_add(ov, spec); /* taken once: cannot fail now */
        free(spec);
        free(why);
    }
    return ov;
}

static int
held(const struct aa_interview *iv, int row)
{
    for (size_t i = 0; i < iv->n; i++)
        if (iv->v[i].row == row)
            return 1;
    return 0;
}

/* Mark in bits[row] mechanism m for each field that an answer of a (or
 * of one of its workloads) names as missing: only undecided answers when
 * 'decided' is 0, only decided ones (whose actions need the field) when
 * it is 1. */
static void
mark_needs(const struct aa_advice *a, unsigned m, int decided, unsigned *bits)
{
    if ((a->verdict != AA_V_NEEDS_INFO) == decided)
        for (size_t k = 0; k < a->nmissing; k++)
            bits[a->missing[k].row] |= 1u << m;
    for (size_t v = 0; v < a->nper; v++)
        mark_needs(&a->per[v], m, decided, bits);
}

static int
popcount(unsigned x)
{
    int n = 0;

    for (; x != 0; x &= x - 1)
        n++;
    return n;
}

/* A customer that buys several workloads may buy them under different
 * agreements, which decides CSP, DPOR and CPOR per workload (GEN-F07);
 * an absent customer.agreements.<workload> means "the same as
 * customer.agreement", so no rule reports it missing and the question
 * would never come.  Once both are known, ask it for each workload that
 * has such a field, answered or skipped ("the same") once. */
static int
workload_agreement(const struct aa_interview *iv)
{
    const struct aa_val *w =
        &iv->sc->vals[aa_contract_find("/customer/workloads")];

    if (!iv->sc->vals[aa_contract_find("/customer/agreement")].present ||
        !w->present || w->nitems < 2)
        return -1;
    for (size_t i = 0; i < w->nitems; i++) {
        char ptr[96];
        int row;

        if (w->items[i].s == NULL)
            continue;
        snprintf(ptr, sizeof(ptr), "/customer/agreements/%s", w->items[i].s);
        if ((row = aa_contract_find(ptr)) >= 0 && !iv->sc->vals[row].present &&
            !held(iv, row))
            return row;
    }
    return -1;
}

/* The most decisive field still open, or -1: first what undecided
 * verdicts need, then the agreement of each workload of a customer that
 * buys several, then what the actions of decided ones need. */
static int
choose(struct aa_interview *iv)
{
    for (int decided = 0; decided <= 1; decided++) {
        int row;

        if (decided && (row = workload_agreement(iv)) >= 0) {
            iv->detail = 0;
            return row;
        }
        int best = -1, most = 0;

        memset(iv->mechs, 0, aa_field_count * sizeof(*iv->mechs));
        for (unsigned m = 0; m < AA_NMECH; m++)
            mark_needs(&iv->rep->mech[m], m, decided, iv->mechs);
        for (size_t r = 1; r < aa_field_count; r++) {
            int n = popcount(iv->mechs[r]);

            if (n > most && aa_fields[r].question != NULL &&
                !aa_fields[r].derived && !held(iv, (int)r)) {
                best = (int)r;
                most = n;
            }
        }
        if (best >= 0) {
            iv->detail = decided;
            return best;
        }
    }
    return -1;
}

/* Make row (or -1: none) the field to ask, with its hint. */
static void
ask_row(struct aa_interview *iv, int row)
{
    iv->next = row;
    iv->hint[0] = '\0';
    if (row < 0)
        return;
    switch (aa_fields[row].type) {
    case AA_T_BOOL:
        snprintf(iv->hint, sizeof(iv->hint), "1 or 2, or yes or no");
        break;
    case AA_T_ENUM:
        snprintf(iv->hint, sizeof(iv->hint), "one number, 1 to %d%s",
                 aa_contract_enum_count(row),
                 aa_fields[row].parent ==
                         aa_contract_find("/customer/agreements")
                     ? "; skip: the same as the customer's agreement"
                     : "");
        break;
    case AA_T_ENUM_ARRAY:
        snprintf(iv->hint, sizeof(iv->hint),
                 "one or more numbers, such as 1,3; none for none");
        break;
    case AA_T_INT:
        snprintf(iv->hint, sizeof(iv->hint), "a whole number");
        break;
    case AA_T_STRING_ARRAY:
        snprintf(iv->hint, sizeof(iv->hint),
                 "free text; several separated by commas");
        break;
    default:
        snprintf(iv->hint, sizeof(iv->hint), "free text");
        break;
    }
}

/* Evaluate the plan with the answers held now.  Returns 0, or -1 with
 * errors in dl (the file no longer loads, or code an answer names cannot
 * be read); the previous report is then kept. */
static int
evaluate(struct aa_interview *iv, struct aa_diags *dl)
{
    struct aa_override *ov = answers_override(iv);
    struct aa_scenario *sc;
    struct aa_report *rep = NULL;

    if (iv->text != NULL) {
        sc = aa_scenario_parse(iv->path, iv->text, iv->len, dl);
        if (sc != NULL)
            aa_override_apply(ov, sc);
    } else
        sc = aa_override_scenario(ov, "<interview>");
    aa_override_free(ov);
    if (sc != NULL && aa_scenario_scan_artifacts(sc, dl) != 0) {
        aa_scenario_free(sc);
        sc = NULL;
    }
    if (sc == NULL || (rep = aa_eval(iv->rs, sc)) == NULL) {
        aa_scenario_free(sc);
        return -1;
    }
    aa_report_triage(rep, iv->rs, sc, NULL);
    aa_report_free(iv->rep);
    aa_scenario_free(iv->sc);
    iv->rep = rep;
    iv->sc = sc;
    ask_row(iv, choose(iv));
    return 0;
}

struct aa_interview *
aa_interview_new(const struct aa_ruleset *rs, const char *path,
                 struct aa_diags *dl)
{
    struct aa_interview *iv = aa_xcalloc(1, sizeof(*iv));

    iv->rs = rs;
    iv->mechs = aa_xcalloc(aa_field_count, sizeof(*iv->mechs));
    if (path != NULL) {
        struct aa_loc at = {path, 0, 0};
        FILE *fp = fopen(path, "rb");

        iv->path = aa_xasprintf("%s", path);
        if (fp == NULL) {
            aa_diag_add(dl, AA_S_IO, at, NULL, "cannot open: %s",
                        strerror(errno));
            goto fail;
        }
        iv->text = aa_read_all(fp, aa_limit(AA_LIMIT_SCENARIO_SIZE), &iv->len);
        if (ferror(fp)) {
            aa_diag_add(dl, AA_S_IO, at, NULL, "cannot read: %s",
                        strerror(errno));
            fclose(fp);
            goto fail;
        }
        fclose(fp);
    }
    if (evaluate(iv, dl) != 0)
        goto fail;
    return iv;
fail:
    aa_interview_free(iv);
    return NULL;
}

void
aa_interview_free(struct aa_interview *iv)
{
    if (iv == NULL)
        return;
    for (size_t i = 0; i < iv->n; i++)
        free(iv->v[i].value);
    free(iv->v);
    aa_report_free(iv->rep);
    aa_scenario_free(iv->sc);
    free(iv->mechs);
    free(iv->text);
    free(iv->path);
    free(iv);
}

int
aa_interview_question(const struct aa_interview *iv, struct aa_question *q)
{
    const struct aa_field *f;

    if (iv->next < 0)
        return 0;
    f = &aa_fields[iv->next];
    q->pointer = f->ptr;
    q->label = f->label;
    q->text = f->question;
    q->choices = f->type == AA_T_BOOL ? yes_no : f->values;
    q->detail = iv->detail;
    q->several = f->type == AA_T_ENUM_ARRAY || f->type == AA_T_STRING_ARRAY;
    q->hint = iv->hint;
    return 1;
}

/* Copy of s without leading and trailing blanks. */
static char *
trimmed(const char *s)
{
    size_t n;

    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    n = strlen(s);
    while (n > 0 && strchr(" \t\r\n", s[n - 1]) != NULL)
        n--;
    return aa_xasprintf("%.*s", (int)n, s);
}

/* Choice word -> the value it stands for: a number picks from choices
 * (NULL: out of range, with *why set), anything else is itself. */
static const char *
pick(const char *word, const char *const *choices, char **why)
{
    int n = 0, k;

    if (word[0] == '\0' || strspn(word, "0123456789") != strlen(word))
        return word;
    while (choices[n] != NULL)
        n++;
    k = strlen(word) > 3 ? 0 : atoi(word);
    if (k < 1 || k > n) {
        *why = aa_xasprintf("%s is not a choice; give a number from 1 to %d",
                            word, n);
        return NULL;
    }
    return choices[k - 1];
}

/* Whether a comma of line has nothing but blanks before or after it. */
static int
empty_item(const char *line)
{
    if (strchr(line, ',') == NULL)
        return 0;
    for (const char *p = line;; p++) {
        size_t n = strcspn(p, ",");

        if (strspn(p, " \t") >= n)
            return 1;
        p += n;
        if (*p == '\0')
            return 0;
    }
}

/* The line as a --set value for the field, or NULL with *why set. */
static char *
to_value(int row, const char *line, char **why)
{
    const struct aa_field *f = &aa_fields[row];
    const char *v;

    if (line[0] == '\0') {
        *why = aa_xasprintf("no answer given; type skip to leave %s unknown",
                            f->label);
        return NULL;
    }
    if (f->type == AA_T_BOOL) {
        if (strcmp(line, "y") == 0 || strcmp(line, "Y") == 0)
            line = "yes";
        else if (strcmp(line, "n") == 0 || strcmp(line, "N") == 0)
            line = "no";
        v = pick(line, yes_no, why);
        return v != NULL ? aa_xasprintf("%s", v) : NULL;
    }
    if (f->type == AA_T_ENUM) {
        v = pick(line, f->values, why);
        return v != NULL ? aa_xasprintf("%s", v) : NULL;
    }
    if (f->type == AA_T_ENUM_ARRAY) {
        size_t cap = strlen(line) * 8 + 64, len = 0;
        char *out = aa_xmalloc(cap), *copy = aa_xasprintf("%s", line);
        char *save = NULL;

        /* Blanks separate choices too ("1 3"), but an empty item between
         * commas is refused as --set refuses it: split away, a lone ","
         * would be the empty list, which only none says. */
        if (empty_item(line)) {
            free(copy);
            free(out);
            *why = aa_xasprintf("an empty item in '%s'", line);
            return NULL;
        }
        out[0] = '\0';
        if (strcmp(line, "none") == 0 &&
            aa_contract_enum_index(row, "none", 4) < 0) {
            free(copy);
            return out; /* the empty list */
        }
        for (char *w = strtok_r(copy, ", \t", &save); w != NULL;
             w = strtok_r(NULL, ", \t", &save)) {
            v = pick(w, f->values, why);
            if (v == NULL || len + strlen(v) + 2 > cap) {
                free(copy);
                free(out);
                if (v != NULL)
                    *why = aa_xasprintf("too many choices");
                return NULL;
            }
            len += (size_t)snprintf(out + len, cap - len, "%s%s",
                                    len > 0 ? "," : "", v);
        }
        free(copy);
        return out;
    }
    return aa_xasprintf("%s", line);
}

char *
aa_interview_answer(struct aa_interview *iv, const char *line)
{
    char *text = trimmed(line), *why = NULL, *value, *spec;
    struct aa_override *ov;
    struct aa_diags *dl;
    int row = iv->next;

    if (row < 0) {
        free(text);
        return aa_xasprintf("there is no question to answer");
    }
    value = to_value(row, text, &why);
    free(text);
    if (value == NULL)
        return why;
    /* Typed and checked as --set checks it; its messages name --set and
     * the pointer, which the person at the prompt did not type. */
    ov = aa_override_new();
    spec = aa_xasprintf("%s=%s", aa_fields[row].ptr, value);
    why = aa_override_add(ov, spec);
    free(spec);
    aa_override_free(ov);
    if (why != NULL) {
        char *prefix = aa_xasprintf("--set %s: ", aa_fields[row].ptr);
        size_t n = strlen(prefix);

        if (strncmp(why, prefix, n) == 0)
            memmove(why, why + n, strlen(why + n) + 1);
        free(prefix);
        free(value);
        return why;
    }
    if (iv->n == iv->cap) {
        iv->cap = iv->cap ? iv->cap * 2 : 16;
        iv->v = aa_xrealloc(iv->v, iv->cap, sizeof(*iv->v));
    }
    iv->v[iv->n].row = row;
    iv->v[iv->n++].value = value;
    dl = aa_diags_new();
    if (evaluate(iv, dl) != 0) {
        /* Code named by an answer that cannot be read: refused. */
        char *buf = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&buf, &len);

        if (mem != NULL) {
            aa_diags_print(dl, mem);
            fclose(mem);
        }
        while (buf != NULL && len > 0 && buf[len - 1] == '\n')
            buf[--len] = '\0';
        free(iv->v[--iv->n].value);
        ask_row(iv, row);
        aa_diags_free(dl);
        return buf != NULL ? buf : aa_xasprintf("cannot be read");
    }
    aa_diags_free(dl);
    return NULL;
}

void
aa_interview_skip(struct aa_interview *iv)
{
    if (iv->next < 0)
        return;
    if (iv->n == iv->cap) {
        iv->cap = iv->cap ? iv->cap * 2 : 16;
        iv->v = aa_xrealloc(iv->v, iv->cap, sizeof(*iv->v));
    }
    iv->v[iv->n].row = iv->next;
    iv->v[iv->n++].value = NULL;
    ask_row(iv, choose(iv)); /* the plan is the same: no new report */
}

int
aa_interview_back(struct aa_interview *iv)
{
    struct aa_diags *dl;
    int row, rc;

    if (iv->n == 0)
        return -1;
    row = iv->v[--iv->n].row;
    free(iv->v[iv->n].value);
    /* The answers before it loaded once, so they load again. */
    dl = aa_diags_new();
    rc = evaluate(iv, dl);
    aa_diags_free(dl);
    if (rc != 0)
        return -1;
    ask_row(iv, row);
    /* Asked again for what it was asked for: a verdict or an action. */
    for (iv->detail = 0; iv->detail <= 1; iv->detail++) {
        memset(iv->mechs, 0, aa_field_count * sizeof(*iv->mechs));
        for (unsigned m = 0; m < AA_NMECH; m++)
            mark_needs(&iv->rep->mech[m], m, iv->detail, iv->mechs);
        if (iv->mechs[row] != 0)
            break;
    }
    if (iv->detail > 1)
        iv->detail = 0;
    return 0;
}

size_t
aa_interview_answered(const struct aa_interview *iv)
{
    size_t n = 0;

    for (size_t i = 0; i < iv->n; i++)
        n += iv->v[i].value != NULL;
    return n;
}

size_t
aa_interview_skipped(const struct aa_interview *iv)
{
    return iv->n - aa_interview_answered(iv);
}

int
aa_interview_why(const struct aa_interview *iv, int width, FILE *fp)
{
    const struct aa_program *pg = iv->rs->prog;
    const char **seen;
    size_t nseen = 0, cap = 0;
    unsigned mechs;
    int row = iv->next;
    char *doc;

    if (row < 0)
        return 0;
    width = width > 0 ? width : 80;
    mechs = iv->mechs[row];
    doc = aa_xasprintf("%s: %s", aa_fields[row].label, aa_fields[row].doc);
    aa_text_wrap(fp, doc, 0, 2, width, AA_TEXT_LINE);
    free(doc);
    for (size_t i = 0; i < pg->nrules; i++)
        cap += pg->rules[i].src->nfacts;
    seen = aa_xcalloc(cap + 1, sizeof(*seen));
    /* The facts of the rules that read the field and speak for a
     * mechanism it would decide, in rule order, each once. */
    for (size_t i = 0; i < pg->nrules; i++) {
        const struct aa_crule *cr = &pg->rules[i];
        unsigned speaks = cr->src->mechs != 0   ? cr->src->mechs
                          : cr->mech < AA_NMECH ? 1u << cr->mech
                                                : 0;

        if (!aa_rowset_has(&cr->reads, row) || (speaks & mechs) == 0)
            continue;
        for (size_t k = 0; k < cr->src->nfacts; k++) {
            const char *id = cr->src->facts[k];
            const struct aa_fact *f;
            size_t s = 0;

            while (s < nseen && strcmp(seen[s], id) != 0)
                s++;
            if (s < nseen || (f = aa_ruleset_find_fact(iv->rs, id)) == NULL)
                continue;
            seen[nseen++] = id;
            aa_facts_put_brief(iv->rs, f, width, fp);
        }
    }
    free(seen);
    return ferror(fp) ? -1 : 0;
}

/* Labels of the fields an undecided answer of a needs, once each. */
static void
put_needs(const struct aa_advice *a, FILE *fp, unsigned char *said, int *n)
{
    if (a->verdict == AA_V_NEEDS_INFO)
        for (size_t k = 0; k < a->nmissing; k++) {
            int row = a->missing[k].row;

            if (said[row])
                continue;
            said[row] = 1;
            fprintf(fp, "%s%s", (*n)++ == 0 ? ": " : ", ", a->missing[k].label);
        }
    for (size_t v = 0; v < a->nper; v++)
        put_needs(&a->per[v], fp, said, n);
}

int
aa_interview_status(const struct aa_interview *iv, int width, FILE *fp)
{
    unsigned char *said = aa_xcalloc(aa_field_count, 1);

    for (unsigned m = 0; m < AA_NMECH; m++) {
        const struct aa_advice *a = &iv->rep->mech[m];
        struct aa_text_line l;
        FILE *line = aa_text_line_start(&l);
        int n = 0;

        memset(said, 0, aa_field_count);
        fprintf(line, "  %-6s ", a->mech);
        fputs(aa_verdict_words(a->verdict), line); /* as the text report */
        if (a->rank > 0)
            fprintf(line, " (rank %d)", a->rank);
        put_needs(a, line, said, &n);
        aa_text_line_end(&l, fp, 9, width > 0 ? width : 80);
    }
    free(said);
    return ferror(fp) ? -1 : 0;
}

const struct aa_report *
aa_interview_report(const struct aa_interview *iv)
{
    return iv->rep;
}

/* The JSON of a --set value for row, as the file would hold it. */
static cJSON *
json_value(int row, const char *value)
{
    const struct aa_field *f = &aa_fields[row];
    cJSON *arr;
    char *copy, *p;

    switch (f->type) {
    case AA_T_BOOL:
        return cJSON_CreateBool(strcmp(value, "yes") == 0 ||
                                strcmp(value, "true") == 0);
    case AA_T_INT:
        return cJSON_CreateNumber(strtod(value, NULL));
    case AA_T_ENUM_ARRAY:
    case AA_T_STRING_ARRAY:
        arr = cJSON_CreateArray();
        copy = aa_xasprintf("%s", value);
        for (p = copy; *p != '\0';) {
            size_t n = strcspn(p, ",");
            char save = p[n], *item;

            p[n] = '\0';
            item = trimmed(p);
            if (item[0] != '\0')
                cJSON_AddItemToArray(arr, cJSON_CreateString(item));
            free(item);
            p += n + (save != '\0');
        }
        free(copy);
        return arr;
    default:
        return cJSON_CreateString(value);
    }
}

/* Write value at row's pointer, making the objects on the way. */
static void
put_value(cJSON *plan, int row, const char *value)
{
    int chain[16], n = 0;
    cJSON *obj = plan;

    for (int r = aa_fields[row].parent; r > 0 && n < 16;
         r = aa_fields[r].parent)
        chain[n++] = r;
    while (n-- > 0) {
        const char *key = aa_fields[chain[n]].key;
        cJSON *next = cJSON_GetObjectItemCaseSensitive(obj, key);

        if (!cJSON_IsObject(next)) {
            cJSON_DeleteItemFromObjectCaseSensitive(obj, key);
            next = cJSON_CreateObject();
            cJSON_AddItemToObject(obj, key, next);
        }
        obj = next;
    }
    cJSON_DeleteItemFromObjectCaseSensitive(obj, aa_fields[row].key);
    cJSON_AddItemToObject(obj, aa_fields[row].key, json_value(row, value));
}

enum { UNKNOWN_KEY = 1 << 20 }; /* past every contract row */

/* Members of the object of contract row 'row' in contract order (the
 * answers went last), its object members likewise; members the contract
 * does not know keep their order after the rest. */
static void
sort_members(cJSON *obj, int row)
{
    cJSON *rest = cJSON_CreateObject(), *it;
    int n = cJSON_GetArraySize(obj), taken = 0;

    while (taken < n) {
        int best = UNKNOWN_KEY + 1;
        cJSON *pick_it = NULL;

        for (it = obj->child; it != NULL; it = it->next) {
            int r = aa_contract_child(row, it->string, strlen(it->string));

            if (r < 0)
                r = UNKNOWN_KEY;
            if (r < best) {
                best = r;
                pick_it = it;
            }
        }
        if (pick_it == NULL)
            break;
        cJSON_DetachItemViaPointer(obj, pick_it);
        cJSON_AddItemToArray(rest, pick_it); /* keeps its key */
        if (best < UNKNOWN_KEY && aa_fields[best].type == AA_T_OBJECT &&
            cJSON_IsObject(pick_it))
            sort_members(pick_it, best);
        taken++;
    }
    while ((it = rest->child) != NULL) {
        cJSON_DetachItemViaPointer(rest, it);
        cJSON_AddItemToArray(obj, it);
    }
    cJSON_Delete(rest);
}

int
aa_interview_plan(const struct aa_interview *iv, FILE *fp)
{
    cJSON *plan, *it;
    char *first, *text;
    int rc = -1;

    plan = iv->text != NULL ? cJSON_ParseWithLength(iv->text, iv->len)
                            : cJSON_CreateObject();
    if (!cJSON_IsObject(plan)) {
        cJSON_Delete(plan);
        return -1;
    }
    if (iv->text == NULL)
        cJSON_AddNumberToObject(plan, "version", 1);
    /* init's notes would speak of questions now answered: they are made
     * again from the advice on the answers. */
    cJSON_DeleteItemFromObjectCaseSensitive(plan, "$schema");
    cJSON_DeleteItemFromObjectCaseSensitive(plan, "$comment");
    for (it = plan->child; it != NULL; it = it->next)
        if (cJSON_IsObject(it))
            cJSON_DeleteItemFromObjectCaseSensitive(it, "$comment");
    for (size_t i = 0; i < iv->n; i++)
        if (iv->v[i].value != NULL)
            put_value(plan, iv->v[i].row, iv->v[i].value);
    sort_members(plan, AA_FIELD_ROOT);
    /* Questions skipped, as the interview's last line counts them: the
     * fields never asked are unknown too, and the notes below name those
     * the advice needs. */
    first = aa_xasprintf("Plan from attrib-advise interview%s%s: %zu answered, "
                         "%zu skipped.",
                         iv->path != NULL ? " over " : "",
                         iv->path != NULL ? iv->path : "",
                         aa_interview_answered(iv), aa_interview_skipped(iv));
    if (aa_init_annotate(iv->rs, plan, first) == 0) {
        text = aa_jsonw_print(plan);
        rc = fputs(text, fp) == EOF ? -1 : 0;
        free(text);
    }
    free(first);
    cJSON_Delete(plan);
    return rc;
}
