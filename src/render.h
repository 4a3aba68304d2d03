/*
 * render.h -- the renderer interface.  A renderer reads a report and writes
 * to a stream; it owns nothing and never sees rules or scenarios.
 */
#ifndef AA_RENDER_H
#define AA_RENDER_H

#include <stdio.h>

#include "report.h"

typedef int aa_render_fn(const struct aa_report *,
                         const struct aa_render_opts *, FILE *);

aa_render_fn aa_render_text;
aa_render_fn aa_render_json;
aa_render_fn aa_render_md;

#endif /* AA_RENDER_H */
