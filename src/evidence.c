/*
 * evidence.c -- a scenario's deployment code: scan /solution/artifacts
 * and fill the derived /evidence fields that rules read.
 *
 * The plan says where the pid is (/solution/deployment/cua/placement);
 * the code shows it.  Rules prefer what the code shows and report the
 * disagreement, so the evidence is kept apart from the plan's own fields
 * rather than written over them.  Invariant: /evidence is present only
 * after a scan that found at least one file with a status of its own.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "contract.h"
#include "scan.h"
#include "scenario.h"

/* The artifact as the user can open it: relative to the scenario's
 * folder, unless absolute or the scenario came from standard input. */
static char *
artifact_path(const struct aa_scenario *sc, const char *rel)
{
    const char *slash = strrchr(sc->name, '/');

    if (rel[0] == '/' || strcmp(sc->name, "-") == 0 || slash == NULL)
        return aa_xstrdup(rel);
    return aa_xasprintf("%.*s/%s", (int)(slash - sc->name), sc->name, rel);
}

static void
set_present(struct aa_scenario *sc, int row)
{
    struct aa_val *v = &sc->vals[row];

    v->present = 1;
    v->type = aa_fields[row].type;
    for (int p = aa_fields[row].parent; p > 0; p = aa_fields[p].parent) {
        sc->vals[p].present = 1;
        sc->vals[p].type = AA_T_OBJECT;
    }
}

/* Append s to the string array at row, once. */
static void
add_item(struct aa_scenario *sc, int row, const char *s, int enum_ix)
{
    struct aa_val *v = &sc->vals[row], *items;

    for (size_t i = 0; i < v->nitems; i++)
        if (strcmp(v->items[i].s, s) == 0)
            return;
    items = aa_arena_alloc(&sc->arena, (v->nitems + 1) * sizeof(*items));
    if (v->nitems)
        memcpy(items, v->items, v->nitems * sizeof(*items));
    memset(&items[v->nitems], 0, sizeof(*items));
    items[v->nitems].present = 1;
    items[v->nitems].type =
        aa_fields[row].type == AA_T_ENUM_ARRAY ? AA_T_ENUM : AA_T_STRING;
    items[v->nitems].s = aa_arena_strdup(&sc->arena, s);
    items[v->nitems].e = enum_ix;
    v->items = items;
    v->nitems++;
}

static void
add_placement(struct aa_scenario *sc, int row, const char *where)
{
    add_item(sc, row, where, aa_contract_enum_index(row, where, strlen(where)));
}

/* Where a hit says the pid sits, in the words of the placement enum. */
static const char *
placement_of(enum aa_detect d)
{
    switch (d) {
    case AA_D_PID_ROOT:
    case AA_D_TF_ARM_DEPLOYMENT:
        return "root_template";
    case AA_D_PID_NESTED:
        return "nested_template";
    case AA_D_TF_PARTNER_ID:
    case AA_D_TF_PARTNER_ID_VAR:
    case AA_D_TF_PARTNER_ID_CONDITIONAL:
    case AA_D_ENV_PARTNER_ID:
        return "provider";
    case AA_D_UA_PID:
        return "user_agent";
    default:
        return NULL;
    }
}

static void
fill_evidence(struct aa_scenario *sc)
{
    int status = aa_contract_find("/evidence/cua_status");
    int guids = aa_contract_find("/evidence/guids");
    int place = aa_contract_find("/evidence/placement");
    int unknown = aa_contract_find("/evidence/unknown_guids");
    const struct aa_val *plan =
        &sc->vals[aa_contract_find("/solution/deployment/cua/guid")];
    int best = -1;

    for (size_t i = 0; i < sc->scan->nfiles; i++) {
        const struct aa_scan_file *f = sc->scan->files[i];

        if (f->failed || f->status == AA_SCAN_CONTEXT)
            continue;
        /* The enum lists statuses best first. */
        if (best < 0 || (int)f->status < best)
            best = (int)f->status;
        for (size_t k = 0; k < f->nhits; k++) {
            const struct aa_hit *h = &f->hits[k];
            const char *where = placement_of(h->what);

            if (where == NULL)
                continue;
            set_present(sc, place);
            add_placement(sc, place, where);
            if (h->guid == NULL)
                continue;
            set_present(sc, guids);
            add_item(sc, guids, h->guid, -1);
            if (!plan->present || strcasecmp(plan->s, h->guid) != 0) {
                set_present(sc, unknown);
                add_item(sc, unknown, h->guid, -1);
            }
        }
    }
    if (best < 0)
        return;
    set_present(sc, status);
    sc->vals[status].e = best;
    sc->vals[status].s = aa_fields[status].values[best];
}

/* Say which plan and which entry of its /solution/artifacts brought in
 * the file of each diagnostic from dl->v[from] on: the scanner knows only
 * the path, and a folder of plans may share deployment code. */
static void
name_origin(struct aa_diags *dl, size_t from, const struct aa_scenario *sc,
            size_t entry, const struct aa_val *item)
{
    for (size_t k = from; k < dl->n; k++) {
        char *detail = aa_xasprintf(
            "%s (from /solution/artifacts/%zu at %s:%u:%u)", dl->v[k].detail,
            entry, sc->name, item->line, item->col);

        free(dl->v[k].detail);
        dl->v[k].detail = detail;
    }
}

int
aa_scenario_scan_artifacts(struct aa_scenario *sc, struct aa_diags *dl)
{
    const struct aa_val *arts =
        &sc->vals[aa_contract_find("/solution/artifacts")];
    int rc = 0;

    if (sc->scan != NULL || !arts->present)
        return 0;
    sc->scan = aa_scan_new();
    for (size_t i = 0; i < arts->nitems; i++) {
        char *path = artifact_path(sc, arts->items[i].s);
        size_t from = dl->n;

        if (aa_scan_path(sc->scan, path, dl) != 0)
            rc = -1;
        name_origin(dl, from, sc, i, &arts->items[i]);
        free(path);
    }
    aa_scan_finish(sc->scan);
    if (rc == 0)
        fill_evidence(sc);
    return rc;
}
