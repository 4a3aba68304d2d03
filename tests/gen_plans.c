/*
 * gen_plans.c -- N varied plans for the portfolio tests and bench/, the
 * same N for the same seed on every machine.
 *
 *   gen_plans N [SEED]        N plans as NDJSON on standard output
 *   gen_plans N SEED DIR      N plan files DIR/plan-NNNNNN.json
 *
 * Every field a plan writes is drawn from the contract table itself
 * (contract.h), so a field or value added to the contract is generated
 * without a change here: each is present with some probability, with a
 * value of its type (an enumeration's values, a role of the PEC table or
 * not, a GUID or a malformed one).  Some plans carry suppressions, and a
 * few cannot be read (a value the contract refuses, or broken JSON), so
 * that every section of a summary has something to count.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "contract.h"

static uint64_t state = 88172645463325252u;

/* xorshift64: small, and the same everywhere. */
static uint32_t
next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t)(state >> 32);
}

static unsigned
pick(unsigned n)
{
    return n == 0 ? 0 : next() % n;
}

static int
chance(unsigned percent)
{
    return pick(100) < percent;
}

static const char *const names[] = {
    "Contoso",       "Fabrikam",  "Northwind",     "Woodgrove",
    "Litware",       "Proseware", "Adatum",        "Relecloud",
    "Tailspin Toys", "Wingtip",   "Fourth Coffee", "Alpine Ski House"};
static const char *const roles[] = {"Contributor",
                                    "Owner",
                                    "Reader",
                                    "Virtual Machine Contributor",
                                    "Support Request Contributor",
                                    "Billing Reader",
                                    "custom:ops-team"};
static const char *const suppressible[] = {
    "dpor.ea-renewal", "gen.nothing-secured", "cua.no-partner-reports",
    "pal.several-partners", "dpor.customer-declines"};

#define N_OF(a) (sizeof(a) / sizeof(*(a)))

/* Values drawn more often than their share, so that plans look like
 * engagements more than like noise, and every verdict turns up: a
 * location Partner ID, access to the customer, Azure among the
 * workloads, a managed or built solution. */
static const struct {
    const char *ptr, *value;
    unsigned percent;
} leanings[] = {
    {"/partner/partner_id_kind", "location", 85},
    {"/engagement/access/to_customer", "true", 75},
    {"/customer/workloads", "azure", 70},
    {"/customer/offer_category", "standard", 80},
    {"/engagement/activities", "build_ip", 35},
    {"/engagement/activities", "operate", 40},
    {"/solution/deployment/cua/registered", "true", 60},
    {"/solution/deployment/cua/registered_before_deploy", "true", 60},
    {"/solution/deployment/new_resources", "true", 75},
    {"/customer/dpor/current", "none", 50},
};

/* A leaning's value for the field at ptr, or NULL: draw as usual. */
static const char *
leaning(const char *ptr)
{
    for (size_t i = 0; i < N_OF(leanings); i++)
        if (strcmp(leanings[i].ptr, ptr) == 0 && chance(leanings[i].percent))
            return leanings[i].value;
    return NULL;
}

/* The object at 'ptr's parent, made on the way. */
static cJSON *
parent_of(cJSON *root, const char *ptr, const char **key)
{
    cJSON *o = root;
    const char *s = ptr + 1, *slash;

    while ((slash = strchr(s, '/')) != NULL) {
        char seg[64];
        size_t n = (size_t)(slash - s);
        cJSON *child;

        if (n >= sizeof(seg))
            n = sizeof(seg) - 1;
        memcpy(seg, s, n);
        seg[n] = '\0';
        if ((child = cJSON_GetObjectItemCaseSensitive(o, seg)) == NULL)
            child = cJSON_AddObjectToObject(o, seg);
        o = child;
        s = slash + 1;
    }
    *key = s;
    return o;
}

static cJSON *
string_value(const char *ptr, unsigned i)
{
    char buf[64];

    if (strcmp(ptr, "/id") == 0) {
        snprintf(buf, sizeof(buf), "plan-%06u", i);
        return cJSON_CreateString(buf);
    }
    if (strcmp(ptr, "/partner/partner_id") == 0)
        return cJSON_CreateString(chance(90) ? "1234567" : "12-34");
    if (strstr(ptr, "/name") != NULL)
        return cJSON_CreateString(names[pick(N_OF(names))]);
    if (strstr(ptr, "/guid") != NULL) {
        if (chance(10))
            return cJSON_CreateString("not-a-guid");
        snprintf(buf, sizeof(buf), "%08x-%04x-4%03x-8%03x-%08x%04x", next(),
                 pick(0x10000), pick(0x1000), pick(0x1000), next(),
                 pick(0x10000));
        return cJSON_CreateString(buf);
    }
    return cJSON_CreateString("text");
}

