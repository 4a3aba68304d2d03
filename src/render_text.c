/*
 * render_text.c -- the report a consultant reads at a terminal.
 *
 * Layout: one summary table (rank, mechanism, verdict, first reason or the
 * labels of the missing fields), then a block per mechanism that needs
 * attention (ranked, blocked or needing information) with every reason,
 * the question for each missing field and every action, then the
 * findings worst first, then a one-line count.  Text wraps at the width
 * asked (80 by default) with a hanging indent.  Colour only when opts->color is
 * set; the caller decides that (terminal, NO_COLOR), never this file.  Every
 * text that comes from a plan, a rule or a file name goes through text.h, so
 * only this file's own escape codes reach the terminal.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "kept.h"
#include "render.h"
#include "text.h"

struct out {
    struct aa_tout *t;
    struct aa_kept *kept; /* earlier pages' pieces (writer.c), or NULL */
    int color;
    const char *links; /* base URL of the rule pages, or NULL */
    int width;         /* columns to wrap at */
};

static void
sgr(const struct out *o, const char *code)
{
    if (o->color) {
        aa_tout_puts(o->t, "\033[");
        aa_tout_puts(o->t, code);
        aa_tout_putc(o->t, 'm');
    }
}

/* s, then blanks to 'width' columns (printf's "%-*s" for ASCII s, which
 * every name and verdict here is), without printf's format parsing. */
static void
put_left(const struct out *o, const char *s, int width)
{
    size_t n = strlen(s);

    aa_tout_put(o->t, s, n);
    aa_tout_pad(o->t, width - (int)n);
}

/*
 * A piece of the page the same on every report that has it (a fixed
 * reason with its tag, a question with its field, ...): a batch lays the
 * same rule texts out plan after plan, so the first page that has the
 * piece keeps its bytes and the next ones copy them.  A piece is named by
 * a tag of its kind and the report's pointers it is made of, all the rule
 * set's own or the contract's, which stand for the same text all run;
 * the width, colour and links are the run's.  again() writes the piece
 * and returns 1, or returns 0 and marks where the caller makes it; keep()
 * then keeps it, unless part of it has gone out of the buffer already.
 */
struct mark {
    size_t at;
    unsigned long flushes;
};

static const char why_tag[] = "why", for_tag[] = "for", do_tag[] = "do",
                  need_tag[] = "need", row_tag[] = "row", line_tag[] = "line",
                  needs_tag[] = "needs", finding_tag[] = "finding",
                  tag_tag[] = "tag";

static int
again(const struct out *o, const void *const name[4], struct mark *m)
{
    const char *k;
    size_t n;

    if (o->kept != NULL && name[0] != NULL &&
        (k = aa_kept_find(o->kept, name, &n)) != NULL) {
        aa_tout_put(o->t, k, n);
        return 1;
    }
    m->at = o->t->len;
    m->flushes = o->t->flushes;
    return 0;
}

static void
keep(const struct out *o, const struct mark *m, const void *const name[4])
{
    if (o->kept != NULL && m->flushes == o->t->flushes)
        aa_kept_add(o->kept, name, o->t->buf + m->at, o->t->len - m->at);
}

/* keep() for a piece named by a combination of the plan's values. */
static void
keep_combo(const struct out *o, const struct mark *m, const void *const name[4])
{
    if (o->kept != NULL && m->flushes == o->t->flushes)
        aa_kept_add_combo(o->kept, name, o->t->buf + m->at, o->t->len - m->at);
}

/* Text from the report, within a line. */
static void
put(const struct out *o, const char *s)
{
    aa_tout_text(o->t, s, 0);
}

static const char *
verdict_color(enum aa_verdict v)
{
    switch (v) {
    case AA_V_RECOMMENDED:
    case AA_V_AUTOMATIC:
        return "1;32";
    case AA_V_POSSIBLE:
        return "36";
    case AA_V_BLOCKED:
        return "1;31";
    case AA_V_NEEDS_INFO:
        return "33";
    case AA_V_NOT_APPLICABLE:
        break;
    }
    return "2";
}

