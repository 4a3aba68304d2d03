/*
 * scan.h -- reading deployment code for Customer Usage Attribution evidence.
 *
 * A scan takes files or folders (the "scan" command, or a scenario's
 * solution.artifacts) and gives each deployment file a kind, a status and
 * the hits that explain the status.  The scanners only *detect*: a hit
 * names a detector (enum aa_detect) and a place; the words a partner reads,
 * the severity and the facts come from the rule that declares
 * "detect: NAME" in rules/code.yaml, so the C code never phrases advice.
 *
 * Pipeline: scan.c walks the paths, reads each file and dispatches on its
 * kind to scan_arm.c, scan_bicep.c, scan_tf.c or scan_script.c.  Each
 * scanner is a pure function of the file's text: it adds hits and sets the
 * file's status, or reports a malformed file as an error diagnostic.
 *
 * Names are partially evaluated: what a scanner cannot resolve (a parameter
 * with no default, uniqueString(), a module output) becomes AA_HOLE in the
 * resolved text, so "pid-" + GUID + AA_HOLE still counts as a pid with a
 * suffix while "pid-" + AA_HOLE is unresolved.
 *
 * Ownership: a struct aa_scan owns every file, hit and string through its
 * arena; the paths it was given are copied.
 */
#ifndef AA_SCAN_H
#define AA_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "arena.h"
#include "attrib_advise.h"
#include "diag.h"
#include "fileset.h"
#include "ids.h"
#include "path.h"

/* Stands for the part of a name a scanner could not resolve. */
#define AA_HOLE '\x01'
#define AA_HOLE_STR "\x01"

enum aa_scan_kind {
    AA_SCAN_ARM,       /* ARM JSON, compiled Bicep included */
    AA_SCAN_BICEP,     /* .bicep */
    AA_SCAN_TERRAFORM, /* .tf */
    AA_SCAN_SCRIPT,    /* shell, PowerShell, CI YAML, .env, SDK code */
    AA_SCAN_FOLDER,    /* only a folder a walk could not read: never scanned */
    AA_SCAN_KIND_COUNT
};

enum aa_scan_status {
    AA_SCAN_ATTRIBUTED,     /* a valid partner pid where it counts */
    AA_SCAN_AT_RISK,        /* present but conditional, unresolved, fragile */
    AA_SCAN_NOT_ATTRIBUTED, /* none, malformed, nested only, AVM only */
    AA_SCAN_CONTEXT,        /* carries no verdict of its own */
    AA_SCAN_STATUS_COUNT
};

/*
 * What a detector saw.  Each value is named in one rule of rules/code.yaml
 * ("detect: pid_nested"); aa_detect_name gives that name.  The comment says
 * what the hit's subject is.
 */
