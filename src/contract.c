/*
 * contract.c -- the scenario contract v1 (docs/scenario.md) as data.
 *
 * Invariant: rows are in document order and every parent precedes its
 * children, so a single pass over the table visits objects before their
 * members.  Changing the contract means changing this table, the docs and
 * rules/schema/scenario.schema.json (a test compares the last one with
 * aa_contract_schema()).
 */
#include "contract.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "arena.h"
#include "attrib_advise.h"
#include "diag.h"
#include "jsonw.h"
#include "word8.h"

static const char *const partner_kinds[] = {"location", "global", NULL};
static const char *const partner_types[] = {"isv",
                                            "saas_isv",
                                            "si",
                                            "msp",
                                            "csp_direct",
                                            "csp_indirect_provider",
                                            "csp_indirect_reseller",
                                            "lsp",
                                            "advisor",
                                            NULL};
static const char *const agreements[] = {"ea", "mca", "web_direct", "csp",
                                         NULL};
static const char *const offer_categories[] = {
    "standard", "sponsored", "internal", "trial", "benefit", NULL};
static const char *const agreement_changes[] = {"none", "ea_to_mca",
                                                "csp_to_direct", NULL};
static const char *const workloads[] = {
    "azure",          "modern_work",       "dynamics_365",
    "power_platform", "customer_insights", NULL};
static const char *const dpor_current[] = {"none", "self", "other", NULL};
static const char *const activities[] = {
    "resell", "deploy", "operate", "advise", "build_ip", "host_saas", NULL};
static const char *const identities[] = {"guest_user",
                                         "directory_user",
                                         "service_principal",
                                         "managed_identity",
                                         "lighthouse",
                                         "csp_admin_agents",
                                         "gdap_only",
                                         "shared_credentials",
                                         "none",
                                         NULL};
static const char *const assignments[] = {"permanent", "jit", NULL};
static const char *const scopes[] = {"management_group", "subscription",
                                     "resource_group", "resource", NULL};
static const char *const pal_linked[] = {"none", "self", "other_partner_id",
                                         NULL};
static const char *const lighthouse_offers[] = {"template", "marketplace",
                                                NULL};
static const char *const purchase_channels[] = {"volume_licensing",
                                                "web_direct", "csp", NULL};
static const char *const hosted_in[] = {"customer_tenant", "partner_tenant",
                                        "none", NULL};
static const char *const listings[] = {"none", "contact_me",   "free_trial",
                                       "byol", "transactable", NULL};
static const char *const offer_types[] = {"saas",
                                          "virtual_machine",
                                          "azure_application",
                                          "managed_service",
                                          "container",
                                          "consulting",
                                          NULL};
static const char *const purchase_paths[] = {"azure_portal", "appsource",
                                             "private_offer", "none", NULL};
static const char *const dep_status[] = {"planned", "deployed", NULL};
static const char *const dep_by[] = {"self", "other_partner", "customer",
                                     "marketplace", NULL};
static const char *const tools[] = {"arm",     "bicep",  "terraform",
                                    "sdk",     "cli",    "powershell",
                                    "ansible", "portal", NULL};
static const char *const granularities[] = {"product_channel", "product",
                                            "customer", "deployment", NULL};
static const char *const placements[] = {"root_template", "nested_template",
                                         "provider", "user_agent", NULL};
static const char *const guid_owners[] = {"self", "other_partner", NULL};
/* The verdict names of report.h, for /outcome (rules of the second stage). */
static const char *const verdicts[] = {
    "recommended",    "automatic",  "possible", "blocked",
    "not_applicable", "needs_info", NULL};
static const char *const code_statuses[] = {"attributed", "at_risk",
                                            "not_attributed", NULL};
static const char *const goals[] = {
    "acr_recognition",     "designation", "pec",        "macc_drawdown",
    "marketplace_rewards", "ip_cosell",   "incentives", NULL};

/* Parent indices are written out: the table is small and a wrong index is
 * caught by test_contract (every parent is an object that precedes it and
 * is a prefix of the child's pointer). */