static const char *
severity_color(enum aa_severity s)
{
    return s == AA_SEV_INFO ? "36" : s == AA_SEV_WARNING ? "33" : "1;31";
}

/* Write text wrapped to the output's width, continuation lines indented
 * by 'indent'; the first line starts at column 'col', after blanks only
 * when 'bol'. */
static void
wrap(const struct out *o, const char *text, int col, int indent, int bol)
{
    aa_tout_wrap(o->t, text, col, indent, o->width, bol ? AA_TEXT_LINE : 0);
}

/* A rule id; on a terminal that asked for them, a hyperlink to its page
 * (OSC 8: terminals without it show the id alone).  Rule ids are letters,
 * digits, '.', '-' and '_', so they need no escaping in a URL. */
static void
put_rule(const struct out *o, const char *rule, int page)
{
    if (o->links == NULL || !page) {
        put(o, rule);
        return;
    }
    aa_tout_puts(o->t, "\033]8;;");
    put(o, o->links);
    aa_tout_putc(o->t, '/');
    put(o, rule);
    aa_tout_puts(o->t, ".md\033\\");
    put(o, rule);
    aa_tout_puts(o->t, "\033]8;;\033\\");
}

/* A pack's rule under a built-in id says so, as words that wrap: its
 * words are not the ones the built-in rules give under that id. */
static const char *const replaced_mark[] = {"(replaced", "by", "your",
                                            "rules)"};
#define NMARK (sizeof(replaced_mark) / sizeof(replaced_mark[0]))

/* "[rule: FACT FACT]" on a line of its own at 'indent', the facts
 * wrapped when they pass the width (the rule id may be a link, so the
 * line is laid out here, not by aa_text_flow).  The same on every page
 * for a rule at an indent: kept, for the items and findings whose text
 * the plan fills in and which are laid out each time. */
static void
tag(const struct out *o, const char *rule, int page, int replaced,
    const char *const *facts, size_t nfacts, int indent)
{
    const void *name[4] = {tag_tag, rule, facts,
                           (const void *)(uintptr_t)(4u * (unsigned)indent +
                                                     2u * (replaced != 0) +
                                                     (page != 0))};
    int colon = nfacts > 0 && !replaced;
    struct mark m;
    int col;

    if (again(o, name, &m))
        return;
    col = indent + 1 + (int)aa_text_width(rule, strlen(rule)) + colon;

    aa_tout_pad(o->t, indent);
    sgr(o, "2");
    aa_tout_putc(o->t, '[');
    if (col + (nfacts == 0) <= o->width) {
        put_rule(o, rule, page);
    } else {
        /* A rule id longer than the line (a narrow terminal): broken
         * after a '.' or '-' like any long word, and not a link, which
         * would have to span the break; one column is kept for the ':'
         * or ']' after it. */
        col =
            aa_tout_flow(o->t, rule, indent + 1, indent + 1, o->width - 1, 0) +
            colon;
    }
    for (size_t k = 0; replaced && k < NMARK; k++) {
        char word[16];

        snprintf(word, sizeof(word), "%s%s", replaced_mark[k],
                 k + 1 < NMARK ? ""
                 : nfacts > 0  ? ":"
                               : "]");
        col = aa_tout_next(o->t, word, col, 1, indent + 1, o->width, 0);
    }
    if (colon)
        aa_tout_putc(o->t, ':');
    for (size_t i = 0; i < nfacts; i++) {
        char room[64];
        struct aa_buf fact;

        /* A fact ID, the last with the ']' that closes the tag. */
        aa_buf_init(&fact, room, sizeof(room));
        aa_buf_puts(&fact, facts[i]);
        if (i + 1 == nfacts)
            aa_buf_puts(&fact, "]");
        col = aa_tout_next(o->t, fact.s, col, 1, indent + 1, o->width, 0);
        aa_buf_fini(&fact);
    }
    if (nfacts == 0 && !replaced)
        aa_tout_putc(o->t, ']');
    sgr(o, "0");
    aa_tout_putc(o->t, '\n');
    keep(o, &m, name);
}