enum aa_detect {
    /* ARM and Bicep deployment names (subject: the name as resolved) */
    AA_D_PID_ROOT,           /* valid pid-<GUID> deployment in the root file */
    AA_D_PID_NESTED,         /* pid only in a nested template/child module */
    AA_D_PID_NO_PREFIX,      /* a GUID-named deployment without "pid-" */
    AA_D_PID_BAD_GUID,       /* "pid-" followed by no GUID */
    AA_D_PID_ZERO_GUID,      /* the all-zero placeholder GUID */
    AA_D_PID_TOO_LONG,       /* resolved name over 64 characters */
    AA_D_PID_UNRESOLVED,     /* name from an expression we cannot resolve */
    AA_D_PID_PARAMETER,      /* name from a parameter default: overridable */
    AA_D_PID_PLACEHOLDER,    /* a build placeholder such as ${admin.start} */
    AA_D_PID_OFF_BY_DEFAULT, /* condition whose default turns it off */
    AA_D_PID_OPT_OUT,        /* condition whose default keeps it on */
    AA_D_PID_COMMENTED_OUT,  /* pid text only inside comments */
    AA_D_PID_SEVERAL,        /* more than one distinct pid GUID at the root */
    AA_D_PID_NONE,           /* a root template/file with no pid at all */
    AA_D_AVM_TELEMETRY,      /* only AVM telemetry (46d3xbcp., modtm) */
    AA_D_MARKETPLACE_PLAN,   /* mainTemplate.json beside createUiDefinition */
    AA_D_CHILD_OF,           /* deployed by another scanned file (subject) */
    AA_D_PID_NESTED_REDUNDANT, /* a child's pid beside the root's pid */
    AA_D_NO_VERDICT, /* nothing here decides attribution (a file-wide hit) */
    AA_D_PID_NOT_LEADING, /* a deployment name with pid-<GUID> after text */
    AA_D_SCAN_STOPPED,    /* a bound left part of the file unknown, and no pid
                             was found (subject: the bound's name) */
    AA_D_LINK_CYCLE,      /* deployed only through files that deploy each other
                             in a cycle, under no root (subject: the cycle) */
    /* Terraform (subject: the partner_id value or the block label) */
    AA_D_TF_PARTNER_ID,     /* valid partner_id on azurerm/azapi */
    AA_D_TF_PARTNER_ID_VAR, /* partner_id from var.x resolved by default */
    AA_D_TF_PARTNER_ID_UNRESOLVED,  /* var.x with no usable default, locals */
    AA_D_TF_PARTNER_ID_CONDITIONAL, /* cond ? id : null */
    AA_D_TF_PARTNER_ID_MALFORMED, /* not GUID, pid-GUID, pid-GUID-partnercenter
                                   */
    AA_D_TF_AZAPI_PARTNER_ID_PREFIXED, /* a pid- form on azapi: GUID only */
    AA_D_TF_NO_PARTNER_ID,     /* an azurerm/azapi provider without one */
    AA_D_TF_PARTNER_ID_ENV,    /* one without, where a script of the scan
                                  sets ARM_PARTNER_ID (subject: provider) */
    AA_D_TF_DISABLE_NO_EFFECT, /* disable_terraform_partner_id beside a custom
                                  id */
    AA_D_TF_ARM_DEPLOYMENT,    /* a pid- ARM deployment created by Terraform */
    AA_D_TF_IMPLIED_PROVIDER,  /* a resource, data source or module using the
                                  default azurerm/azapi configuration where
                                  no unaliased block exists (subject: name) */
    AA_D_TF_UNSELECTED_PROVIDER, /* an aliased block that nothing selects */
    /* Scripts and SDK settings (subject: the value) */
    AA_D_UA_PID,         /* AZURE_HTTP_USER_AGENT / user agent with pid-GUID */
    AA_D_UA_NO_PREFIX,   /* a user agent carrying a GUID without "pid-" */
    AA_D_ENV_PARTNER_ID, /* ARM_PARTNER_ID exported with a valid id */
    AA_D_ENV_PARTNER_ID_MALFORMED,
    AA_D_ENV_PARTNER_ID_EMPTY, /* ARM_PARTNER_ID set to "": unset */
    /* The same, where every provider configuration the scanned Terraform
     * code uses sets partner_id itself: it loses nothing */
    AA_D_ENV_PARTNER_ID_EMPTY_NO_EFFECT,
    AA_D_UA_UNRESOLVED,        /* a user agent the file cannot resolve */
    AA_D_UA_NO_PID,            /* a user agent known in full, with no pid */
    AA_D_DEPLOYMENT_NO_PREFIX, /* az/New-Az deployment named with a GUID */
    AA_D_SCRIPT_PID_TEXT, /* pid-<GUID> tied to no setting the scan knows */
    /* The plan file itself, seen by the loader and eval.c (rules/input.yaml).
     * These speak for the file as written, not for a mechanism, and cite no
     * fact: they are about the contract, not about attribution. */
    AA_D_UNKNOWN_KEY,              /* the key's pointer, and a suggestion */
    AA_D_SUPPRESSION_INVALID,      /* what is wrong with the entry */
    AA_D_SUPPRESSION_UNKNOWN_RULE, /* the rule id it names */
    AA_D_SUPPRESSION_EXPIRED,      /* the rule id and the date */
    AA_D_ARTIFACT_EMPTY,  /* an artifacts entry that brought in no file */
    AA_D_NOTHING_DECIDED, /* (none): every verdict is needs_info */
    AA_D_INCOMPLETE,      /* a mechanism and the fields it waits for */
    AA_D_KNOWLEDGE_STALE, /* the knowledge date: about the rule set in use,
                             not the plan, so --strict leaves it alone */
    /* Never a hit: a plan or file that cannot be read gives no report,
     * but its rule names it where an output lists rules (SARIF, Code
     * Quality), so the rule says what it is and has a page. */
    AA_D_UNREADABLE,
    AA_D_COUNT
};
/* A file's detectors are bits of a uint64_t (struct aa_scan_file). */
_Static_assert(AA_D_COUNT <= 64, "a detector more than a file's bits hold");
/* The first detector of the plan file itself: these and those after it. */
#define AA_D_INPUT_FIRST AA_D_UNKNOWN_KEY

