/*
 * finding.c -- what identifies a finding across runs: its fingerprint
 * (docs/design.md, "Fingerprints"), read by baselines and meant for
 * SARIF's partialFingerprints.
 *
 * A line number is the one thing about a finding that an unrelated edit
 * changes, so the fingerprint leaves it out.  It hashes what the finding
 * is about instead: the rule, the place without its line (the JSON
 * Pointer of a finding in a plan; the file of one in deployment code,
 * whose pointer only says which artifact entry brought the file in), and
 * the ${match} text with its white space folded.  Findings that agree on
 * all three (one rule firing twice on the same text in one file) are told
 * apart by their order, as GitHub's primaryLocationLineHash does:
 * "hash:1", "hash:2", ...  A line of an --ndjson batch shares its source
 * with the batch's other plans, so its plan's id (or line) is hashed
 * first: one baseline entry no longer accepts the same finding on every
 * line.  The hash is FNV-1a of 64 bits: stable across
 * builds and machines, short, and no defence against a chosen collision,
 * which a baseline does not need (whoever writes it accepts findings at
 * will).  It reads report.h only, so renderers may call it.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

#define FNV_OFFSET 0xcbf29ce484222325u
#define FNV_PRIME 0x100000001b3u

static uint64_t
mix(uint64_t h, unsigned char byte)
{
    return (h ^ byte) * FNV_PRIME;
}

/* The bytes of s and a NUL, which ends each part. */
static uint64_t
mix_str(uint64_t h, const char *s)
{
    for (; *s != '\0'; s++)
        h = mix(h, (unsigned char)*s);
    return mix(h, 0);
}

static int
is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* s with every run of white space one space and none at either end. */
static uint64_t
mix_folded(uint64_t h, const char *s)
{
    int gap = 0, started = 0;

    for (; *s != '\0'; s++) {
        if (is_space(*s)) {
            gap = started;
            continue;
        }
        if (gap)
            h = mix(h, ' ');
        h = mix(h, (unsigned char)*s);
        gap = 0;
        started = 1;
    }
    return mix(h, 0);
}

/* The plan of a line of an --ndjson batch, whose findings share their
 * source with every other line's: its id, or else its line.  Nothing for
 * a plan of its own file, whose fingerprints stay what they were. */
static uint64_t
mix_plan(uint64_t h, const struct aa_report *rep)
{
    char line[24];

    if (rep->source_line == 0)
        return h;
    if (rep->scenario_id != NULL)
        return mix_str(mix(h, 'i'), rep->scenario_id);
    snprintf(line, sizeof(line), "%u", rep->source_line);
    return mix_str(mix(h, 'l'), line);
}

static uint64_t
hash(const struct aa_report *rep, const struct aa_finding *f)
{
    const char *where = f->code ? f->at.file : f->pointer ? f->pointer : NULL;
    uint64_t h = mix_plan(FNV_OFFSET, rep);

    h = mix_str(h, f->rule);
    h = mix_str(h, where != NULL ? where : "");
    return mix_folded(h, f->match != NULL ? f->match : "");
}

int
aa_finding_fingerprint(const struct aa_report *rep, size_t i, char *out)
{
    const struct aa_finding *f;
    uint64_t h;
    size_t nth = 1;

    if (i >= rep->nfindings)
        return -1;
    f = &rep->findings[i];
    h = hash(rep, f);
    /* Equal findings are rare and of one rule: compare rules first. */
    for (size_t j = 0; j < i; j++)
        if (strcmp(rep->findings[j].rule, f->rule) == 0 &&
            hash(rep, &rep->findings[j]) == h)
            nth++;
    snprintf(out, AA_FINGERPRINT_SIZE, "%016llx:%zu", (unsigned long long)h,
             nth);
    return 0;
}
