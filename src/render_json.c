/*
 * render_json.c -- advice as JSON, exactly the shape of contract v1 section
 * 2: all seven mechanisms in contract order, every reason, action and
 * finding with its rule and facts.  Key order is fixed, so output is
 * byte-stable for golden tests.
 *
 * Written straight from the report through jsonout, with no tree: a batch
 * prints hundreds of thousands of these.  The finding and the tool object
 * are also built as cJSON trees by the same code (jsonout's tree mode),
 * for the outputs that still assemble one (scan, explain, why-not).
 */
#include <stdint.h>

#include <cjson/cJSON.h>

#include "jsonout.h"
#include "render.h"

/* A key of ours, as written here: letters and '_', which need no escape,
 * copied whole (aa_jsonout_keyn) where aa_jsonout_key looks at each byte;
 * a JSON report writes 150-odd a plan. */
#define KEY(o, lit) aa_jsonout_keyn((o), "" lit, sizeof(lit) - 1)
#define PUT_STR(o, lit, s) (KEY(o, lit), aa_jsonout_string((o), (s)))
#define PUT_INT(o, lit, n) (KEY(o, lit), aa_jsonout_int((o), (n)))

static void
put_facts(struct aa_jsonout *o, const char *const *facts, size_t n)
{
    KEY(o, "facts");
    aa_jsonout_array(o);
    for (size_t i = 0; i < n; i++)
        aa_jsonout_string(o, facts[i]);
    aa_jsonout_end(o);
}

/* "replaced": true after the rule of a pack that took a built-in rule's
 * id, whose words are not the shipped ones; absent otherwise, as other
 * flags of the advice are ("rejected"). */
static void
put_replaced(struct aa_jsonout *o, int replaced)
{
    if (replaced) {
        KEY(o, "replaced");
        aa_jsonout_bool(o, 1);
    }
}

/* The reasons, or with 'actions' the actions, of an answer. */
static void
put_items(struct aa_jsonout *o, const struct aa_item *items, size_t n,
          int actions)
{
    if (actions)
        KEY(o, "actions");
    else
        KEY(o, "reasons");
    aa_jsonout_array(o);
    for (size_t i = 0; i < n; i++) {
        /* An item a rule gives as it is written is the same text in every
         * report of a batch: made once, then copied. */
        const void *name[4] = {items[i].fixed ? items[i].rule : NULL,
                               items[i].text, actions ? items[i].command : NULL,
                               actions ? items[i].snippet : NULL};
        size_t mark;

        if (aa_jsonout_again(o, name))
            continue;
        mark = aa_jsonout_mark(o);
        aa_jsonout_object(o);
        PUT_STR(o, "rule", items[i].rule);
        put_replaced(o, items[i].replaced);
        /* A needs_info verdict's reason: its rule is left unknown. */
        if (items[i].undecided) {
            KEY(o, "undecided");
            aa_jsonout_bool(o, 1);
        }
        put_facts(o, items[i].facts, items[i].nfacts);
        PUT_STR(o, "text", items[i].text);
        if (actions && items[i].command != NULL)
            PUT_STR(o, "command", items[i].command);
        if (actions && items[i].snippet != NULL)
            PUT_STR(o, "snippet", items[i].snippet);
        aa_jsonout_end(o);
        aa_jsonout_keep(o, mark, name);
    }
    aa_jsonout_end(o);
}

/* What names the kept runs of a finding's members: no rule's id, fact
 * list or message, which name the rest, has these addresses. */
static const char facts_tag[] = "facts", message_tag[] = "message";

/*
 * A finding's members up to its location are mostly the same in every
 * report that has its rule: they are made once and copied, in three runs
 * named by what decides each.  The rule, severity and mechanism, where the
 * finding names one mechanism or none (the list of several is left to be
 * written); the facts; the message and pointer, where the message is the
 * rule's own string.  The workloads and the location differ from plan to
 * plan and are written each time.
 */