/* One step of a name's resolution, for --explain: a symbol the scanner
 * looked up (a variable, parameter, local) and where it is declared, with
 * the source there as written. */
struct aa_step {
    const char *name;
    unsigned line, col;
    const char *written;
};

/* One thing a detector saw at one place. */
struct aa_hit {
    enum aa_detect what;
    unsigned line, col;  /* 1-based; 1:1 for a hit about the whole file */
    const char *subject; /* resolved name or value; AA_HOLE marks gaps */
    const char *guid;    /* lower-case GUID inside subject, or NULL */
    /* The source from the hit's place to the end of its line, blanks
     * folded and cut at AA_WRITTEN_MAX bytes: the expression as written,
     * which --explain puts beside what it resolved to.  Recorded only
     * while the scan explains (aa_scan_explain), as no report shows it;
     * NULL for a hit about the whole file. */
    const char *written;
    /* The symbols its value was resolved through, in the order looked up;
     * recorded only while the scan explains (aa_scan_explain). */
    const struct aa_step *steps;
    size_t nsteps;
};
#define AA_WRITTEN_MAX 160

struct aa_tf_call;
struct aa_tf_mod;

/* What aa_scan_finish reads of a Terraform file (aa_scan_file.tf). */
struct aa_scan_tf_file {
    /* Terraform: azapi resources, data sources and provider blocks; the
     * provider blocks; those without a partner_id that is surely set,
     * which read ARM_PARTNER_ID instead.  aa_scan_finish adds them up
     * over a folder, as Terraform configures a module's providers once. */
    unsigned azapi_uses, azapi_blocks, azapi_no_id;
    /* Terraform: what else may read ARM_PARTNER_ID in the same run:
     * azurerm resources, data sources and provider blocks, and module
     * calls, whose modules may hold them. */
    unsigned azurerm_uses;
    /* Terraform, bit k of provs (azurerm, azapi): resources or data
     * sources of that provider selecting no alias, or a module call that
     * inherits the defaults (both bits); unaliased blocks of it. */
    unsigned default_uses, default_blocks;
    /* Terraform: module calls that inherit a default with no block in
     * their module (struct aa_tf_call), judged by aa_scan_finish from
     * what the called folder uses; and the file's own counts of provider
     * configurations (all, attributed, at risk; of other files, attributed
     * and at risk) and its status apart from them, to judge it again. */
    struct aa_tf_call *calls;
    /* Terraform: its calls of modules in local folders, which credit the
     * called files only when the call makes an instance (struct
     * aa_tf_mod). */
    struct aa_tf_mod *mods;
    size_t counts[5];
    enum aa_scan_status best;
    /* The note of tf_no_partner_id hits past the errors limit, as its
     * place in the diagnostics given to the scan and their number: the
     * hits may be retagged later (aa_scan_finish), and the note with
     * them.  notes is NULL when there is none. */
    struct aa_diags *notes;
    size_t note_at;
    unsigned note_more;
};