static cJSON *
strings_value(const char *ptr)
{
    cJSON *a = cJSON_CreateArray();
    unsigned n = pick(3);

    for (unsigned k = 0; k <= n; k++) {
        const char *v = "text";

        if (strstr(ptr, "/roles") != NULL)
            v = roles[pick(N_OF(roles))];
        else if (strstr(ptr, "/designations") != NULL)
            v = "Solutions Partner for Infrastructure (Azure)";
        else if (strstr(ptr, "/resource_types") != NULL)
            v = k == 0 ? "Microsoft.Web/sites" : "Microsoft.Sql/servers";
        cJSON_AddItemToArray(a, cJSON_CreateString(v));
    }
    return a;
}

static cJSON *
enums_value(int row)
{
    cJSON *a = cJSON_CreateArray();
    unsigned count = (unsigned)aa_contract_enum_count(row);
    unsigned n = chance(5) ? 0 : 1 + pick(3);

    for (unsigned k = 0; k < n; k++) {
        const char *v = aa_fields[row].values[pick(count)];
        int dup = 0;
        cJSON *it;

        cJSON_ArrayForEach(it, a) dup |= strcmp(it->valuestring, v) == 0;
        if (!dup)
            cJSON_AddItemToArray(a, cJSON_CreateString(v));
    }
    return a;
}

/* Plan i, as one line of JSON (the caller frees it). */
static char *
plan(unsigned i)
{
    cJSON *root = cJSON_CreateObject();
    unsigned present = 60 + pick(35); /* how complete this plan is */
    char *text;

    cJSON_AddNumberToObject(root, "version", 1);
    for (size_t row = 1; row < aa_field_count; row++) {
        const struct aa_field *f = &aa_fields[row];
        const char *key, *lean;
        cJSON *parent, *v = NULL;

        if (f->derived || aa_contract_source((int)row) >= 0 ||
            strcmp(f->ptr, "/version") == 0 ||
            strcmp(f->ptr, "/solution/artifacts") == 0 ||
            (strcmp(f->ptr, "/id") != 0 && !chance(present)))
            continue;
        lean = leaning(f->ptr);
        switch (f->type) {
        case AA_T_BOOL:
            v = cJSON_CreateBool(lean ? strcmp(lean, "true") == 0 : chance(50));
            break;
        case AA_T_ENUM:
            v = cJSON_CreateString(
                lean ? lean
                     : f->values[pick(
                           (unsigned)aa_contract_enum_count((int)row))]);
            break;
        case AA_T_ENUM_ARRAY:
            v = enums_value((int)row);
            if (lean != NULL && cJSON_GetArraySize(v) > 0)
                cJSON_ReplaceItemInArray(v, 0, cJSON_CreateString(lean));
            break;
        case AA_T_STRING:
            v = string_value(f->ptr, i);
            break;
        case AA_T_STRING_ARRAY:
            v = strings_value(f->ptr);
            break;
        case AA_T_OBJECT:
        case AA_T_INT:
            break;
        }
        if (v == NULL)
            continue;
        parent = parent_of(root, f->ptr, &key);
        cJSON_AddItemToObject(parent, key, v);
    }
    if (chance(10)) {
        cJSON *a = cJSON_AddArrayToObject(root, "x-attrib-suppress");
        cJSON *e = cJSON_CreateObject();

        cJSON_AddStringToObject(e, "rule",
                                chance(80)
                                    ? suppressible[pick(N_OF(suppressible))]
                                    : "no.such-rule");
        cJSON_AddStringToObject(e, "reason", "accepted for this customer");
        cJSON_AddItemToArray(a, e);
    }
    if (chance(1)) { /* refused by the contract: unreadable */
        cJSON *c = cJSON_GetObjectItemCaseSensitive(root, "customer");

        if (c == NULL)
            c = cJSON_AddObjectToObject(root, "customer");
        cJSON_DeleteItemFromObjectCaseSensitive(c, "agreement");
        cJSON_AddStringToObject(c, "agreement", "enterprise");
    }
    text = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (text != NULL && chance(1))
        text[strlen(text) / 2] = '\0'; /* broken JSON: unreadable */
    return text;
}

int
main(int argc, char **argv)
{
    unsigned long n;
    const char *dir = argc > 3 ? argv[3] : NULL;

    if (argc < 2 || argc > 4) {
        fputs("usage: gen_plans N [SEED [DIR]]\n", stderr);
        return 2;
    }
    n = strtoul(argv[1], NULL, 10);
    if (argc > 2)
        state ^= strtoull(argv[2], NULL, 10) * 0x9e3779b97f4a7c15u;
    if (state == 0)
        state = 1;
    for (unsigned long i = 1; i <= n; i++) {
        char *text = plan((unsigned)i);
        FILE *fp = stdout;
        char path[4096];

        if (text == NULL)
            return 4;
        if (dir != NULL) {
            snprintf(path, sizeof(path), "%s/plan-%06lu.json", dir, i);
            if ((fp = fopen(path, "w")) == NULL) {
                perror(path);
                return 4;
            }
        }
        fprintf(fp, "%s\n", text);
        if (dir != NULL && fclose(fp) != 0)
            return 4;
        free(text);
    }
    return fflush(stdout) == 0 ? 0 : 4;
}