/* clang-format off */
const struct aa_field aa_fields[] = {
    /* 0 */ {"", "", AA_T_OBJECT, NULL, -1, "A scenario: partner, customer and engagement.", 0, "plan", NULL},
    /* 1 */ {"/version", "version", AA_T_INT, NULL, 0, "Contract version; must be 1.", 0, "contract version", "Which version of the scenario contract does the plan follow?"},
    /* 2 */ {"/id", "id", AA_T_STRING, NULL, 0, "Label used in reports.", 0, "plan name", "What short name should reports give this plan?"},
    /* 3 */ {"/partner", "partner", AA_T_OBJECT, NULL, 0, "The partner asking for advice.", 0, "partner", "Who is the partner asking for advice?"},
    /* 4 */ {"/partner/name", "name", AA_T_STRING, NULL, 3, "Partner name.", 0, "partner name", "What is the partner's name?"},
    /* 5 */ {"/partner/partner_id", "partner_id", AA_T_STRING, NULL, 3, "Partner ID, digits (GEN-F01).", 0, "Partner ID", "What is the partner's Partner ID (digits only)?"},
    /* 6 */ {"/partner/partner_id_kind", "partner_id_kind", AA_T_ENUM, partner_kinds, 3, "Location or global Partner ID (GEN-F02).", 0, "kind of Partner ID", "Which kind of Partner ID is it?"},
    /* 7 */ {"/partner/types", "types", AA_T_ENUM_ARRAY, partner_types, 3, "What kind of partner this is.", 0, "partner type", "What kind of partner is this?"},
    /* 8 */ {"/partner/marketplace_publisher", "marketplace_publisher", AA_T_BOOL, NULL, 3, "Has a commercial marketplace account (CUA-F05).", 0, "marketplace account", "Does the partner have a commercial marketplace account?"},
    /* 9 */ {"/partner/designations", "designations", AA_T_STRING_ARRAY, NULL, 3, "Designations held, as free text; PRACR reads certified_software_azure and azure_industry_ai (PRACR-F03).", 0, "designations", "Which designations does the partner hold (PRACR reads certified_software_azure and azure_industry_ai)?"},
    /* 10 */ {"/partner/pracr_grandfathered", "pracr_grandfathered", AA_T_BOOL, NULL, 3, "Kept PRACR access through Azure IP co-sell top tier (PRACR-F03).", 0, "kept PRACR access", "Did the partner keep PRACR access through the Azure IP co-sell top tier?"},
    /* 11 */ {"/partner/location_partner_id", "location_partner_id", AA_T_STRING, NULL, 3, "The Partner ID when it is a location ID (GEN-F02): absent when the plan gives a global or malformed one, so commands never print it.", 1, "location Partner ID", NULL},
    /* 12 */ {"/customer", "customer", AA_T_OBJECT, NULL, 0, "The customer.", 0, "customer", "Who is the customer?"},
    /* 13 */ {"/customer/name", "name", AA_T_STRING, NULL, 12, "Customer name.", 0, "customer name", "What is the customer's name?"},
    /* 14 */ {"/customer/agreement", "agreement", AA_T_ENUM, agreements, 12, "How the customer buys: the agreement of every workload that customer.agreements does not name.", 0, "customer agreement", "Which agreement does the customer buy under?"},
    /* 15 */ {"/customer/agreements", "agreements", AA_T_OBJECT, NULL, 12, "Agreements per workload, where one differs from customer.agreement (GEN-F07).", 0, "agreement per workload", "Does the customer buy some workload under another agreement?"},
    /* 16 */ {"/customer/agreements/modern_work", "modern_work", AA_T_ENUM, agreements, 15, "How the customer buys Microsoft 365 (Modern Work).", 0, "Microsoft 365 agreement", "Which agreement does the customer buy Microsoft 365 under?"},
    /* 17 */ {"/customer/agreements/dynamics_365", "dynamics_365", AA_T_ENUM, agreements, 15, "How the customer buys Dynamics 365.", 0, "Dynamics 365 agreement", "Which agreement does the customer buy Dynamics 365 under?"},
    /* 18 */ {"/customer/agreements/power_platform", "power_platform", AA_T_ENUM, agreements, 15, "How the customer buys Power Platform.", 0, "Power Platform agreement", "Which agreement does the customer buy Power Platform under?"},
    /* 19 */ {"/customer/agreements/customer_insights", "customer_insights", AA_T_ENUM, agreements, 15, "How the customer buys Customer Insights.", 0, "Customer Insights agreement", "Which agreement does the customer buy Customer Insights under?"},
    /* 20 */ {"/customer/offer_category", "offer_category", AA_T_ENUM, offer_categories, 12, "Kind of subscription offer (GEN-F04).", 0, "subscription offer", "What kind of subscription offer does the customer use?"},
    /* 21 */ {"/customer/agreement_change", "agreement_change", AA_T_ENUM, agreement_changes, 12, "Planned change of agreement (DPOR-F05, CSP-F07).", 0, "agreement change", "Is a change of agreement planned?"},
    /* 22 */ {"/customer/workloads", "workloads", AA_T_ENUM_ARRAY, workloads, 12, "Clouds the engagement touches (GEN-F07).", 0, "workloads", "Which Microsoft clouds does the engagement touch?"},
    /* 23 */ {"/customer/macc", "macc", AA_T_BOOL, NULL, 12, "Has an Azure consumption commitment (MBS-F03).", 0, "consumption commitment", "Does the customer have an Azure consumption commitment (MACC)?"},
    /* 24 */ {"/customer/dpor", "dpor", AA_T_OBJECT, NULL, 12, "Digital Partner of Record state.", 0, "DPOR", "What is the customer's Digital Partner of Record?"},
    /* 25 */ {"/customer/dpor/current", "current", AA_T_ENUM, dpor_current, 24, "Who is DPOR today.", 0, "current DPOR", "Who is the customer's Digital Partner of Record today?"},
    /* 26 */ {"/customer/dpor/will_assign", "will_assign", AA_T_BOOL, NULL, 24, "The customer agrees to set DPOR.", 0, "DPOR consent", "Will the customer set the partner as Digital Partner of Record?"},
    /* 27 */ {"/engagement", "engagement", AA_T_OBJECT, NULL, 0, "What the partner does for the customer.", 0, "engagement", "How does the partner work with the customer?"},
    /* 28 */ {"/engagement/activities", "activities", AA_T_ENUM_ARRAY, activities, 27, "Activities.", 0, "activities", "What does the partner do for the customer?"},
    /* 29 */ {"/engagement/transacting_partner", "transacting_partner", AA_T_BOOL, NULL, 27, "Bills this customer through CSP (CSP-F02).", 0, "CSP billing", "Does the partner bill this customer through CSP?"},
    /* 30 */ {"/engagement/access", "access", AA_T_OBJECT, NULL, 27, "Access to the customer's Azure resources.", 0, "access", "How does the partner reach the customer's Azure resources?"},
    /* 31 */ {"/engagement/access/to_customer", "to_customer", AA_T_BOOL, NULL, 30, "Has access to the customer tenant (PAL-F02).", 0, "access to the customer tenant", "Does the partner have access to the customer's tenant?"},
    /* 32 */ {"/engagement/access/identity", "identity", AA_T_ENUM, identities, 30, "Kind of identity used.", 0, "access identity", "Which kind of identity does the partner use in the customer's tenant?"},
    /* 33 */ {"/engagement/access/roles", "roles", AA_T_STRING_ARRAY, NULL, 30, "Azure built-in role names, or \"custom:<name>\".", 0, "access roles", "Which Azure roles does that identity hold (built-in role names, or custom:NAME)?"},
    /* 34 */ {"/engagement/access/assignment", "assignment", AA_T_ENUM, assignments, 30, "Permanent or just-in-time (PAL-F06, PAL-F12).", 0, "role assignment", "How are the roles assigned: for good, or just in time?"},
    /* 35 */ {"/engagement/access/scope", "scope", AA_T_ENUM, scopes, 30, "RBAC scope of the access.", 0, "access scope", "At what scope are the roles assigned?"},
    /* 36 */ {"/engagement/access/classic_admin", "classic_admin", AA_T_BOOL, NULL, 30, "Relies on classic administrator roles (PAL-F14).", 0, "classic administrator roles", "Does the access rely on classic administrator roles?"},
    /* 37 */ {"/engagement/access/pal_linked", "pal_linked", AA_T_ENUM, pal_linked, 30, "State of the Partner Admin Link (PAL-F08).", 0, "Partner Admin Link", "Is a Partner Admin Link set already, and to whose Partner ID?"},
    /* 38 */ {"/engagement/access/lighthouse_offer", "lighthouse_offer", AA_T_ENUM, lighthouse_offers, 30, "How Lighthouse onboarding is done (PAL-F05, PAL-F07).", 0, "Lighthouse onboarding", "How is the customer onboarded to Azure Lighthouse?"},
    /* 39 */ {"/engagement/access/resource_owner", "resource_owner", AA_T_BOOL, NULL, 30, "The linked user owns or created the Power Platform or Customer Insights resources (PAL-F17).", 0, "resource ownership", "Does the linked user own or create the Power Platform or Customer Insights resources?"},
    /* 40 */ {"/engagement/other_partners", "other_partners", AA_T_BOOL, NULL, 27, "Other partners serve the same subscription.", 0, "other partners", "Do other partners serve the same subscription?"},
    /* 41 */ {"/engagement/proof_of_execution", "proof_of_execution", AA_T_BOOL, NULL, 27, "Signed SOW or similar (CPOR-F02).", 0, "proof of execution", "Is there a signed statement of work or similar proof of the work?"},
    /* 42 */ {"/engagement/cpor", "cpor", AA_T_OBJECT, NULL, 27, "Claiming Partner of Record state.", 0, "CPOR", "What is the Claiming Partner of Record situation?"},
    /* 43 */ {"/engagement/cpor/claimed_by_other", "claimed_by_other", AA_T_BOOL, NULL, 42, "Another partner holds the claim (CPOR-F03).", 0, "claim by another partner", "Does another partner hold the claim already?"},
    /* 44 */ {"/engagement/cpor/purchase_channel", "purchase_channel", AA_T_ENUM, purchase_channels, 42, "How the customer bought (CPOR-F05).", 0, "purchase channel", "How did the customer buy the product?"},
    /* 45 */ {"/solution", "solution", AA_T_OBJECT, NULL, 0, "The partner's solution, if any.", 0, "solution", "Does the partner bring a solution of its own?"},
    /* 46 */ {"/solution/hosted_in", "hosted_in", AA_T_ENUM, hosted_in, 45, "Where the solution runs.", 0, "where the solution runs", "Where does the solution run?"},
    /* 47 */ {"/solution/marketplace", "marketplace", AA_T_OBJECT, NULL, 45, "Marketplace listing.", 0, "marketplace listing", "How is the solution listed in the marketplace?"},
    /* 48 */ {"/solution/marketplace/listing", "listing", AA_T_ENUM, listings, 47, "Listing type (MBS-F01).", 0, "listing type", "What kind of marketplace listing does the solution have?"},
    /* 49 */ {"/solution/marketplace/offer_type", "offer_type", AA_T_ENUM, offer_types, 47, "Offer type.", 0, "offer type", "What type of marketplace offer is it?"},
    /* 50 */ {"/solution/marketplace/azure_benefit_eligible", "azure_benefit_eligible", AA_T_BOOL, NULL, 47, "Azure benefit eligible (MBS-F03).", 0, "Azure benefit eligible", "Is the offer Azure benefit eligible?"},
    /* 51 */ {"/solution/marketplace/purchase_path", "purchase_path", AA_T_ENUM, purchase_paths, 47, "Where customers buy it.", 0, "purchase path", "Where do customers buy it?"},
    /* 52 */ {"/solution/deployment", "deployment", AA_T_OBJECT, NULL, 45, "How the solution is deployed.", 0, "deployment", "How is the solution deployed?"},
    /* 53 */ {"/solution/deployment/status", "status", AA_T_ENUM, dep_status, 52, "Planned or already deployed.", 0, "deployment status", "Has the solution been deployed yet?"},
    /* 54 */ {"/solution/deployment/by", "by", AA_T_ENUM, dep_by, 52, "Who deploys it.", 0, "who deploys", "Who deploys the solution?"},
    /* 55 */ {"/solution/deployment/tools", "tools", AA_T_ENUM_ARRAY, tools, 52, "Deployment tools.", 0, "deployment tools", "Which tools deploy it?"},
    /* 56 */ {"/solution/deployment/automated", "automated", AA_T_BOOL, NULL, 52, "CI/CD injects the ids (CUA-F21).", 0, "automated deployment", "Does a CI/CD pipeline inject the tracking IDs?"},
    /* 57 */ {"/solution/deployment/new_resources", "new_resources", AA_T_BOOL, NULL, 52, "Creates new resources; false: into existing ones (CUA-F04).", 0, "new resources", "Does the deployment create new resources (no: it deploys into existing ones)?"},
    /* 58 */ {"/solution/deployment/resource_types", "resource_types", AA_T_STRING_ARRAY, NULL, 52, "ARM resource types (CUA-F16, CUA-F17).", 0, "resource types", "Which ARM resource types does it deploy (such as Microsoft.Web/sites)?"},
    /* 59 */ {"/solution/deployment/uses_avm", "uses_avm", AA_T_BOOL, NULL, 52, "Built from Azure Verified Modules (CUA-F20).", 0, "Azure Verified Modules", "Is it built from Azure Verified Modules?"},
    /* 60 */ {"/solution/deployment/cua", "cua", AA_T_OBJECT, NULL, 52, "Customer usage attribution.", 0, "customer usage attribution", "How is customer usage attribution set up?"},
    /* 61 */ {"/solution/deployment/cua/guid", "guid", AA_T_STRING, NULL, 60, "Tracking GUID (CUA-F06); for a marketplace Azure Application plan, the pid-...-partnercenter ID Partner Center issued (CUA-F15).", 0, "tracking GUID", "Which tracking GUID does the deployment carry?"},
    /* 62 */ {"/solution/deployment/cua/guid_owner", "guid_owner", AA_T_ENUM, guid_owners, 60, "Whose tracking GUID it is: yours, or the ISV's whose solution you deploy or run (CUA-F22).", 0, "GUID owner", "Whose tracking GUID is it: the partner's own, or that of the ISV whose solution is deployed or run?"},
    /* 63 */ {"/solution/deployment/cua/registered", "registered", AA_T_BOOL, NULL, 60, "Registered in Partner Center (CUA-F05).", 0, "GUID registered", "Is the tracking GUID registered in Partner Center?"},
    /* 64 */ {"/solution/deployment/cua/registered_before_deploy", "registered_before_deploy", AA_T_BOOL, NULL, 60, "Registered before any deployment (CUA-F03).", 0, "registration before deploying", "Was the tracking GUID registered before any deployment?"},
    /* 65 */ {"/solution/deployment/cua/granularity", "granularity", AA_T_ENUM, granularities, 60, "One GUID per what (CUA-F07).", 0, "GUID granularity", "What does one tracking GUID stand for?"},
    /* 66 */ {"/solution/deployment/cua/placement", "placement", AA_T_ENUM_ARRAY, placements, 60, "Where the pid is placed.", 0, "pid placement", "Where in the deployment is the pid placed?"},
    /* 67 */ {"/solution/deployment/cua/customer_informed", "customer_informed", AA_T_BOOL, NULL, 60, "Customer told, with opt-out (GEN-F06).", 0, "customer informed", "Is the customer told about the tracking, with a way to opt out?"},
    /* 68 */ {"/solution/artifacts", "artifacts", AA_T_STRING_ARRAY, NULL, 45, "Deployment code, relative to the scenario file.", 0, "deployment code", "Where is the deployment code (paths relative to the plan file)?"},
    /* 69 */ {"/deal_registration", "deal_registration", AA_T_OBJECT, NULL, 0, "Deal registration (PRACR-F04).", 0, "deal registration", "Is there a deal registration?"},
    /* 70 */ {"/deal_registration/approved", "approved", AA_T_BOOL, NULL, 69, "Approved deal registration.", 0, "approved deal registration", "Is a deal registration approved?"},
    /* 71 */ {"/goals", "goals", AA_T_ENUM_ARRAY, goals, 0, "What the partner wants from recognition.", 0, "goals", "What does the partner want from recognition?"},
    /* 72 */ {"/evidence", "evidence", AA_T_OBJECT, NULL, 0, "What the deployment code of solution.artifacts shows.", 1, "what the code shows", NULL},
    /* 73 */ {"/evidence/cua_status", "cua_status", AA_T_ENUM, code_statuses, 72, "Best CUA status of the scanned deployment files.", 1, "CUA status of the code", NULL},
    /* 74 */ {"/evidence/guids", "guids", AA_T_STRING_ARRAY, NULL, 72, "GUIDs of the pids found in the code, lower-case.", 1, "GUIDs in the code", NULL},
    /* 75 */ {"/evidence/placement", "placement", AA_T_ENUM_ARRAY, placements, 72, "Where the code carries a pid that counts or is nested.", 1, "pid placement in the code", NULL},
    /* 76 */ {"/evidence/unknown_guids", "unknown_guids", AA_T_STRING_ARRAY, NULL, 72, "Tracking IDs in the code other than solution.deployment.cua.guid: GUIDs, and the code's pid-...-partnercenter IDs whole where the plan names one.", 1, "unknown GUIDs in the code", NULL},
    /* 77 */ {"/evidence/cua_broken", "cua_broken", AA_T_BOOL, NULL, 72, "Whether a scanned file carries a pid in a form that never counts (a file finding of severity error).", 1, "a pid in a form that never counts", NULL},
    /* 78 */ {"/evidence/guid_in_code", "guid_in_code", AA_T_BOOL, NULL, 72, "Whether the code carries solution.deployment.cua.guid in a pid: its GUID in any form, or a Partner Center pid-...-partnercenter ID exactly; present when the plan names such an ID and the code carries any.", 1, "the plan's GUID in the code", NULL},
    /* 79 */ {"/outcome", "outcome", AA_T_OBJECT, NULL, 0, "The verdicts of the advice, for rules that weigh the plan as a whole.", 1, "verdicts", NULL},
    /* 80 */ {"/outcome/csp", "csp", AA_T_ENUM, verdicts, 79, "Verdict of CSP.", 1, "CSP verdict", NULL},
    /* 81 */ {"/outcome/dpor", "dpor", AA_T_ENUM, verdicts, 79, "Verdict of DPOR.", 1, "DPOR verdict", NULL},
    /* 82 */ {"/outcome/pal", "pal", AA_T_ENUM, verdicts, 79, "Verdict of PAL.", 1, "PAL verdict", NULL},
    /* 83 */ {"/outcome/cua", "cua", AA_T_ENUM, verdicts, 79, "Verdict of CUA.", 1, "CUA verdict", NULL},
    /* 84 */ {"/outcome/cpor", "cpor", AA_T_ENUM, verdicts, 79, "Verdict of CPOR.", 1, "CPOR verdict", NULL},
    /* 85 */ {"/outcome/mbs", "mbs", AA_T_ENUM, verdicts, 79, "Verdict of MBS.", 1, "MBS verdict", NULL},
    /* 86 */ {"/outcome/pracr", "pracr", AA_T_ENUM, verdicts, 79, "Verdict of PRACR.", 1, "PRACR verdict", NULL},
};