/* One deployment file of a scan: what aa_scan_finish and the report need
 * of it, kept until the scan is freed.  What only its scanning needs is in
 * struct aa_scan_cur, once for the scan. */
struct aa_scan_file {
    const char *path; /* as given, or joined below a given folder */
    enum aa_scan_kind kind;
    enum aa_scan_status status;
    int failed;        /* could not be read or parsed: see the diagnostics */
    unsigned origin;   /* which aa_scan_path call found it, from 0 */
    const char *error; /* then the first error about it, or NULL */
    struct aa_hit *hits;
    size_t nhits, caphits;
    /* Bit d: it has hits of detector d; and hits of detector d came past
     * the errors limit and were only counted (aa_scan_hit): one file
     * cannot flood the report. */
    uint64_t has, over;
    /* Files this one deploys as children: ARM templateLink relativePath,
     * Bicep module paths, Terraform module sources; as written, relative
     * to this file's folder.  An ARM templateLink uri built on a real URL
     * is kept whole ("https://host/path/x.json", no query string) and
     * matched by the end of its path.  aa_scan_finish matches them to
     * the scanned files, this one included (a cycle of one). */
    const char **links;
    size_t nlinks, caplinks;
    /* The files that deploy this one, set by aa_scan_finish from the
     * links of all (this one, when it links itself). */
    struct aa_scan_file **parents;
    size_t nparents, capparents;
    size_t index; /* in aa_scan.files, once aa_scan_finish sorted them */
    /* What aa_scan_finish reads of a Terraform file, made by aa_scan_tf;
     * NULL for other files and for one that could not be read.  Apart:
     * in each file of every kind it took 104 bytes of the 248 a file
     * kept. */
    struct aa_scan_tf_file *tf;
};

/* A module call that inherits the default configuration of provider
 * 'prov' (0 azurerm, 1 azapi) from a module without such a block: an
 * implied empty one, if the called module uses that provider.  'guess'
 * is what the call's own module says when the called one is not scanned:
 * whether it has aliased blocks of the provider. */
struct aa_tf_call {
    int prov, guess;
    unsigned line, col; /* of the module block */
    const char *source; /* as written; NULL when not a string */
    struct aa_tf_call *next;
};

/* A Terraform module block whose source is a local folder ("./x",
 * "../x"), and whether its count or for_each makes no instance with the
 * defaults (0, var.x ? 1 : 0 with x false, an empty literal): then what
 * the called folder deploys is off by default through this call, as a
 * resource with such a count is (aa_scan_finish). */
struct aa_tf_mod {
    const char *source; /* as written */
    int off;            /* its count or for_each makes no instance by default */
    int optional;       /* ... or makes one that the deployer may turn off */
    struct aa_tf_mod *next;
};

/* The file being scanned (scan.c, from the file's text to its last hit):
 * what only its scanning needs, once for the scan rather than once for
 * each of its files. */
struct aa_scan_cur {
    struct aa_scan_file *f; /* NULL between files */
    /* The file's text and where its lines start (lines[0] == 0), so that
     * a hit's line is a binary search and its column a walk along one
     * line; NULL outside the scanner. */
    const char *text;
    const size_t *lines;
    size_t nlines;
    /* The last place located, so that many hits on one long line (a
     * minified template) cost the line once, not once per hit. */
    size_t mark_off, mark_line;
    unsigned mark_col;
    /* The steps of the name being resolved (aa_scan_step), which the next
     * hits at a place take with them. */
    struct aa_step *pending;
    size_t npending, cappending;
    /* Its hits, on the heap while they come, then copied to the scan's
     * arena at their number; and how many of each detector it kept and
     * dropped. */
    struct aa_hit *hits;
    size_t caphits;
    unsigned nwhat[AA_D_COUNT], dropped[AA_D_COUNT];
};