/* "needs customer agreement, workloads" (heap). */
static char *
needs_list(const struct aa_advice *a)
{
    size_t len = sizeof("needs ");
    char *s;

    for (size_t k = 0; k < a->nmissing; k++)
        len += strlen(a->missing[k].label) + 2;
    s = aa_xmalloc(len);
    strcpy(s, "needs ");
    for (size_t k = 0; k < a->nmissing; k++) {
        if (k > 0)
            strcat(s, ", ");
        strcat(s, a->missing[k].label);
    }
    return s;
}

/* The name of a whole row of the table, the same on every report whose
 * row has the mechanism, verdict and rank and the same first reason (a
 * fixed one); returns 0.  An unranked needs_info row is named by its
 * mechanism and the set of its missing fields, whose labels it lists in
 * contract order (invariant 3 of docs/rules.md); returns 1: a combination
 * of the plan's, kept a bounded number of times (aa_kept_add_combo), as
 * keeping each made a batch's memory grow with the plans
 * (docs/performance.md).  No name for a row that lists its workloads'
 * verdicts. */
static int
line_name(const struct aa_advice *a, const void *name[4])
{
    unsigned shown = (unsigned)a->verdict | (unsigned)a->rank << 8;

    name[0] = NULL;
    if (aa_advice_differs(a))
        return 0;
    if (a->verdict == AA_V_NEEDS_INFO) {
        uint64_t set[2] = {0, 0};

        /* The set is two words in two of the name's pointers. */
        if (a->rank != 0 || sizeof(void *) < sizeof(uint64_t))
            return 0;
        for (size_t k = 0; k < a->nmissing; k++) {
            int row = a->missing[k].row;

            if (row < 0 || row >= 128)
                return 0;
            set[row >> 6] |= (uint64_t)1 << (row & 63);
        }
        name[0] = needs_tag;
        name[1] = a->mech;
        name[2] = (const void *)(uintptr_t)set[0];
        name[3] = (const void *)(uintptr_t)set[1];
        return 1;
    }
    if (a->nreasons > 0 && !a->reasons[0].fixed)
        return 0;
    name[0] = line_tag;
    name[1] = a->mech;
    /* A replaced rule's reason is tagged (reason_cell). */
    if (a->nreasons > 0 && a->reasons[0].replaced)
        shown |= 1u << 16;
    name[2] = (const void *)(uintptr_t)shown;
    name[3] = a->nreasons > 0 ? a->reasons[0].text : NULL;
    return 0;
}

/* "azure: not applicable; modern_work: recommended" */
static void
per_workload(const struct aa_advice *a, char *buf, size_t size)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t v = 0; v < a->nper; v++) {
        const char *part[4] = {v ? "; " : "", a->per[v].workload, ": ",
                               aa_verdict_words(a->per[v].verdict)};

        /* Cut where the buffer ends, as snprintf would. */
        for (int k = 0; k < 4; k++)
            for (const char *c = part[k]; *c != '\0' && used + 1 < size; c++)
                buf[used++] = *c;
        buf[used] = '\0';
    }
}

/* The first reason in the WHY column, wrapped at column 32; a pack's
 * rule in a built-in's place tagged after it, as its detail block tags
 * it (the table names no rule). */
static void
reason_cell(const struct out *o, const struct aa_item *r)
{
    int col = aa_tout_flow(o->t, r->text, 32, 32, o->width, 0);

    if (r->replaced) {
        sgr(o, "2");
        for (size_t k = 0; k < NMARK; k++)
            col = aa_tout_next(o->t, replaced_mark[k], col, 1, 32, o->width, 0);
        sgr(o, "0");
    }
    aa_tout_putc(o->t, '\n');
}