/* clang-format on */

const size_t aa_field_count = sizeof(aa_fields) / sizeof(aa_fields[0]);

int
aa_contract_source(int row)
{
    static const struct {
        const char *prefix, *source;
    } map[] = {
        {"/evidence", "/solution/artifacts"},
        {"/partner/location_partner_id", "/partner/partner_id"},
    };

    if (row < 0 || !aa_fields[row].derived)
        return -1;
    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (strncmp(aa_fields[row].ptr, map[i].prefix, strlen(map[i].prefix)) ==
            0)
            return aa_contract_find(map[i].source);
    return -1;
}

/*
 * Every key and enumerated value of every plan, and every path the rules
 * name, is looked up here: one hash table, built at the first lookup,
 * holds the three kinds of name with what owns them (a whole pointer, a
 * key under its parent row, a value of its field).
 */
enum { BY_POINTER = -1, VALUE_OF = AA_FIELD_LIMIT };

/* 16 bytes a slot, so the table is a few pages: its text is the table's
 * (name_text).  len 0 marks a free slot: no name is empty. */
struct name {
    uint64_t head; /* the first eight bytes, zero-padded */
    unsigned short len;
    short owner, ix;
};

static struct {
    struct name *slot;
    size_t mask;
} names;

static const char *
name_text(const struct name *e)
{
    return e->owner == BY_POINTER ? aa_fields[e->ix].ptr
           : e->owner >= VALUE_OF ? aa_fields[e->owner - VALUE_OF].values[e->ix]
                                  : aa_fields[e->ix].key;
}