/* A file's text as read, for scanners that look beyond one file. */
struct aa_scan_text {
    const char *path;
    const char *text; /* NUL-terminated at text[len] */
    size_t len;
};

/* The .tf files of one folder, which Terraform reads as one module: its
 * variables, locals and provider blocks span them all.  scan.c's folder
 * walk owns it, from the folder's first .tf file to its last, however
 * many other folders' files come between (a subfolder "net/" sorts
 * between "main.tf" and "outputs.tf"). */
struct aa_scan_module {
    /* The files that could be read; a text and its path are freed (NULL)
     * once the file is scanned after scan_tf.c read the module. */
    const struct aa_scan_text *text;
    size_t ntext;
    size_t at; /* text[at] is the file being scanned */
    /* Its override files (override.tf, *_override.tf) in byte order of
     * their names, as Terraform merges them: each of their blocks into
     * the block of the same type and labels in the files above, so they
     * are no files of their own.  Only those Terraform would read
     * (aa_scan_tf_refused); kept until the last file is scanned. */
    const struct aa_scan_text *over;
    size_t nover;
    /* Set when only text[at] is scanned, a .tf file named alone: the
     * others are read for what they declare, and what in them makes
     * Terraform refuse the module is its error. */
    int alone;
    /* scan_tf.c's reading of the module: every file lexed once, made for
     * the first file scanned and kept for the others; freed by the walk
     * with the texts (aa_scan_tf_module_free). */
    struct aa_tf_module *tf;
};

struct aa_scan {
    struct aa_arena arena;
    struct aa_scan_file **files; /* in path order */
    size_t nfiles, capfiles;
    /* The files' absolute paths (aa_path_absolute): a file met again
     * (named twice, named and in a folder named, or reached through "..")
     * is scanned and listed once. */
    struct aa_fileset listed;
    /* The folder of the last file made absolute: a folder's files come
     * one after the other, and resolving the folder is system calls. */
    struct aa_path_memo dirs;
    unsigned npaths; /* aa_scan_path calls so far */
    int exclude;     /* folder walks leave out the run's exclusions */
    int explain;     /* hits record the steps of their resolution */
    /* While one of a folder's .tf files is scanned, its module; NULL
     * when a file is scanned on its own. */
    struct aa_scan_module *module;
    /* .tf texts lexed so far: one per file, whatever its folder holds,
     * which the tests count (a scan that re-read a file's siblings for
     * each file grew with the square of the folder). */
    size_t tf_lexed;
    /* Tokens the modules read so far keep of their files: those of their
     * declarations and provider blocks' partner_id, not every file's,
     * which the tests count too (a module of thousands of files held them
     * all). */
    size_t tf_kept;
    /* A Terraform JSON file (.tf.json) was met and not read: what its
     * provider blocks send is not known (settle_env_cleared). */
    int tf_json;
    struct aa_scan_cur cur;
};

/* The shape of a deployment name after resolution (CUA-F06, F08, F15). */
enum aa_pid_form {
    AA_PID_NOT_PID,       /* nothing CUA-like */
    AA_PID_VALID,         /* pid-<GUID>, any suffix */
    AA_PID_PARTNERCENTER, /* pid-<GUID>-partnercenter, or pid-<x>-partnercenter
                           */
    AA_PID_ZERO,          /* pid-00000000-0000-0000-0000-000000000000 */
    AA_PID_NO_PREFIX,     /* starts with a GUID but lacks pid- */
    AA_PID_BAD_GUID,      /* pid- and then no GUID */
    AA_PID_UNRESOLVED,    /* pid- and then a hole where the GUID should be */
    AA_PID_PLACEHOLDER,   /* <GUID>, pid-__PID__...: never filled in (F25) */
    AA_PID_NOT_LEADING,   /* pid-<GUID> after other text: amba-pid-<GUID> */
    AA_PID_AVM            /* 46d3xbcp.: Azure Verified Modules telemetry */
};

