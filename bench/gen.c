/*
 * gen.c -- deterministic inputs for bench/run.sh.
 *
 *   gen plans [-n N] [-k SIZE] [-s SEED]   N plans, one per line (NDJSON)
 *   gen iac DIR N [-s SEED]                N .tf and .bicep files in DIR
 *
 * Plans cover every partner profile of `attrib-advise init` (msp, isv, si,
 * csp, saas, licensing), in turn, and vary what the rules read: agreements
 * (per workload too), workloads, DPOR state, access, identities, roles
 * (eligible, ineligible, custom, unknown, spelt with other case), Partner
 * IDs (global and malformed ones too), marketplace listings, deployments
 * and CUA, goals; any field may be left out, as a plan that does not know
 * it would.  Every plan is valid contract v1, so the batch measures advice,
 * not rejection.
 *
 * Plan i depends only on the seed and i, so a shorter run reads a prefix
 * of a longer one.  SIZE multiplies the free-text arrays the rules iterate
 * (roles, designations, resource types), so -k 4 writes the same plans,
 * larger.  The generator is self-contained (its own PRNG, no libc rand())
 * so every machine writes the same bytes.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* splitmix64: one 64-bit state, good enough mixing for test data. */
static uint64_t
next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15u);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* A number in [0, n). */
static unsigned
pick(uint64_t *s, unsigned n)
{
    return (unsigned)(next(s) % n);
}