static void
table(const struct out *o, const struct aa_report *rep)
{
    const struct aa_advice *order[AA_NMECH];
    size_t n = 0;

    /* Ranked first, by rank; then the rest in contract order. */
    for (int r = 1; r <= AA_NMECH; r++)
        for (size_t m = 0; m < AA_NMECH; m++)
            if (rep->mech[m].rank == r)
                order[n++] = &rep->mech[m];
    for (size_t m = 0; m < AA_NMECH; m++)
        if (rep->mech[m].rank == 0)
            order[n++] = &rep->mech[m];

    aa_tout_puts(o->t, "  #  MECHANISM  VERDICT         WHY\n");
    for (size_t i = 0; i < n; i++) {
        const struct aa_advice *a = order[i];
        /* A rank is 1 to AA_NMECH: one digit. */
        char rank[] = {' ', ' ', (char)('0' + a->rank), ' ', ' ', '\0'};
        const void *line[4];
        struct mark lm;
        int combo;

        _Static_assert(AA_NMECH <= 9, "a rank is one digit");
        combo = line_name(a, line);
        if (again(o, line, &lm))
            continue;
        aa_tout_puts(o->t, a->rank > 0 ? rank : "  -  ");
        put_left(o, a->mech, 9);
        aa_tout_puts(o->t, "  ");
        sgr(o, verdict_color(a->verdict));
        put_left(o, aa_verdict_words(a->verdict), 14);
        sgr(o, "0");
        aa_tout_puts(o->t, "  ");
        if (a->verdict == AA_V_NEEDS_INFO) {
            /* Labels: a row sums up, and the block below asks. */
            char *list = needs_list(a);

            wrap(o, list, 32, 32, 0);
            free(list);
        } else if (a->nreasons > 0) {
            const struct aa_item *r = &a->reasons[0];
            const void *name[4] = {r->fixed ? row_tag : NULL, r->text,
                                   (const void *)(uintptr_t)(r->replaced != 0),
                                   NULL};
            struct mark m;

            if (!again(o, name, &m)) {
                reason_cell(o, r);
                keep(o, &m, name);
            }
        } else {
            aa_tout_puts(o->t, "no rule applies\n");
        }
        if (aa_advice_differs(a)) {
            char verdicts[512];

            per_workload(a, verdicts, sizeof(verdicts));
            aa_tout_pad(o->t, 32);
            wrap(o, verdicts, 32, 32, 1);
        }
        if (combo)
            keep_combo(o, &lm, line);
        else
            keep(o, &lm, line);
    }
}

/* Code to paste, verbatim (never wrapped), indented under its action; its
 * tabs stay, other control characters are escaped.  A line longer than
 * the width is cut with a mark: the Markdown and JSON outputs hold it
 * whole. */
static void
snippet(const struct out *o, const char *code)
{
    const char *line = code;

    while (*line != '\0') {
        size_t n = strcspn(line, "\n");

        /* A blank line of the snippet stays blank: no trailing spaces. */
        if (n == 0)
            aa_tout_putc(o->t, '\n');
        else {
            aa_tout_puts(o->t, "         ");
            aa_tout_clip(o->t, line, n, 9, o->width,
                         AA_TEXT_TAB | AA_TEXT_LINE);
            aa_tout_putc(o->t, '\n');
        }
        line += n;
        if (*line == '\n')
            line++;
    }
}

/* A reason on its lines, its tag under it: of the mechanism after "why",
 * or of a workload ('workload') under its "for" line. */
static void
reason(const struct out *o, const struct aa_item *r, int workload)
{
    const void *name[4] = {!r->fixed  ? NULL
                           : workload ? for_tag
                                      : why_tag,
                           r->text, r->rule, r->facts};
    struct mark m;

    if (again(o, name, &m))
        return;
    aa_tout_puts(o->t, workload ? "       " : "  why  ");
    wrap(o, r->text, 7, 7, workload);
    tag(o, r->rule, r->page, r->replaced, r->facts, r->nfacts, 7);
    keep(o, &m, name);
}