/*
 * Classify a resolved name (n bytes; may contain AA_HOLE).  When the form
 * carries a GUID, it is written lower-case to guid[37]; else guid[0] = 0.
 * A leading hole means nothing is known: AA_PID_NOT_PID.
 */
enum aa_pid_form aa_pid_classify(const char *name, size_t n, char guid[37]);
/* Whether a name of that form is a pid that records usage. */
static inline int
aa_pid_counts(enum aa_pid_form form)
{
    return form == AA_PID_VALID || form == AA_PID_PARTNERCENTER;
}
/*
 * A deployment name that a parameter's switch (ARM's if(), Bicep's ?:)
 * makes a pid or not is evaluated once with the defaults, then again with
 * each set of switches taken the other way.  The switches are numbered as
 * they are met; bit i of 'flip' turns the i-th.  A switch with no default
 * takes two numbers, one per branch: neither is the default, the deployer
 * picks one, and left unturned it is unknown.  AA_SWITCH_MAX numbers at
 * most are turned.
 */
#define AA_SWITCH_MAX 6
struct aa_switches {
    unsigned flip; /* the switches to turn, set before an evaluation */
    size_t met;    /* the numbers used so far */
    int unknown;   /* a switch with no default was left unturned */
    int turned;    /* a switch with a default was turned from it */
};
/* The branch that a switch whose condition is c (1 true, 0 false, -1 no
 * default) takes under sw->flip: 1 the first, 0 the second, -1 unknown;
 * counts it in sw. */
int aa_switch_take(struct aa_switches *sw, int c);
/*
 * What the switches do to such a name.  eval(ctx, sw) evaluates it with
 * the switches of sw->flip turned, fills in the rest of sw, and returns
 * whether it is then a valid pid.  A switch with no default is the
 * deployer's choice, as a condition with no default is (GEN-F06): the name
 * is a pid "by default" when a choice at such switches alone makes it one.
 * Returns AA_SWITCH_OFF_ABLE (a pid by default that some setting turns
 * off), AA_SWITCH_ON_ONLY (a pid only when a switch is turned from its
 * default) or AA_SWITCH_NONE (a pid every way, or never).  *shown is the
 * flip under which the name is reported: the first that makes a pid by
 * default (0 when the defaults alone do), else the first that makes one.
 * The last evaluation need not be that one: callers that need it
 * evaluate again.
 */
enum aa_switch_effect { AA_SWITCH_NONE, AA_SWITCH_OFF_ABLE, AA_SWITCH_ON_ONLY };
typedef int aa_switch_eval_fn(void *ctx, struct aa_switches *sw);
enum aa_switch_effect aa_switch_effect(aa_switch_eval_fn *eval, void *ctx,
                                       unsigned *shown);
/*
 * Length of the unexpanded placeholder that s (n bytes) starts with, or 0
 * (CUA-F25): <GUID>, {guid}, {{ pid }}, __PID__, $(Pid), ${pid.start}.
 * Whether the file's own language fills such a form in is the caller's
 * question: a shell expands $(...), an ARM template never does.
 */
size_t aa_placeholder_len(const char *s, size_t n);
/* Whether s (n bytes; may contain AA_HOLE) is, or with its holes filled
 * could be, one of the forms Terraform's partner_id and ARM_PARTNER_ID
 * accept (CUA-F12): <GUID>, pid-<GUID> or pid-<GUID>-partnercenter, the
 * "pid-" and "-partnercenter" in lower case as the provider compares them. */
int aa_partner_id_fits(const char *s, size_t n);
/* Whether s (n bytes), a value aa_partner_id_fits, is one of the two
 * forms with pid- in them, which azapi refuses (CUA-F12): it starts with
 * pid- or ends with -partnercenter, in any case. */
int aa_partner_id_prefixed(const char *s, size_t n);
/* The offset of the first "pid-<GUID>" (any case) in t[from, to), or
 * (size_t)-1: a pid deployment's name kept in a comment. */