void
aa_json_put_finding(struct aa_jsonout *o, const struct aa_finding *f)
{
    const void *head[4] = {f->mech != NULL || f->mechs == 0 ? f->rule : NULL,
                           aa_severity_name(f->severity), f->mech, NULL};
    const void *facts[4] = {f->facts != NULL ? facts_tag : NULL, f->facts,
                            f->facts != NULL ? f->facts + f->nfacts : NULL,
                            NULL};
    const void *text[4] = {f->fixed ? message_tag : NULL, f->message,
                           f->pointer, NULL};
    size_t mark;

    aa_jsonout_object(o);
    if (!aa_jsonout_again_members(o, head)) {
        mark = aa_jsonout_mark(o);
        PUT_STR(o, "rule", f->rule);
        put_replaced(o, f->replaced);
        PUT_STR(o, "severity", aa_severity_name(f->severity));
        KEY(o, "mechanism");
        if (f->mech != NULL)
            aa_jsonout_string(o, f->mech);
        else
            aa_jsonout_null(o);
        /* A finding of several mechanisms names them all; one of a single
         * mechanism needs no list beside "mechanism". */
        if (f->mech == NULL && f->mechs != 0) {
            KEY(o, "mechanisms");
            aa_jsonout_array(o);
            for (unsigned m = 0; m < AA_NMECH; m++)
                if (f->mechs & (1u << m))
                    aa_jsonout_string(o, aa_report_mech_name(m));
            aa_jsonout_end(o);
        }
        aa_jsonout_keep(o, mark, head);
    }
    if (f->nworkloads > 0) {
        KEY(o, "workloads");
        aa_jsonout_array(o);
        for (size_t i = 0; i < f->nworkloads; i++)
            aa_jsonout_string(o, f->workloads[i]);
        aa_jsonout_end(o);
    }
    if (!aa_jsonout_again_members(o, facts)) {
        mark = aa_jsonout_mark(o);
        put_facts(o, f->facts, f->nfacts);
        aa_jsonout_keep(o, mark, facts);
    }
    if (!aa_jsonout_again_members(o, text)) {
        mark = aa_jsonout_mark(o);
        PUT_STR(o, "message", f->message);
        if (f->pointer != NULL) /* findings in deployment code have none */
            PUT_STR(o, "pointer", f->pointer);
        aa_jsonout_keep(o, mark, text);
    }
    KEY(o, "location");
    aa_jsonout_object(o);
    PUT_STR(o, "file", f->at.file);
    PUT_INT(o, "line", f->at.line);
    PUT_INT(o, "column", f->at.col);
    aa_jsonout_end(o);
    if (f->suppressed != NULL) {
        KEY(o, "suppressed");
        aa_jsonout_object(o);
        PUT_STR(o, "kind", f->suppress_kind);
        PUT_STR(o, "reason", f->suppressed);
        aa_jsonout_end(o);
    }
    aa_jsonout_end(o);
}

cJSON *
aa_json_finding(const struct aa_finding *f)
{
    struct aa_jsonout o;
    cJSON *tree;

    aa_jsonout_init_tree(&o);
    aa_json_put_finding(&o, f);
    tree = aa_jsonout_tree(&o);
    aa_jsonout_fini(&o);
    return tree;
}

/* What names a kept entry of missing_fields: no rule's id, which names a
 * kept item, has this address. */
static const char missing_tag[] = "missing_fields";

static void put_answer(struct aa_jsonout *o, const struct aa_advice *a);

/* What names a kept run of a workload's answer: no mechanism's name,
 * which names a whole answer, has this address. */
static const char workload_tag[] = "workload", head_tag[] = "head",
                  tool_tag[] = "tool";

/*
 * Most answers of a batch are a verdict with one reason a rule gives as
 * written and nothing else (no action, missing field or workloads of its
 * own): "not applicable, because ...".  What follows the answer's name is
 * then the same in every report that has it, and is made once and copied,
 * as items are.  name[1..3] get what decides it (verdict and reason), and
 * name[0] 'first' (the mechanism's name, or workload_tag); returns 0 and
 * leaves name as it is for any other answer.
 */
static int
one_fixed_reason(const struct aa_advice *a, const void *first,
                 const void *name[4])
{
    if (a->nper > 0 || a->nreasons != 1 || !a->reasons[0].fixed ||
        a->nactions > 0 || a->nmissing > 0)
        return 0;
    name[0] = first;
    name[1] = aa_verdict_name(a->verdict);
    name[2] = a->reasons[0].rule;
    name[3] = a->reasons[0].text;
    return 1;
}

/* A mechanism's answer of one fixed reason, and no rank, is copied whole,
 * named by its mechanism (the contract's name: no rule id is there). */
static void
put_advice(struct aa_jsonout *o, const struct aa_advice *a)
{
    const void *name[4] = {NULL, NULL, NULL, NULL};
    size_t mark;

    if (a->workload == NULL && a->rank == 0 &&
        one_fixed_reason(a, a->mech, name) && aa_jsonout_again(o, name))
        return;
    mark = aa_jsonout_mark(o);
    put_answer(o, a);
    aa_jsonout_keep(o, mark, name);
}

/* One mechanism's answer; in a workload's answer "workload" comes first
 * instead of "id", and there is no rank (ranks order mechanisms).  The
 * workloads' answers follow when there are any.  A workload's answer of
 * one fixed reason is copied from its verdict on, as a run of members:
 * its workload's name is the plan's. */