/* Eight bytes in one load; fewer byte by byte into a register (a memcpy
 * of fewer than eight bytes to the stack, read back whole, stalled each
 * lookup). */
static uint64_t
head_of(const char *s, size_t n)
{
    uint64_t h = 0;

    if (n >= 8) {
        memcpy(&h, s, 8);
        return h;
    }
    for (size_t i = 0; i < n; i++)
        h |= (uint64_t)(unsigned char)s[i] << (8 * i);
    return h;
}

/* From the name's length and its first and last eight bytes (or fewer):
 * names are short, and a loop over every byte was most of a lookup. */
static size_t
name_hash(int owner, uint64_t head, const char *s, size_t n)
{
    uint64_t tail = n <= 8 ? 0 : head_of(s + n - 8, 8), h;

    h = (head * 0x9E3779B97F4A7C15u) ^ (tail * 0xC2B2AE3D27D4EB4Fu) ^
        ((uint64_t)n << 32) ^ (uint64_t)(owner + 2);
    h *= 0x165667B19E3779F9u;
    return (size_t)(h ^ (h >> 29));
}

/* The slot of the name, or the free slot where it would go.  A match is
 * decided on the owner, the length and the first eight bytes before the
 * rest is compared. */
static struct name *
name_slot(int owner, const char *text, size_t len)
{
    uint64_t head = head_of(text, len);
    size_t i = name_hash(owner, head, text, len) & names.mask;

    for (;; i = (i + 1) & names.mask) {
        struct name *e = &names.slot[i];

        if (e->len == 0 ||
            (e->head == head && e->len == len && e->owner == owner &&
             (len <= 8 || aa_same_bytes(name_text(e) + 8, text + 8, len - 8))))
            return e;
    }
}