size_t aa_pid_text_in(const char *t, size_t from, size_t to);
/* The error for the invisible blank that s (n bytes) starts with, a
 * static text, or NULL.  Bicep and HCL take only spaces, tabs and line
 * breaks for blanks and refuse a no-break space, a byte order mark past
 * the start of the file or another Unicode space outside strings and
 * comments; an editor shows them as a space or nothing, so a scanner that
 * read one as a stray byte would drop the declaration it stands in. */
const char *aa_invisible_blank(const char *s, size_t n);
/* Nonzero when s (n bytes) starts with a GUID in the registry's braces,
 * {8-4-4-4-12}: a real GUID in a form no pid takes, never a placeholder. */
int aa_braced_guid(const char *s, size_t n);

/*
 * Whether every scanned file's status is one its hits justify
 * (docs/scan.md, "Statuses and findings"): attributed needs a hit that
 * attributes, at_risk one that says what is fragile, not_attributed one
 * that says what fails, context a link to the file that decides or a
 * no_verdict hit.  So no status goes without a finding that says why, and
 * dropping the findings that justify a status changes it.  'unfinished'
 * accepts a context with no hit, as a scanner leaves it before
 * aa_scan_finish.  Returns the number of violations, each written as one
 * line to 'out' (may be NULL).  aa_scan_finish checks itself in builds
 * without NDEBUG.
 */
int aa_scan_file_check(const struct aa_scan_file *f, int unfinished, FILE *out);
int aa_scan_check(const struct aa_scan *s, FILE *out);
/* Whether a hit of detector d can justify status st (the table behind
 * aa_scan_file_check): what --explain calls the hits that decided. */
int aa_detect_justifies(enum aa_detect d, enum aa_scan_status st);
/* Whether a hit of detector d is a pid in a form that is never matched
 * (no pid- prefix, no GUID, the zero GUID, too long, only in a comment or
 * a nested template, a partner ID no provider takes): what the file
 * deploys that way is not attributed, whatever the rest of it carries.
 * The built-in rules report exactly these as errors (test_scan). */
int aa_detect_breaks(enum aa_detect d);

/* Name of a detector as rules/code.yaml writes it, e.g. "pid_nested". */
const char *aa_detect_name(enum aa_detect d);
/* Detector by name, or -1. */
int aa_detect_find(const char *name);
const char *aa_scan_kind_name(enum aa_scan_kind k);
const char *aa_scan_status_name(enum aa_scan_status s);

/*
 * Record a hit on f at byte offset 'off' of 'text' (the file's whole text;
 * off == (size_t)-1 for a file-wide hit).  'subject' (n bytes) is copied;
 * it may be NULL.  The GUID is extracted from the subject when it has one.
 * Returns the hit, or NULL when f already has as many hits of this
 * detector as the errors limit allows: then it is only counted.
 */
struct aa_hit *aa_scan_hit(struct aa_scan *s, struct aa_scan_file *f,
                           enum aa_detect what, const char *text, size_t off,
                           const char *subject, size_t n);
/*
 * The steps of a resolution, for --explain.  A scanner calls
 * aa_scan_steps_begin before it resolves a name or value, and aa_scan_step
 * for each symbol it looks up on the way ('name', n bytes, declared at
 * byte 'off' of 'text'); the hits it then records at a place carry those
 * steps.  Both cost nothing unless the scan explains.
 */
void aa_scan_steps_begin(struct aa_scan *s, struct aa_scan_file *f);
void aa_scan_step(struct aa_scan *s, struct aa_scan_file *f, const char *text,
                  size_t off, const char *name, size_t n);
/* The same, shown from the first non-blank of the line that holds byte
 * 'off' ("var cuaId = '...'" rather than "cuaId = '...'"). */
void aa_scan_step_line(struct aa_scan *s, struct aa_scan_file *f,
                       const char *text, size_t off, const char *name,
                       size_t n);