static void
put_answer(struct aa_jsonout *o, const struct aa_advice *a)
{
    const void *run[4] = {NULL, NULL, NULL, NULL};
    size_t from = 0;

    aa_jsonout_object(o);
    if (a->workload != NULL) {
        PUT_STR(o, "workload", a->workload);
        if (one_fixed_reason(a, workload_tag, run) &&
            aa_jsonout_again_members(o, run)) {
            aa_jsonout_end(o);
            return;
        }
        from = aa_jsonout_mark(o);
        PUT_STR(o, "verdict", aa_verdict_name(a->verdict));
    } else {
        /* "id", "verdict" and "rank": a few dozen runs a batch, each
         * named by the mechanism (the contract's name) and its place. */
        unsigned shown = (unsigned)a->verdict | (unsigned)a->rank << 8;
        const void *head[4] = {head_tag, a->mech,
                               (const void *)(uintptr_t)shown, NULL};

        if (!aa_jsonout_again_members(o, head)) {
            size_t mark = aa_jsonout_mark(o);

            PUT_STR(o, "id", a->mech);
            PUT_STR(o, "verdict", aa_verdict_name(a->verdict));
            KEY(o, "rank");
            if (a->rank > 0)
                aa_jsonout_int(o, a->rank);
            else
                aa_jsonout_null(o);
            aa_jsonout_keep(o, mark, head);
        }
    }
    put_items(o, a->reasons, a->nreasons, 0);
    put_items(o, a->actions, a->nactions, 1);
    KEY(o, "missing");
    aa_jsonout_array(o);
    for (size_t i = 0; i < a->nmissing; i++)
        aa_jsonout_string(o, a->missing[i].pointer);
    aa_jsonout_end(o);
    /* Beside "missing", which stays the list of pointers contract v1
     * promises: each field again, with its label and question. */
    KEY(o, "missing_fields");
    aa_jsonout_array(o);
    for (size_t i = 0; i < a->nmissing; i++) {
        /* The contract's own texts, the same in every report of a batch
         * (a question is a tenth of what a JSON report writes): made once,
         * then copied, as items are.  Entry by entry: the two members
         * kept whole, named by the set of fields, would keep a piece for
         * each set a batch meets (2 000 sets and 4 MiB in the bench's
         * 200 000 plans) where the fields are a hundred. */
        const void *name[4] = {missing_tag, a->missing[i].pointer,
                               a->missing[i].label, a->missing[i].question};
        size_t mark;

        if (aa_jsonout_again(o, name))
            continue;
        mark = aa_jsonout_mark(o);
        aa_jsonout_object(o);
        PUT_STR(o, "pointer", a->missing[i].pointer);
        PUT_STR(o, "label", a->missing[i].label);
        PUT_STR(o, "question", a->missing[i].question);
        aa_jsonout_end(o);
        aa_jsonout_keep(o, mark, name);
    }
    aa_jsonout_end(o);
    aa_jsonout_keep(o, from, run);
    if (a->nper > 0) {
        KEY(o, "workloads");
        aa_jsonout_array(o);
        for (size_t v = 0; v < a->nper; v++)
            put_advice(o, &a->per[v]);
        aa_jsonout_end(o);
    }
    aa_jsonout_end(o);
}

cJSON *
aa_json_xread(const struct aa_xread *r)
{
    cJSON *a;

    switch (r->kind) {
    case AA_XR_BOOL:
        return cJSON_CreateBool(r->b);
    case AA_XR_NUMBER:
        return cJSON_CreateNumber(r->n);
    case AA_XR_STRING:
        return cJSON_CreateString(r->s);
    case AA_XR_ARRAY:
        a = cJSON_CreateArray();
        for (size_t i = 0; i < r->nitems; i++)
            cJSON_AddItemToArray(a, cJSON_CreateString(r->items[i]));
        return a;
    default:
        return cJSON_CreateNull();
    }
}

void
aa_json_put_tool(struct aa_jsonout *o, const char *version, const char *as_of)
{
    aa_jsonout_object(o);
    PUT_STR(o, "name", "attrib-advise");
    PUT_STR(o, "version", version);
    PUT_STR(o, "knowledge_as_of", as_of);
    aa_jsonout_end(o);
}

cJSON *
aa_json_tool(const char *version, const char *as_of)
{
    struct aa_jsonout o;
    cJSON *tree;

    aa_jsonout_init_tree(&o);
    aa_json_put_tool(&o, version, as_of);
    tree = aa_jsonout_tree(&o);
    aa_jsonout_fini(&o);
    return tree;
}