/* True with probability pct/100. */
static int
chance(uint64_t *s, unsigned pct)
{
    return pick(s, 100) < pct;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* One JSON object being written: a stack of "need a comma" flags. */
struct out {
    FILE *f;
    int comma[16];
    int depth;
};

static void
sep(struct out *o)
{
    if (o->comma[o->depth])
        fputc(',', o->f);
    o->comma[o->depth] = 1;
}

static void
key(struct out *o, const char *k)
{
    sep(o);
    fprintf(o->f, "\"%s\":", k);
}

static void
begin(struct out *o, const char *k, char c)
{
    if (k != NULL)
        key(o, k);
    else if (o->depth > 0)
        sep(o);
    fputc(c, o->f);
    o->comma[++o->depth] = 0;
}

static void
end(struct out *o, char c)
{
    fputc(c, o->f);
    o->depth--;
}

/* Strings written here never need escaping but the quote and backslash. */
static void
str(struct out *o, const char *k, const char *v)
{
    if (k != NULL)
        key(o, k);
    else
        sep(o);
    fputc('"', o->f);
    for (; *v != '\0'; v++) {
        if (*v == '"' || *v == '\\')
            fputc('\\', o->f);
        fputc(*v, o->f);
    }
    fputc('"', o->f);
}

static void
boolean(struct out *o, const char *k, int v)
{
    key(o, k);
    fputs(v ? "true" : "false", o->f);
}

static void
integer(struct out *o, const char *k, long v)
{
    key(o, k);
    fprintf(o->f, "%ld", v);
}

/* A field that is present with probability pct, one of vals. */
static void
maybe_enum(struct out *o, uint64_t *s, unsigned pct, const char *k,
           const char *const *vals, size_t n)
{
    if (chance(s, pct))
        str(o, k, vals[pick(s, (unsigned)n)]);
}

static void
maybe_bool(struct out *o, uint64_t *s, unsigned pct, const char *k,
           unsigned true_pct)
{
    if (chance(s, pct))
        boolean(o, k, chance(s, true_pct));
}

/* An array of 'count' distinct values of vals, in their order. */
static void
enum_set(struct out *o, uint64_t *s, const char *k, const char *const *vals,
         size_t n, unsigned count)
{
    unsigned char on[16] = {0};

    for (unsigned i = 0; i < count && i < n; i++)
        on[pick(s, (unsigned)n)] = 1;
    begin(o, k, '[');
    for (size_t i = 0; i < n; i++)
        if (on[i])
            str(o, NULL, vals[i]);
    end(o, ']');
}

static const char *const agreements[] = {"ea", "mca", "web_direct", "csp"};
static const char *const offers[] = {
    "standard", "standard", "standard", "standard",  "standard", "standard",
    "standard", "standard", "standard", "sponsored", "trial",    "benefit"};
static const char *const changes[] = {"none", "none", "ea_to_mca",
                                      "csp_to_direct"};
static const char *const workloads[] = {"azure", "modern_work", "dynamics_365",
                                        "power_platform", "customer_insights"};
static const char *const dpor_current[] = {"none", "self", "other"};
static const char *const activities[] = {"resell", "deploy",   "operate",
                                         "advise", "build_ip", "host_saas"};
static const char *const identities[] = {
    "guest_user",         "guest_user", "directory_user",   "service_principal",
    "managed_identity",   "lighthouse", "csp_admin_agents", "gdap_only",
    "shared_credentials", "none"};
static const char *const assignments[] = {"permanent", "permanent", "jit"};
static const char *const scopes[] = {"management_group", "subscription",
                                     "resource_group", "resource"};
static const char *const pal_linked[] = {"none", "self", "other_partner_id"};
static const char *const lh_offer[] = {"template", "marketplace"};
static const char *const channels[] = {"volume_licensing", "web_direct", "csp"};
static const char *const hosted[] = {"customer_tenant", "partner_tenant",
                                     "none"};
static const char *const listings[] = {"none", "contact_me", "free_trial",
                                       "byol", "transactable"};
static const char *const offer_types[] = {
    "saas",      "virtual_machine", "azure_application", "managed_service",
    "container", "consulting"};
static const char *const paths[] = {"azure_portal", "appsource",
                                    "private_offer", "none"};
static const char *const dep_status[] = {"planned", "deployed"};
static const char *const dep_by[] = {"self", "other_partner", "customer",
                                     "marketplace"};
static const char *const tools[] = {"arm", "bicep",      "terraform", "sdk",
                                    "cli", "powershell", "ansible",   "portal"};
static const char *const guid_owner[] = {"self", "other_partner"};
static const char *const granularity[] = {"product_channel", "product",
                                          "customer", "deployment"};
static const char *const placement[] = {"root_template", "nested_template",
                                        "provider", "user_agent"};
static const char *const goals[] = {
    "acr_recognition",     "designation", "pec",       "macc_drawdown",
    "marketplace_rewards", "ip_cosell",   "incentives"};
/* Roles the rules judge: PEC-eligible, not eligible, in neither list of
 * Microsoft's table (custom, or not listed), spelt with other case, and a
 * classic administrator role (PAL-F14). */
static const char *const roles[] = {"Contributor",
                                    "Owner",
                                    "Reader",
                                    "Billing Reader",
                                    "Support Request Contributor",
                                    "Storage Account Contributor",
                                    "Virtual Machine Contributor",
                                    "Cost Management Reader",
                                    "contributor",
                                    "READER",
                                    "custom:platform-operator",
                                    "Landing Zone Operator",
                                    "Co-Administrator"};
static const char *const designations[] = {"infrastructure_azure",
                                           "data_ai_azure",
                                           "digital_app_innovation_azure",
                                           "security",
                                           "modern_work",
                                           "business_applications",
                                           "certified_software_azure"};
static const char *const resource_types[] = {
    "Microsoft.Storage/storageAccounts",
    "Microsoft.Web/sites",
    "Microsoft.ContainerService/managedClusters",
    "Microsoft.Sql/servers",
    "Microsoft.Compute/virtualMachineScaleSets",
    "Microsoft.KeyVault/vaults",
    "microsoft.batch/batchaccounts",
    "Microsoft.Synapse/workspaces"};
static const char *const guids[] = {"5c3b8d4e-2a1f-4e6b-9c7d-8e0f1a2b3c4d",
                                    "3F2504E0-4F89-41D3-9A0C-0305E82C3301",
                                    "00000000-0000-0000-0000-000000000000",
                                    "pid-5c3b8d4e-2a1f-4e6b-9c7d",
                                    "not-a-guid"};

/* The partner profiles of `attrib-advise init --profile`, in its order. */
enum profile { MSP, ISV, SI, CSP, SAAS, LICENSING, NPROFILES };

/*
 * 'count' items of pool, 'size' times over: the plan-size factor.  The
 * items past the first 'count' come from a stream of their own, so every
 * other choice of the plan is the same at any size: -k 4 writes the same
 * plans, larger.
 */
static void
text_array(struct out *o, uint64_t *s, const char *k, const char *const *pool,
           size_t n, unsigned count, unsigned size)
{
    uint64_t more = *s ^ 0x5851f42d4c957f2du;

    begin(o, k, '[');
    for (unsigned i = 0; i < count; i++)
        str(o, NULL, pool[pick(s, (unsigned)n)]);
    for (unsigned i = count; i < count * size; i++)
        str(o, NULL, pool[pick(&more, (unsigned)n)]);
    end(o, ']');
}

/* Notes for people, as `attrib-advise init` writes them in each section:
 * the rest of what a larger plan holds (3 per size step past the first). */
static void
notes(struct out *o, unsigned size)
{
    static const char *const pool[] = {
        "Confirmed with the customer's cloud team in the kick-off meeting.",
        "To check against the signed statement of work before go-live.",
        "Taken from the customer's Partner Center record, not re-verified.",
        "Owner of this answer: the engagement manager of the account."};

    if (size < 2)
        return;
    begin(o, "$comment", '[');
    for (unsigned i = 0; i < 3 * (size - 1); i++)
        str(o, NULL, pool[i % N(pool)]);
    end(o, ']');
}

static void
partner(struct out *o, uint64_t *s, enum profile p, size_t i, unsigned size)
{
    static const char *const kinds[] = {
        "location", "location", "location", "location", "location",
        "location", "location", "location", "location", "global"};
    static const char *const types[NPROFILES] = {
        "msp", "isv", "si", "csp_direct", "saas_isv", "lsp"};
    static const char *const extra[] = {
        "msp",     "si", "csp_indirect_reseller", "csp_indirect_provider",
        "advisor", "isv"};
    char buf[32];

    begin(o, "partner", '{');
    snprintf(buf, sizeof(buf), "Partner %zu", i % 9973);
    str(o, "name", buf);
    if (chance(s, 92)) {
        if (chance(s, 95))
            snprintf(buf, sizeof(buf), "%07u", 1000000 + pick(s, 8999999));
        else
            snprintf(buf, sizeof(buf), "PID-%u", pick(s, 9999));
        str(o, "partner_id", buf);
    }
    maybe_enum(o, s, 85, "partner_id_kind", kinds, N(kinds));
    begin(o, "types", '[');
    str(o, NULL, types[p]);
    if (chance(s, 15))
        str(o, NULL, extra[pick(s, N(extra))]);
    end(o, ']');
    if (p == ISV || p == SAAS || chance(s, 10))
        maybe_bool(o, s, 80, "marketplace_publisher", 70);
    if (chance(s, 40))
        text_array(o, s, "designations", designations, N(designations),
                   1 + pick(s, 2), size);
    if (p == SAAS)
        maybe_bool(o, s, 60, "pracr_grandfathered", 20);
    notes(o, size);
    end(o, '}');
}

static void
customer(struct out *o, uint64_t *s, enum profile p, size_t i, unsigned size)
{
    unsigned char on[N(workloads)] = {0};
    unsigned nw = 0;
    char buf[32];

    begin(o, "customer", '{');
    snprintf(buf, sizeof(buf), "Customer %zu", i % 7919);
    str(o, "name", buf);
    if (p == CSP)
        str(o, "agreement", "csp");
    else
        maybe_enum(o, s, 88, "agreement", agreements, N(agreements));
    maybe_enum(o, s, 85, "offer_category", offers, N(offers));
    maybe_enum(o, s, 70, "agreement_change", changes, N(changes));
    if (chance(s, 90)) {
        /* Mostly Azure alone; a quarter of the plans several clouds. */
        if (chance(s, 65)) {
            on[0] = 1;
        } else {
            unsigned k = 1 + pick(s, 3);

            for (unsigned j = 0; j < k; j++)
                on[pick(s, N(workloads))] = 1;
        }
        begin(o, "workloads", '[');
        for (size_t w = 0; w < N(workloads); w++)
            if (on[w]) {
                str(o, NULL, workloads[w]);
                nw++;
            }
        end(o, ']');
        /* Agreements per workload: the views of docs/scenario.md. */
        if ((nw > 1 || !on[0]) && chance(s, 60)) {
            begin(o, "agreements", '{');
            for (size_t w = 1; w < N(workloads); w++)
                if (on[w] && chance(s, 70))
                    str(o, workloads[w], agreements[pick(s, N(agreements))]);
            end(o, '}');
        }
    }
    maybe_bool(o, s, 50, "macc", 40);
    if (chance(s, 80)) {
        begin(o, "dpor", '{');
        maybe_enum(o, s, 85, "current", dpor_current, N(dpor_current));
        maybe_bool(o, s, 75, "will_assign", 55);
        end(o, '}');
    }
    notes(o, size);
    end(o, '}');
}

static void
engagement(struct out *o, uint64_t *s, enum profile p, unsigned size)
{
    static const unsigned main_activity[NPROFILES] = {2, 4, 1, 0, 5, 0};
    unsigned char on[N(activities)] = {0};
    const char *identity = NULL;

    begin(o, "engagement", '{');
    if (chance(s, 94)) {
        on[main_activity[p]] = 1;
        if (chance(s, 35))
            on[pick(s, N(activities))] = 1;
        begin(o, "activities", '[');
        for (size_t a = 0; a < N(activities); a++)
            if (on[a])
                str(o, NULL, activities[a]);
        end(o, ']');
    }
    if (p == CSP)
        boolean(o, "transacting_partner", 1);
    else
        maybe_bool(o, s, 85, "transacting_partner", 15);
    if (chance(s, 88)) {
        begin(o, "access", '{');
        maybe_bool(o, s, 90, "to_customer", p == ISV || p == SAAS ? 35 : 80);
        if (chance(s, 85)) {
            identity = identities[pick(s, N(identities))];
            str(o, "identity", identity);
        }
        if (chance(s, 80)) {
            unsigned count = chance(s, 8) ? 0 : 1 + pick(s, 3);

            text_array(o, s, "roles", roles, N(roles), count,
                       count == 0 ? 1 : size);
        }
        maybe_enum(o, s, 70, "assignment", assignments, N(assignments));
        maybe_enum(o, s, 70, "scope", scopes, N(scopes));
        maybe_bool(o, s, 60, "classic_admin", 10);
        maybe_enum(o, s, 75, "pal_linked", pal_linked, N(pal_linked));
        if (identity != NULL && strcmp(identity, "lighthouse") == 0)
            maybe_enum(o, s, 85, "lighthouse_offer", lh_offer, N(lh_offer));
        maybe_bool(o, s, 30, "resource_owner", 60);
        end(o, '}');
    }
    maybe_bool(o, s, 60, "other_partners", 30);
    maybe_bool(o, s, 50, "proof_of_execution", 60);
    if (chance(s, 40)) {
        begin(o, "cpor", '{');
        maybe_bool(o, s, 80, "claimed_by_other", 20);
        maybe_enum(o, s, 80, "purchase_channel", channels, N(channels));
        end(o, '}');
    }
    notes(o, size);
    end(o, '}');
}

static void
solution(struct out *o, uint64_t *s, enum profile p, unsigned size)
{
    int builds = p == ISV || p == SAAS || p == SI;

    if (!builds && !chance(s, 15))
        return;
    begin(o, "solution", '{');
    if (p == ISV)
        str(o, "hosted_in", "customer_tenant");
    else if (p == SAAS)
        str(o, "hosted_in", "partner_tenant");
    else
        maybe_enum(o, s, 80, "hosted_in", hosted, N(hosted));
    if (chance(s, 60)) {
        begin(o, "marketplace", '{');
        maybe_enum(o, s, 90, "listing", listings, N(listings));
        maybe_enum(o, s, 80, "offer_type", offer_types, N(offer_types));
        maybe_bool(o, s, 60, "azure_benefit_eligible", 50);
        maybe_enum(o, s, 70, "purchase_path", paths, N(paths));
        end(o, '}');
    }
    if (p != SAAS && chance(s, 75)) {
        begin(o, "deployment", '{');
        maybe_enum(o, s, 85, "status", dep_status, N(dep_status));
        maybe_enum(o, s, 80, "by", dep_by, N(dep_by));
        if (chance(s, 80))
            enum_set(o, s, "tools", tools, N(tools), 1 + pick(s, 3));
        maybe_bool(o, s, 60, "automated", 50);
        maybe_bool(o, s, 60, "new_resources", 80);
        if (chance(s, 50))
            text_array(o, s, "resource_types", resource_types,
                       N(resource_types), 1 + pick(s, 2), size);
        maybe_bool(o, s, 50, "uses_avm", 30);
        if (chance(s, 75)) {
            begin(o, "cua", '{');
            maybe_enum(o, s, 80, "guid", guids, N(guids));
            maybe_enum(o, s, 40, "guid_owner", guid_owner, N(guid_owner));
            maybe_bool(o, s, 80, "registered", 75);
            maybe_bool(o, s, 70, "registered_before_deploy", 70);
            maybe_enum(o, s, 60, "granularity", granularity, N(granularity));
            if (chance(s, 70))
                enum_set(o, s, "placement", placement, N(placement),
                         1 + pick(s, 2));
            maybe_bool(o, s, 60, "customer_informed", 70);
            end(o, '}');
        }
        end(o, '}');
    }
    end(o, '}');
}

static void
plan(FILE *f, uint64_t seed, size_t i, unsigned size)
{
    uint64_t s = seed ^ ((uint64_t)i * 0xd1342543de82ef95u);
    enum profile p = (enum profile)(i % NPROFILES);
    struct out o = {f, {0}, 0};
    char buf[40];

    next(&s);
    begin(&o, NULL, '{');
    integer(&o, "version", 1);
    snprintf(buf, sizeof(buf), "plan-%zu", i);
    str(&o, "id", buf);
    partner(&o, &s, p, i, size);
    customer(&o, &s, p, i, size);
    engagement(&o, &s, p, size);
    solution(&o, &s, p, size);
    if (p == SAAS && chance(&s, 70)) {
        begin(&o, "deal_registration", '{');
        maybe_bool(&o, &s, 85, "approved", 60);
        end(&o, '}');
    }
    if (chance(&s, 70))
        enum_set(&o, &s, "goals", goals, N(goals), 1 + pick(&s, 3));
    /* Notes and extensions are read past, as a plan from `init` has them. */
    if (chance(&s, 10))
        str(&o, "$comment", "Answered in the kick-off workshop.");
    if (chance(&s, 5)) {
        begin(&o, "x-crm", '{');
        str(&o, "account", buf);
        end(&o, '}');
    }
    end(&o, '}');
    fputc('\n', f);
}

/* --- deployment code ------------------------------------------------- */

/* A Terraform file of one module (the folder): providers with and without
 * a partner id, variables other files read, resources. */
static void
tf_file(FILE *f, uint64_t *s, size_t i)
{
    unsigned kind = pick(s, 4);
    size_t j = i >= 2 ? i - 2 : i; /* a sibling declares what this reads */

    fprintf(f, "# Generated module file %zu.\n", i);
    if (kind == 0) {
        fprintf(f,
                "provider \"azurerm\" {\n  alias      = \"p%zu\"\n"
                "  features {}\n  partner_id = \"%s\"\n}\n\n",
                i, guids[pick(s, 3)]);
    } else if (kind == 1) {
        fprintf(f,
                "variable \"partner_id_%zu\" {\n  type    = string\n"
                "  default = \"%s\"\n}\n\n"
                "provider \"azapi\" {\n  alias      = \"a%zu\"\n"
                "  partner_id = var.partner_id_%zu\n}\n\n",
                i, guids[pick(s, 2)], i, j);
    } else if (kind == 2) {
        fprintf(f,
                "locals {\n  name_%zu = \"app-%zu\"\n  tags_%zu = {\n"
                "    owner = \"platform\"\n  }\n}\n\n",
                i, i, i);
    }
    fprintf(f,
            "resource \"azurerm_storage_account\" \"sa%zu\" {\n"
            "  name                     = \"st%zu\"\n"
            "  resource_group_name      = \"rg-%zu\"\n"
            "  location                 = \"westeurope\"\n"
            "  account_tier             = \"Standard\"\n"
            "  account_replication_type = \"LRS\"\n"
            "  tags = {\n    env = \"${var.env_%zu}\"\n  }\n}\n\n"
            "variable \"env_%zu\" {\n  type    = string\n"
            "  default = \"prod\"\n}\n",
            i, i, i, j, i);
}

/* A Bicep file: a top-level file with a pid module, or a plain one. */
static void
bicep_file(FILE *f, uint64_t *s, size_t i)
{
    fprintf(f,
            "// Generated Bicep file %zu.\n"
            "targetScope = 'resourceGroup'\n\n"
            "@description('Send the partner tracking deployment.')\n"
            "param enableTelemetry bool = %s\n"
            "param location string = resourceGroup().location\n\n",
            i, chance(s, 80) ? "true" : "false");
    switch (pick(s, 3)) {
    case 0:
        fprintf(f,
                "var cuaId = '%s'\n\n"
                "resource partnerTracking "
                "'Microsoft.Resources/deployments@2021-04-01' = if "
                "(enableTelemetry) {\n"
                "  name: 'pid-${cuaId}-${uniqueString(resourceGroup().id)}'\n"
                "  properties: {\n    mode: 'Incremental'\n"
                "    template: {\n"
                "      '$schema': "
                "'https://schema.management.azure.com/schemas/2019-04-01/"
                "deploymentTemplate.json#'\n"
                "      contentVersion: '1.0.0.0'\n      resources: []\n"
                "    }\n  }\n}\n\n",
                guids[pick(s, 3)]);
        break;
    case 1:
        fprintf(f,
                "resource pid 'Microsoft.Resources/deployments@2021-04-01'"
                " = {\n  name: 'pid-%s'\n  properties: {\n"
                "    mode: 'Incremental'\n    template: {\n"
                "      '$schema': "
                "'https://schema.management.azure.com/schemas/2019-04-01/"
                "deploymentTemplate.json#'\n"
                "      contentVersion: '1.0.0.0'\n      resources: []\n"
                "    }\n  }\n}\n\n",
                guids[pick(s, 5)]);
        break;
    default:
        break;
    }
    fprintf(f,
            "resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n"
            "  name: 'st${uniqueString(resourceGroup().id)}%zu'\n"
            "  location: location\n  kind: 'StorageV2'\n"
            "  sku: {\n    name: 'Standard_LRS'\n  }\n}\n\n"
            "output id string = sa.id\n",
            i);
}

static int
iac(const char *dir, size_t n, uint64_t seed)
{
    char path[4096];

    for (size_t i = 0; i < n; i++) {
        uint64_t s = seed ^ ((uint64_t)i * 0xd1342543de82ef95u);
        int tf = i % 2 == 0;
        FILE *f;

        next(&s);
        snprintf(path, sizeof(path), "%s/f%05zu.%s", dir, i,
                 tf ? "tf" : "bicep");
        if ((f = fopen(path, "w")) == NULL) {
            fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
            return 1;
        }
        if (tf)
            tf_file(f, &s, i);
        else
            bicep_file(f, &s, i);
        if (fclose(f) != 0) {
            fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
            return 1;
        }
    }
    return 0;
}

static int
usage(void)
{
    fputs("usage: gen plans [-n N] [-k SIZE] [-s SEED]\n"
          "       gen iac DIR N [-s SEED]\n",
          stderr);
    return 2;
}

static unsigned long long
number(const char *s)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0') {
        fprintf(stderr, "gen: '%s' is not a number\n", s);
        exit(2);
    }
    return v;
}

int
main(int argc, char **argv)
{
    unsigned long long n = 1000, size = 1, seed = 15;
    const char *dir = NULL;
    int a = 2;

    if (argc < 2)
        return usage();
    if (strcmp(argv[1], "iac") == 0) {
        if (argc < 4)
            return usage();
        dir = argv[2];
        n = number(argv[3]);
        a = 4;
    } else if (strcmp(argv[1], "plans") != 0) {
        return usage();
    }
    for (; a + 1 < argc; a += 2) {
        if (strcmp(argv[a], "-n") == 0)
            n = number(argv[a + 1]);
        else if (strcmp(argv[a], "-k") == 0)
            size = number(argv[a + 1]);
        else if (strcmp(argv[a], "-s") == 0)
            seed = number(argv[a + 1]);
        else
            return usage();
    }
    if (a != argc || size < 1 || size > 1000)
        return usage();
    if (dir != NULL)
        return iac(dir, (size_t)n, seed);
    for (size_t i = 0; i < n; i++)
        plan(stdout, seed, i, (unsigned)size);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("gen");
        return 1;
    }
    return 0;
}