/* Record that f deploys the file at 'rel' (n bytes) as a child. */
void aa_scan_link(struct aa_scan *s, struct aa_scan_file *f, const char *rel,
                  size_t n);
/* Nonzero when f already has a hit of this detector. */
int aa_scan_has(const struct aa_scan_file *f, enum aa_detect what);

/*
 * The scanners.  'text' holds 'len' bytes and is NUL-terminated at
 * text[len]; it may contain NUL bytes before that and need not be UTF-8
 * (scan.c checks UTF-8 first).  Each sets f->status and adds hits.
 * Returns 0, or -1 after adding an error diagnostic with file:line:col to
 * dl when the file is malformed (then f->failed is set by the caller).
 */
struct aa_tf_module;
/* Free what scan_tf.c read of a module (aa_scan_module.tf); NULL is
 * fine. */
void aa_scan_tf_module_free(struct aa_tf_module *m);

/* Why Terraform would refuse the Terraform text (len bytes, NUL-ended),
 * a message to free, with its place in *off; NULL when it would read it:
 * what aa_scan_tf reports as an error, for the override files that are
 * merged rather than scanned (aa_scan_module.over). */
char *aa_scan_tf_refused(struct aa_scan *s, const char *text, size_t len,
                         size_t *off);
/* The override files of module m that Terraform refuses for a block
 * (or local value) with nothing to merge into: none of the other files
 * declares it, and only an unaliased provider block needs no base.  For
 * each m->over[k], why[k] is the first such block (resource "T" "N"), to
 * free, with its place in off[k], or NULL; returns how many have one.  0 when a
 * file of the module does not lex: Terraform refuses the module for that, and
 * what the file would declare is not known. */
size_t aa_scan_tf_orphans(struct aa_scan *s, const struct aa_scan_module *m,
                          char **why, size_t *off);

/* Line and column of byte 'off' of the text of f, the file being scanned:
 * through its line index, so that a file's many places cost a search
 * each, not a walk from its start. */
struct aa_loc aa_scan_locate(struct aa_scan *s, struct aa_scan_file *f,
                             const char *text, size_t off);
/* A Terraform file's status from its provider counts (aa_scan_tf_file.counts)
 * with 'implied' configurations more that carry no id. */
enum aa_scan_status aa_scan_tf_status(const struct aa_scan_file *f,
                                      size_t implied);

typedef int aa_scanner_fn(struct aa_scan *s, struct aa_scan_file *f,
                          const char *text, size_t len, struct aa_diags *dl);
aa_scanner_fn aa_scan_arm, aa_scan_bicep, aa_scan_tf, aa_scan_script;
/* A script's status from its findings, again once aa_scan_finish changed
 * them. */
void aa_scan_script_status(struct aa_scan_file *f);

/* Add the note that says evaluation of the file f (its text) at offset
 * 'at' ran into limit l (expansion-depth, -size or -work) and took what was
 * past it as unknown, and the hit scan_stopped there, which aa_scan_finish
 * keeps where no pid was found: what the bound hid may have been one.
 * Scanners call it once per file, at the first place the bound was hit. */
void aa_scan_note_limit(struct aa_scan *s, struct aa_scan_file *f,
                        struct aa_diags *dl, const char *text, size_t at,
                        enum aa_limit l);

/* The kind a file would be scanned as, from its name and (for .json,
 * .yml and other ambiguous names) its text; -1 when it is not deployment
 * code.  'explicit' is nonzero for a file named on the command line. */
int aa_scan_kind_of(const char *path, const char *text, size_t len,
                    int explicit);
/* Whether s (n bytes), a $schema, is one of ARM's template schemas: any
 * scope (deploymentTemplate.json, subscription-, managementGroup- and
 * tenantDeploymentTemplate.json), version or host, with or without the
 * trailing '#'. */
int aa_scan_arm_schema(const char *s, size_t n);

/* aa_scan_new, aa_scan_path, aa_scan_finish and aa_scan_free are public:
 * see attrib_advise.h. */

#endif /* AA_SCAN_H */