void
aa_json_put_report(struct aa_jsonout *o, const struct aa_report *rep,
                   const struct aa_render_opts *opts)
{
    /* The same for every report of a run: made once, then copied. */
    const void *tool[4] = {tool_tag, rep->tool_version, rep->knowledge_as_of,
                           NULL};

    aa_jsonout_object(o);
    if (!aa_jsonout_again_members(o, tool)) {
        size_t mark = aa_jsonout_mark(o);

        PUT_INT(o, "version", 1);
        KEY(o, "tool");
        aa_json_put_tool(o, rep->tool_version, rep->knowledge_as_of);
        aa_jsonout_keep(o, mark, tool);
    }
    KEY(o, "scenario");
    aa_jsonout_object(o);
    PUT_STR(o, "source", rep->source);
    if (rep->source_line > 0)
        PUT_INT(o, "line", rep->source_line);
    KEY(o, "id");
    if (rep->scenario_id != NULL)
        aa_jsonout_string(o, rep->scenario_id);
    else
        aa_jsonout_null(o);
    aa_jsonout_end(o);
    KEY(o, "mechanisms");
    aa_jsonout_array(o);
    for (size_t m = 0; m < AA_NMECH; m++)
        put_advice(o, &rep->mech[m]);
    aa_jsonout_end(o);
    KEY(o, "findings");
    aa_jsonout_array(o);
    for (size_t i = 0; i < rep->nfindings; i++)
        if ((int)rep->findings[i].severity >= opts->min_severity)
            aa_json_put_finding(o, &rep->findings[i]);
    aa_jsonout_end(o);
    aa_jsonout_end(o);
}

/* A document of its own: one value, then the line break that ends it (a
 * line of NDJSON when compact). */
static int
print_json(struct aa_jsonout *o, FILE *fp)
{
    int rc;

    aa_jsonout_raw(o, "\n", 1);
    rc = aa_jsonout_flush(o, fp);
    aa_jsonout_fini(o);
    return rc;
}

int
aa_render_json(const struct aa_report *rep, const struct aa_render_opts *opts,
               FILE *fp)
{
    struct aa_jsonout o;

    aa_jsonout_init(&o, opts->compact);
    aa_json_put_report(&o, rep, opts);
    return print_json(&o, fp);
}

int
aa_render_ndjson(const struct aa_report *rep, const struct aa_render_opts *opts,
                 FILE *fp)
{
    struct aa_render_opts one_line = *opts;

    one_line.compact = 1;
    return aa_render_json(rep, &one_line, fp);
}

/*
 * A scenario that could not be read, in the place its advice would have
 * taken (docs/scenario.md, "Several plans"):
 *   {"version": 1, "tool": {...}, "scenario": {"source": S, "line": L},
 *    "rejected": true, "errors": [{"severity", "message", "location"}]}
 */
void
aa_json_put_reject(struct aa_jsonout *o, const struct aa_run_info *info,
                   const char *source, const struct aa_message *m, size_t n,
                   const struct aa_render_opts *opts)
{
    aa_jsonout_object(o);
    PUT_INT(o, "version", 1);
    KEY(o, "tool");
    aa_json_put_tool(o, info->tool_version, info->knowledge_as_of);
    KEY(o, "scenario");
    aa_jsonout_object(o);
    PUT_STR(o, "source", source);
    if (opts->batch && aa_reject_batch_line(source, m, n) > 0)
        PUT_INT(o, "line", m[0].line);
    aa_jsonout_end(o);
    KEY(o, "rejected");
    aa_jsonout_bool(o, 1);
    KEY(o, "errors");
    aa_jsonout_array(o);
    for (size_t i = 0; i < n; i++) {
        aa_jsonout_object(o);
        PUT_STR(o, "severity", aa_severity_name(m[i].severity));
        PUT_STR(o, "message", m[i].text);
        KEY(o, "location");
        aa_jsonout_object(o);
        PUT_STR(o, "file", m[i].file ? m[i].file : source);
        PUT_INT(o, "line", m[i].line);
        PUT_INT(o, "column", m[i].col);
        aa_jsonout_end(o);
        aa_jsonout_end(o);
    }
    aa_jsonout_end(o);
    aa_jsonout_end(o);
}

int
aa_reject_json(const struct aa_run_info *info, const char *source,
               const struct aa_message *m, size_t n,
               const struct aa_render_opts *opts, FILE *fp)
{
    struct aa_jsonout o;

    aa_jsonout_init(&o, opts->compact);
    aa_json_put_reject(&o, info, source, m, n, opts);
    return print_json(&o, fp);
}