static void
detail(const struct out *o, const struct aa_advice *a)
{
    aa_tout_putc(o->t, '\n');
    sgr(o, "1");
    put(o, a->mech);
    sgr(o, "0");
    aa_tout_puts(o->t, "  ");
    sgr(o, verdict_color(a->verdict));
    aa_tout_puts(o->t, aa_verdict_words(a->verdict));
    sgr(o, "0");
    if (a->rank > 0) {
        /* A rank is 1 to AA_NMECH: one digit. */
        char rank[] = {' ', '(', 'r', 'a', 'n', 'k', ' ', (char)('0' + a->rank),
                       ')', '\0'};

        aa_tout_puts(o->t, rank);
    }
    aa_tout_putc(o->t, '\n');
    for (size_t i = 0; i < a->nreasons; i++)
        reason(o, &a->reasons[i], 0);
    /* The workloads whose answer differs from the summary, with why. */
    for (size_t v = 0; aa_advice_differs(a) && v < a->nper; v++) {
        const struct aa_advice *p = &a->per[v];

        if (p->verdict == a->verdict)
            continue;
        aa_tout_puts(o->t, "  for  ");
        put(o, p->workload);
        aa_tout_puts(o->t, ": ");
        sgr(o, verdict_color(p->verdict));
        aa_tout_puts(o->t, aa_verdict_words(p->verdict));
        sgr(o, "0");
        aa_tout_putc(o->t, '\n');
        for (size_t i = 0; i < p->nreasons; i++)
            reason(o, &p->reasons[i], 1);
    }
    /* Each question with its field, which --set and the plan name. */
    for (size_t k = 0; k < a->nmissing; k++) {
        char room[128];
        struct aa_buf ptr;
        const void *name[4] = {need_tag, a->missing[k].question,
                               a->missing[k].pointer, NULL};
        struct mark m;

        aa_tout_puts(o->t, k == 0 ? "  need - " : "       - ");
        if (again(o, name, &m))
            continue;
        wrap(o, a->missing[k].question, 9, 9, 0);
        aa_tout_puts(o->t, "         ");
        sgr(o, "2");
        aa_tout_putc(o->t, '[');
        aa_buf_init(&ptr, room, sizeof(room));
        aa_buf_puts(&ptr, a->missing[k].pointer);
        aa_buf_puts(&ptr, "]");
        aa_tout_flow(o->t, ptr.s, 10, 10, o->width, 0);
        aa_buf_fini(&ptr);
        sgr(o, "0");
        aa_tout_putc(o->t, '\n');
        keep(o, &m, name);
    }
    for (size_t i = 0; i < a->nactions; i++) {
        const void *name[4] = {a->actions[i].fixed ? do_tag : NULL,
                               a->actions[i].text, a->actions[i].rule,
                               a->actions[i].facts};
        struct mark m;

        if (again(o, name, &m))
            continue;
        aa_tout_puts(o->t, "  do   ");
        wrap(o, a->actions[i].text, 7, 7, 0);
        if (a->actions[i].command != NULL) {
            const char *cmd = a->actions[i].command;

            /* Code too: cut, not wrapped, when it passes the width. */
            aa_tout_puts(o->t, "       ");
            sgr(o, "1");
            aa_tout_puts(o->t, "$ ");
            aa_tout_clip(o->t, cmd, strlen(cmd), 9, o->width, 0);
            sgr(o, "0");
            aa_tout_putc(o->t, '\n');
        }
        if (a->actions[i].snippet != NULL)
            snippet(o, a->actions[i].snippet);
        tag(o, a->actions[i].rule, a->actions[i].page, a->actions[i].replaced,
            a->actions[i].facts, a->actions[i].nfacts, 7);
        keep(o, &m, name);
    }
}

/* The digits of n into b, after 'sep' unless it is 0: measured by where
 * they start, not by strlen (a page puts a few on every plan). */
static void
put_digits(struct aa_buf *b, char sep, unsigned long long n)
{
    char num[24], *end = num + sizeof(num), *d = aa_text_digits(end, n);

    if (sep != '\0')
        *--d = sep;
    aa_buf_put(b, d, (size_t)(end - d));
}