static void
name_add(int owner, const char *text, int ix)
{
    size_t len = strlen(text);
    struct name *e;

    if (len == 0)
        return; /* the root's pointer: name_find knows it */
    e = name_slot(owner, text, len);
    /* The first of two equal names wins, as a walk of the table finds. */
    if (e->len == 0)
        *e = (struct name){head_of(text, len), (unsigned short)len,
                           (short)owner, (short)ix};
}

static int
name_find(int owner, const char *text, size_t len)
{
    const struct name *e;

    if (names.slot == NULL) {
        size_t total = 0, cap = 64;

        for (size_t f = 0; f < aa_field_count; f++)
            total += 2 + (size_t)aa_contract_enum_count((int)f);
        while (cap < 2 * total)
            cap *= 2;
        /* Kept for the process, as the table it indexes is. */
        names.slot = aa_xcalloc(cap, sizeof(*names.slot));
        names.mask = cap - 1;
        for (size_t f = 0; f < aa_field_count; f++) {
            const char *const *v = aa_fields[f].values;

            name_add(BY_POINTER, aa_fields[f].ptr, (int)f);
            if (f > 0)
                name_add(aa_fields[f].parent, aa_fields[f].key, (int)f);
            for (int k = 0; v != NULL && v[k] != NULL; k++)
                name_add(VALUE_OF + (int)f, v[k], k);
        }
    }
    /* The root's pointer is the one empty name, kept out of the table
     * where a length of 0 marks a free slot; none is that long. */
    if (len == 0)
        return owner == BY_POINTER && aa_fields[AA_FIELD_ROOT].ptr[0] == '\0'
                   ? AA_FIELD_ROOT
                   : -1;
    if (len > 0xFFFF)
        return -1;
    e = name_slot(owner, text, len);
    return e->len != 0 ? e->ix : -1;
}

