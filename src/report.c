/*
 * report.c -- queries over the report model.
 *
 * Renderers, the front end and triage all ask the same questions of a
 * report (how many active findings of each severity, the worst one), so
 * the answers live beside the model rather than in eval.c: reading a
 * report must not pull in the evaluator.  Only report.h is needed here.
 * A finding counts while it is active, i.e. not suppressed.
 */
#include "report.h"

int
aa_report_worst(const struct aa_report *rep)
{
    int worst = -1;

    for (size_t i = 0; i < rep->nfindings; i++)
        if (rep->findings[i].suppressed == NULL &&
            (int)rep->findings[i].severity > worst)
            worst = (int)rep->findings[i].severity;
    return worst;
}

void
aa_report_count(const struct aa_report *rep, size_t count[3])
{
    for (size_t i = 0; i < rep->nfindings; i++)
        if (rep->findings[i].suppressed == NULL)
            count[rep->findings[i].severity > AA_SEV_ERROR
                      ? AA_SEV_ERROR
                      : rep->findings[i].severity]++;
}

void
aa_scan_report_count(const struct aa_scan_report *rep, size_t count[3])
{
    for (size_t i = 0; i < rep->nfiles; i++)
        for (size_t k = 0; k < rep->files[i].nfindings; k++)
            if (rep->files[i].findings[k].suppressed == NULL)
                count[rep->files[i].findings[k].severity]++;
}

int
aa_scan_report_worst(const struct aa_scan_report *rep)
{
    size_t count[3] = {0, 0, 0};

    aa_scan_report_count(rep, count);
    for (int sev = AA_SEV_ERROR; sev >= AA_SEV_INFO; sev--)
        if (count[sev] > 0)
            return sev;
    return -1;
}