/* "FILE:LINE:COL  POINTER  (WORKLOADS)" from column 11: the file breaks
 * at its separators when it passes the width, and the pointer (with the
 * workloads a finding of some of them names) goes to a line of its own
 * when it does not fit beside it. */
static void
where(const struct out *o, const struct aa_report *rep,
      const struct aa_finding *f)
{
    char froom[256], proom[256];
    struct aa_buf file, ptr;
    int col;

    aa_buf_init(&file, froom, sizeof(froom));
    aa_buf_init(&ptr, proom, sizeof(proom));
    aa_buf_puts(&file, f->at.file);
    /* No position: a plan from --set alone has no file. */
    if (f->at.line > 0) {
        put_digits(&file, ':', f->at.line);
        put_digits(&file, ':', f->at.col);
    }
    aa_buf_puts(&ptr, f->pointer[0] ? f->pointer : "/");
    /* In a split plan, a finding of some workloads only says which. */
    if (f->nworkloads > 0 && f->nworkloads < rep->nviews)
        for (size_t k = 0; k < f->nworkloads; k++) {
            aa_buf_puts(&ptr, k ? ", " : "  (");
            aa_buf_puts(&ptr, f->workloads[k]);
            if (k + 1 == f->nworkloads)
                aa_buf_puts(&ptr, ")");
        }
    col = aa_tout_next(o->t, file.s, 9, 2, 11, o->width, 0);
    aa_tout_next(o->t, ptr.s, col, 2, 11, o->width, 0);
    aa_tout_putc(o->t, '\n');
    aa_buf_fini(&ptr);
    aa_buf_fini(&file);
}

static void
findings(const struct out *o, const struct aa_report *rep, int min)
{
    size_t shown = 0;

    for (size_t i = 0; i < rep->nfindings; i++)
        shown += (int)rep->findings[i].severity >= min;
    if (shown == 0)
        return;
    aa_tout_putc(o->t, '\n');
    sgr(o, "1");
    aa_tout_puts(o->t, "Findings");
    sgr(o, "0");
    aa_tout_putc(o->t, '\n');
    for (size_t i = 0; i < rep->nfindings; i++) {
        const struct aa_finding *f = &rep->findings[i];
        const void *name[4];
        struct mark m;

        if ((int)f->severity < min)
            continue;
        aa_tout_puts(o->t, "  ");
        sgr(o, f->suppressed ? "2" : severity_color(f->severity));
        put_left(o, aa_severity_name(f->severity), 7);
        sgr(o, "0");
        where(o, rep, f);
        /* A justification is the plan's (its baseline's): not kept. */
        name[0] = f->fixed && f->suppressed == NULL ? finding_tag : NULL;
        name[1] = f->message;
        name[2] = f->rule;
        name[3] = f->facts;
        if (again(o, name, &m))
            continue;
        aa_tout_puts(o->t, "           ");
        wrap(o, f->message, 11, 11, 1);
        if (f->suppressed != NULL) {
            aa_tout_puts(o->t, "           suppressed: ");
            wrap(o, f->suppressed, 23, 11, 0);
        }
        tag(o, f->rule, f->page, f->replaced, f->facts, f->nfacts, 11);
        keep(o, &m, name);
    }
}

int
aa_render_text(const struct aa_report *rep, const struct aa_render_opts *opts,
               FILE *fp)
{
    struct aa_tout t;

    aa_tout_init(&t, fp);
    aa_render_text_page(rep, opts, NULL, &t);
    aa_tout_flush(&t);
    return 0;
}

void
aa_render_text_page(const struct aa_report *rep,
                    const struct aa_render_opts *opts, struct aa_kept *kept,
                    struct aa_tout *t)
{
    struct out o = {t, kept, opts->color, opts->links,
                    opts->width > 0 ? opts->width : 80};
    size_t count[3] = {0, 0, 0}, suppressed = 0, hidden = 0;
    char counts[160];
    struct aa_buf line;
    int col;