int
aa_contract_find(const char *ptr)
{
    return name_find(BY_POINTER, ptr, strlen(ptr));
}

static struct aa_kin kin;
static int kin_made;

const struct aa_kin *
aa_contract_kin(void)
{
    signed char last[AA_FIELD_LIMIT];
    size_t nvals = 0;

    if (kin_made)
        return &kin;
    memset(kin.first, -1, sizeof(kin.first));
    memset(kin.next, -1, sizeof(kin.next));
    memset(kin.parent, -1, sizeof(kin.parent));
    memset(last, -1, sizeof(last));
    for (size_t f = 0; f < aa_field_count; f++) {
        int p = aa_fields[f].parent;
        size_t len = f > 0 ? strlen(aa_fields[f].key) : 0;

        kin.type[f] = (unsigned char)aa_fields[f].type;
        kin.derived[f] = aa_fields[f].derived != 0;
        if (f == 0)
            continue;
        kin.parent[f] = (signed char)p;
        kin.keylen[f] = (unsigned char)(len <= 255 ? len : 0);
        memcpy(kin.key[f], aa_fields[f].key, len < 16 ? len : 16);
        if (last[p] < 0)
            kin.first[p] = (signed char)f;
        else
            kin.next[(int)last[p]] = (signed char)f;
        last[p] = (signed char)f;
    }
    for (size_t r = 0; r < aa_field_count; r++) {
        kin.vfirst[r] = (unsigned short)nvals;
        kin.vcount[r] = (unsigned short)aa_contract_enum_count((int)r);
        nvals += kin.vcount[r];
    }
    kin.vlen = aa_xcalloc(nvals + 1, 1);
    kin.vtext = aa_xcalloc(nvals + 1, sizeof(*kin.vtext));
    for (size_t r = 0; r < aa_field_count; r++)
        for (size_t i = 0; i < kin.vcount[r]; i++) {
            const char *v = aa_fields[r].values[i];
            size_t len = strlen(v), at = kin.vfirst[r] + i;

            kin.vlen[at] = (unsigned char)(len <= 255 ? len : 0);
            memcpy(kin.vtext[at], v, len < 16 ? len : 16);
        }
    kin_made = 1;
    return &kin;
}