    sgr(&o, "1");
    col = aa_tout_flow(t, rep->scenario_id ? rep->scenario_id : rep->source, 0,
                       4, o.width, AA_TEXT_LINE);
    sgr(&o, "0");
    if (rep->scenario_id) {
        char room[256];
        struct aa_buf source;

        aa_buf_init(&source, room, sizeof(room));
        aa_buf_puts(&source, "(");
        aa_buf_puts(&source, rep->source);
        aa_buf_puts(&source, ")");
        aa_tout_next(t, source.s, col, 1, 4, o.width, 0);
        aa_buf_fini(&source);
    }
    aa_tout_puts(t, "\n\n");
    table(&o, rep);
    for (int r = 1; r <= AA_NMECH; r++)
        for (size_t m = 0; m < AA_NMECH; m++)
            if (rep->mech[m].rank == r)
                detail(&o, &rep->mech[m]);
    for (size_t m = 0; m < AA_NMECH; m++)
        if (rep->mech[m].verdict == AA_V_BLOCKED ||
            rep->mech[m].verdict == AA_V_NEEDS_INFO)
            detail(&o, &rep->mech[m]);
    findings(&o, rep, opts->min_severity);
    aa_report_tally(rep, count);
    /* Hidden severities are not counted either: the line sums up the page,
     * and says how many it leaves out, as the exit status may rest on
     * them. */
    for (int sev = 0; sev < opts->min_severity && sev < 3; sev++) {
        hidden += count[sev];
        count[sev] = 0;
    }
    aa_tout_putc(t, '\n');
    for (size_t i = 0; i < rep->nfindings; i++)
        suppressed += rep->findings[i].suppressed != NULL &&
                      (int)rep->findings[i].severity >= opts->min_severity;
    /* "N errors, N warnings, N notes[, N suppressed]", put together
     * without printf's parsing of a format on every plan of a batch. */
    aa_buf_init(&line, counts, sizeof(counts));
    for (int k = 0; k < 4; k++) {
        /* Put with their lengths: no strlen for each word of each plan. */
        static const struct {
            const char *s;
            size_t n;
        } word[4] = {
            {" error", 6}, {" warning", 8}, {" note", 5}, {" suppressed", 11}};
        size_t c = k == 3 ? suppressed : count[AA_SEV_ERROR - k];

        if (k == 3 && c == 0)
            continue;
        if (k > 0)
            aa_buf_put(&line, ", ", 2);
        put_digits(&line, '\0', c);
        aa_buf_put(&line, word[k].s, word[k].n);
        if (k < 3 && c != 1)
            aa_buf_put(&line, "s", 1);
    }
    if (hidden > 0) {
        aa_buf_put(&line, ", ", 2);
        put_digits(&line, '\0', hidden);
        aa_buf_puts(&line, " hidden by --min-severity");
    }
    if (rep->baselined) {
        aa_buf_put(&line, ", ", 2);
        put_digits(&line, '\0', rep->nstale);
        aa_buf_puts(&line, rep->nstale == 1 ? " stale baseline entry"
                                            : " stale baseline entries");
    }
    aa_tout_wrap(t, line.s, 0, 2, o.width, AA_TEXT_LINE);
    aa_buf_fini(&line);
}

void
aa_text_xread(FILE *fp, const struct aa_xread *r)
{
    switch (r->kind) {
    case AA_XR_BOOL:
        fputs(r->b ? "true" : "false", fp);
        break;
    case AA_XR_NUMBER:
        fprintf(fp, "%.15g", r->n);
        break;
    case AA_XR_STRING:
        fputc('"', fp);
        aa_text_put(fp, r->s, 0);
        fputc('"', fp);
        break;
    case AA_XR_ARRAY:
        fputc('[', fp);
        for (size_t i = 0; i < r->nitems; i++) {
            fputs(i > 0 ? ", \"" : "\"", fp);
            aa_text_put(fp, r->items[i], 0);
            fputc('"', fp);
        }
        fputc(']', fp);
        break;
    default:
        fputs("absent", fp);
        break;
    }
}