/* Whether row i's key is the n bytes at key (n <= 255). */
static int
key_is(const struct aa_kin *k, int i, const char *key, size_t n)
{
    return k->keylen[i] == n &&
           aa_same_bytes(n <= 16 ? k->key[i] : aa_fields[i].key, key, n);
}

int
aa_contract_child_after(int parent, int prev, const char *key, size_t n)
{
    const struct aa_kin *k = aa_contract_kin();
    int i;

    if (n == 0 || parent < 0 || (size_t)parent >= aa_field_count)
        return -1; /* no field has an empty key */
    if (n > 255)   /* longer than the tables keep: the hash table knows */
        return aa_contract_child(parent, key, n);
    i = prev >= 0 && (size_t)prev < aa_field_count && k->parent[prev] == parent
            ? k->next[prev]
            : k->first[parent];
    for (int hop = 0; hop < 4 && i >= 0; hop++, i = k->next[i])
        if (key_is(k, i, key, n))
            return i;
    /* Out of order: the object's other children, in the same tables (a
     * probe of the hash table, a line of its own, missed the cache). */
    for (i = k->first[parent]; i >= 0; i = k->next[i])
        if (key_is(k, i, key, n))
            return i;
    return -1;
}

int
aa_contract_child(int parent, const char *key, size_t n)
{
    if (n == 0 || parent < 0 || (size_t)parent >= aa_field_count)
        return -1; /* no field has an empty key */
    return name_find(parent, key, n);
}

int
aa_contract_enum_index(int field, const char *v, size_t n)
{
    const struct aa_kin *k;

    if (n == 0 || field < 0 || (size_t)field >= aa_field_count)
        return -1;
    if (n > 255)
        return name_find(VALUE_OF + field, v, n);
    /* The field's few values in a row: its lengths, then one compare. */
    k = aa_contract_kin();
    for (size_t i = 0, at = k->vfirst[field]; i < k->vcount[field]; i++, at++)
        if (k->vlen[at] == n &&
            aa_same_bytes(n <= 16 ? k->vtext[at] : aa_fields[field].values[i],
                          v, n))
            return (int)i;
    return -1;
}

int
aa_contract_enum_count(int field)
{
    int n = 0;

    if (aa_fields[field].values != NULL)
        while (aa_fields[field].values[n] != NULL)
            n++;
    return n;
}

const char *
aa_contract_suggest_key(int parent, const char *word)
{
    const char *cands[64];
    size_t n = 0;

    for (size_t i = 0; i < aa_field_count && n < 64; i++)
        if (aa_fields[i].parent == parent)
            cands[n++] = aa_fields[i].key;
    return aa_suggest(cands, n, word);
}

const char *
aa_contract_suggest_value(int field, const char *word)
{
    int n = aa_contract_enum_count(field);

    return n ? aa_suggest(aa_fields[field].values, (size_t)n, word) : NULL;
}

void
aa_contract_values_text(int field, char *buf, size_t size)
{
    const char *const *vals = aa_fields[field].values;
    int n = aa_contract_enum_count(field);
    size_t used = 0;

    if (size == 0)
        return;
    buf[0] = '\0';
    for (int i = 0; i < n && used < size; i++) {
        const char *sep = i == 0 ? "" : i == n - 1 ? " or " : ", ";
        int w = snprintf(buf + used, size - used, "%s%s", sep, vals[i]);

        if (w < 0)
            break;
        used += (size_t)w;
    }
}

void
aa_contract_ask(int field, char *buf, size_t size)
{
    const struct aa_field *f = &aa_fields[field];
    const char *q = f->question != NULL ? f->question : f->label;
    size_t used;
    int n = aa_contract_enum_count(field);

    if (size == 0)
        return;
    snprintf(buf, size, "%s", q);
    used = strlen(buf);
    /* Values as a comma list: a reader picks one, and "or" before the
     * last would read as part of the value. */
    if (f->question != NULL && f->type == AA_T_BOOL)
        snprintf(buf + used, size - used, " (yes or no)");
    else if (f->question != NULL && n > 0) {
        used += (size_t)snprintf(buf + used, size - used, " (%s",
                                 f->type == AA_T_ENUM_ARRAY ? "one or more of "
                                                            : "");
        for (int i = 0; i < n && used < size; i++)
            used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                     i ? ", " : "", f->values[i]);
        if (used < size)
            snprintf(buf + used, size - used, ")");
    }
}

const char *
aa_contract_question(int field)
{
    static char text[AA_FIELD_LIMIT][512];
    static unsigned char made[AA_FIELD_LIMIT];

    if (!made[field]) {
        aa_contract_ask(field, text[field], sizeof(text[field]));
        made[field] = 1;
    }
    return text[field];
}

const char *
aa_ftype_name(enum aa_ftype t)
{
    switch (t) {
    case AA_T_OBJECT:
        return "an object";
    case AA_T_STRING:
        return "a string";
    case AA_T_BOOL:
        return "a boolean";
    case AA_T_INT:
        return "an integer";
    case AA_T_ENUM:
        return "a string";
    case AA_T_STRING_ARRAY:
        return "an array of strings";
    case AA_T_ENUM_ARRAY:
        return "an array of strings";
    }
    return "a value";
}

static cJSON *
schema_for(size_t row)
{
    const struct aa_field *f = &aa_fields[row];
    cJSON *s = cJSON_CreateObject();

    if (row != 0)
        cJSON_AddStringToObject(s, "description", f->doc);
    switch (f->type) {
    case AA_T_OBJECT: {
        cJSON *props = cJSON_CreateObject();

        cJSON_AddStringToObject(s, "type", "object");
        /* Members for people and editors, which the advice never reads
         * (scenario.c, meta_key). */
        if (row == AA_FIELD_ROOT)
            cJSON_AddItemToObject(
                props, "$schema",
                cJSON_Parse("{\"description\": \"The JSON Schema editors "
                            "check the plan against (attrib-advise init "
                            "writes it); ignored by the advice.\", "
                            "\"type\": \"string\"}"));
        cJSON_AddItemToObject(props, "$comment",
                              cJSON_Parse("{\"$ref\": \"#/$defs/comment\"}"));
        for (size_t i = row + 1; i < aa_field_count; i++)
            if (aa_fields[i].parent == (int)row && !aa_fields[i].derived)
                cJSON_AddItemToObject(props, aa_fields[i].key, schema_for(i));
        cJSON_AddItemToObject(s, "properties", props);
        /* Unknown keys are warnings, not errors: editors should flag them
         * but extension keys ("x-...") are allowed. */
        cJSON_AddItemToObject(s, "patternProperties",
                              cJSON_Parse("{\"^x-\": {}}"));
        cJSON_AddFalseToObject(s, "additionalProperties");
        break;
    }
    case AA_T_STRING:
        cJSON_AddStringToObject(s, "type", "string");
        break;
    case AA_T_BOOL:
        cJSON_AddStringToObject(s, "type", "boolean");
        break;
    case AA_T_INT:
        cJSON_AddStringToObject(s, "type", "integer");
        break;
    case AA_T_ENUM:
        cJSON_AddStringToObject(s, "type", "string");
        cJSON_AddItemToObject(s, "enum",
                              cJSON_CreateStringArray(
                                  f->values, aa_contract_enum_count((int)row)));
        break;
    case AA_T_STRING_ARRAY:
    case AA_T_ENUM_ARRAY: {
        cJSON *items = cJSON_CreateObject();

        cJSON_AddStringToObject(s, "type", "array");
        cJSON_AddStringToObject(items, "type", "string");
        if (f->type == AA_T_ENUM_ARRAY)
            cJSON_AddItemToObject(
                items, "enum",
                cJSON_CreateStringArray(f->values,
                                        aa_contract_enum_count((int)row)));
        cJSON_AddItemToObject(s, "items", items);
        break;
    }
    }
    return s;
}

char *
aa_contract_schema(void)
{
    cJSON *s = schema_for(0);
    cJSON *top = cJSON_CreateObject();
    cJSON *req = cJSON_CreateArray();
    cJSON *item;
    char *out;

    cJSON_AddStringToObject(top, "$schema",
                            "https://json-schema.org/draft/2020-12/schema");
    cJSON_AddStringToObject(top, "$id", "urn:attrib-advise:schema:scenario:1");
    cJSON_AddStringToObject(top, "title",
                            "attrib-advise scenario, contract v1");
    cJSON_AddStringToObject(top, "description", aa_fields[0].doc);
    /* Move the root's members under the header keys. */
    while ((item = s->child) != NULL) {
        cJSON_DetachItemViaPointer(s, item);
        if (strcmp(item->string, "description") == 0) {
            cJSON_Delete(item);
            continue;
        }
        cJSON_AddItemToObject(top, item->string, item);
    }
    cJSON_Delete(s);
    cJSON_AddItemToObject(
        top, "$defs",
        cJSON_Parse("{\"comment\": {\"description\": \"Notes for people, "
                    "such as the questions attrib-advise init leaves; ignored "
                    "by the advice.\", \"anyOf\": [{\"type\": "
                    "\"string\"}, {\"type\": \"array\", \"items\": "
                    "{\"type\": \"string\"}}]}}"));
    cJSON_AddItemToArray(req, cJSON_CreateString("version"));
    cJSON_AddItemToObject(top, "required", req);
    cJSON_ReplaceItemInObject(
        cJSON_GetObjectItem(top, "properties"), "version",
        cJSON_Parse("{\"description\": \"Contract version; must be 1.\", "
                    "\"const\": 1}"));
    out = aa_jsonw_print(top);
    cJSON_Delete(top);
    return out;
}

char *
aa_scenario_schema(void)
{
    return aa_contract_schema();
}
