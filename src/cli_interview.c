/*
 * cli_interview.c -- the terminal side of 'attrib-advise interview': one
 * question at a time on standard output, one answer a line from standard
 * input, read with plain stdio so that a script can answer as a person
 * does.  What to ask and what an answer means are the library's
 * (interview.c); this file only talks.
 *
 * Standard output carries the whole dialogue: questions, refusals, the
 * answers to '?' and 'status', the advice.  When standard input is not a
 * terminal, each answer read is echoed after its prompt, so the transcript
 * reads as the session did.  Standard error carries only what is not
 * dialogue: the plan file's diagnostics and the notes on files written.
 * Colour (bold questions, dim hints) only on a terminal, never with
 * NO_COLOR.
 */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct talk {
    int color;
    int width;       /* the columns text wraps at */
    int echo;        /* standard input is no terminal: show what was read */
    int ended;       /* standard input ended */
    int failed;      /* it could not be read: errno then, else 0 */
    int too_long;    /* a line passed the answer-size limit */
    int nul;         /* the last line read holds a NUL byte */
    unsigned col;    /* ... at this column, in code points */
    unsigned lineno; /* lines read */
    char *line;
    size_t cap;
};

/* Show answer s (n bytes, NULs among them) after its prompt, escaped as
 * the program's messages are, on one line. */
static void
echo(const char *s, size_t n)
{
    char *shown = malloc(4 * n + 1), *p = shown;

    if (shown == NULL)
        exit(AA_EXIT_INTERNAL);
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\0')
            p += sprintf(p, "\\x00");
        else
            *p++ = s[i];
    *p = '\0';
    aa_text_print(stdout, shown, 2, 2, INT_MAX / 2);
    free(shown);
}

/* Print the prompt and read a line without its line end; NULL at the end
 * of the input, or at a line longer than the answer-size limit: reading
 * stops there, so that input with no line end (/dev/zero) costs at most
 * the limit, never all memory. */
static const char *
ask(struct talk *t, const char *prompt)
{
    size_t n = 0, max = aa_limit(AA_LIMIT_ANSWER_SIZE);
    int c;

    fputs(prompt, stdout);
    fflush(stdout);
    errno = 0;
    while ((c = getc(stdin)) != EOF && c != '\n') {
        if (n == max) {
            t->ended = 1;
            t->too_long = 1;
            t->lineno++;
            /* The column past the limit, as every input error gives one:
             * each byte that does not go on a UTF-8 sequence starts one. */
            t->col = 1;
            for (size_t i = 0; i < n; i++)
                t->col += ((unsigned char)t->line[i] & 0xC0) != 0x80;
            fputc('\n', stdout);
            return NULL;
        }
        if (n + 1 >= t->cap) {
            t->cap = t->cap ? t->cap * 2 : 256;
            if ((t->line = realloc(t->line, t->cap)) == NULL)
                exit(AA_EXIT_INTERNAL);
        }
        t->line[n++] = (char)c;
    }
    if (c == EOF && (n == 0 || ferror(stdin))) {
        t->ended = 1;
        /* Closed, a folder, a device in error: not the end of answers. */
        if (ferror(stdin))
            t->failed = errno != 0 ? errno : EIO;
        fputc('\n', stdout);
        return NULL;
    }
    t->lineno++;
    while (n > 0 && t->line[n - 1] == '\r')
        n--;
    if (t->line == NULL) {
        t->cap = 256;
        if ((t->line = malloc(t->cap)) == NULL)
            exit(AA_EXIT_INTERNAL);
    }
    t->line[n] = '\0';
    /* A NUL would cut the answer short unseen: it is refused instead. */
    t->nul = memchr(t->line, '\0', n) != NULL;
    /* Shown as every text people read is: no raw control character
     * (an escape that retitles the terminal, say) reaches the output. */
    if (t->echo)
        echo(t->line, n);
    return t->line;
}

/* Text of the dialogue from column 'col', wrapped at the width with
 * continuation lines at 'indent', and the line ended. */
static void say(const struct talk *t, int col, int indent, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
say(const struct talk *t, int col, int indent, const char *fmt, ...)
{
    va_list ap;
    char *s;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || (s = malloc((size_t)n + 1)) == NULL)
        exit(AA_EXIT_INTERNAL);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    aa_text_print(stdout, s, col, indent, t->width);
    free(s);
}

/* The number and the question (bold), each choice, and the hint (dim),
 * wrapped with hanging indents; colour ends where the next line starts,
 * which shows nothing. */
static void
show_question(const struct talk *t, const struct aa_question *q, size_t k)
{
    fputs(t->color ? "\n\033[1m" : "\n", stdout);
    say(t, 0, snprintf(NULL, 0, "%zu. ", k), "%zu. %s", k, q->text);
    fputs(t->color ? "\033[0m" : "", stdout);
    for (size_t i = 0; q->choices != NULL && q->choices[i] != NULL; i++) {
        int col = printf("   %zu) ", i + 1);

        say(t, col, col, "%s", q->choices[i]);
    }
    fputs(t->color ? "   \033[2m" : "   ", stdout);
    say(t, 3, 4, "(%s; %s)", q->hint, q->label);
    fputs(t->color ? "\033[0m" : "", stdout);
}

/* Write whole, through a temporary file; 'what' names it in the note.
 * Returns 0; 1 when the file exists and may not be replaced; 2, saying
 * nothing and *err the errno, when it cannot be created (a folder, a
 * folder that does not exist: the report's name is asked again); -1 after
 * saying why it could not be written. */
static int
save(const char *path, int force, const char *what,
     const struct aa_interview *iv, int markdown, int *err)
{
    struct outfile f;
    struct aa_render_opts ro = {.fail_on = AA_SEV_ERROR};
    int rc;

    if (cli_outfile_open(&f, path) != 0) {
        *err = errno;
        return 2;
    }
    rc = markdown ? aa_render("markdown", aa_interview_report(iv), &ro, f.fp)
                  : aa_interview_plan(iv, f.fp);
    if (rc != 0) {
        int why = errno;

        cli_outfile_abort(&f);
        aa_message(stderr, "%s: error: cannot write: %s", path, strerror(why));
        return -1;
    }
    rc = force ? cli_outfile_commit(&f) : cli_outfile_commit_new(&f);
    if (rc != 0 && errno == EEXIST && !force)
        return 1;
    if (rc != 0) {
        aa_message(stderr, "%s: error: cannot write: %s", path,
                   cli_outfile_why(path, errno));
        return -1;
    }
    aa_message(stderr, "%s: note: %s written", path, what);
    return 0;
}

/* The last question: a Markdown report, at a path that is not taken. */
static int
offer_report(struct talk *t, const struct aa_interview *iv)
{
    const char *path;

    fputc('\n', stdout);
    say(t, 0, 0,
        "Save the advice as a Markdown report? Give a file name, or nothing "
        "for no.");
    while ((path = ask(t, "report> ")) != NULL && path[0] != '\0') {
        int rc;

        /* The words of the questions before mean no here, not a file
         * named 'q'; '?' asks what to give. */
        if (strcmp(path, "q") == 0 || strcmp(path, "quit") == 0 ||
            strcmp(path, "skip") == 0 || strcmp(path, "no") == 0 ||
            strcmp(path, "n") == 0)
            break;
        if (strcmp(path, "?") == 0) {
            say(t, 0, 3,
                "   A file name for the report (a new file), or "
                "nothing for no report.");
            continue;
        }
        int err = 0;

        rc = save(path, 0, "Markdown report", iv, 1, &err);
        if (rc == 0)
            return AA_EXIT_OK;
        if (rc < 0)
            return AA_EXIT_INTERNAL;
        if (rc == 2 && err != EISDIR)
            say(t, 0, 14,
                "   not taken: %s cannot be created (%s); give another "
                "name, or nothing for no",
                path, cli_outfile_why(path, err));
        else
            say(t, 0, 14,
                "   not taken: %s %s; give another name, or nothing for no",
                path, rc == 2 ? "is a folder" : "exists");
    }
    return AA_EXIT_OK;
}

int
cli_interview(const struct cli_opts *o, const struct aa_ruleset *rs, int color)
{
    const char *nc = getenv("NO_COLOR");
    struct talk t = {0};
    struct aa_diags *dl = aa_diags_new();
    struct aa_interview *iv;
    struct aa_render_opts ro = {.fail_on = AA_SEV_ERROR};
    struct aa_question q;
    const char *last = NULL; /* the question shown last */
    int status = AA_EXIT_OK, quit = 0, said_detail = 0;

    if (dl == NULL)
        return AA_EXIT_INTERNAL;
    t.color = color && isatty(STDOUT_FILENO) && (nc == NULL || nc[0] == '\0');
    t.echo = !isatty(STDIN_FILENO);
    t.width = cli_width(stdout);
    iv = aa_interview_new(rs, o->nfiles == 2 ? o->files[1] : NULL, dl);
    aa_diags_print(dl, stderr);
    aa_diags_free(dl);
    if (iv == NULL)
        return AA_EXIT_INPUT;
    say(&t, 0, 0,
        "attrib-advise interview%s%s: questions the advice still needs, most "
        "decisive first.",
        o->nfiles == 2 ? " over " : "", o->nfiles == 2 ? o->files[1] : "");
    say(&t, 0, 0,
        "Answer by number or in words; or type ? (why it matters), back, "
        "skip, status, or q to stop and keep what is answered.");
    while (!quit && aa_interview_question(iv, &q)) {
        const char *line;
        char *why;

        if (q.detail && !said_detail) {
            fputc('\n', stdout);
            say(&t, 0, 0,
                "No question left can change a verdict; the rest fill in the "
                "actions (q to stop here).");
            said_detail = 1;
        }
        if (q.pointer != last)
            show_question(&t, &q,
                          aa_interview_answered(iv) + aa_interview_skipped(iv) +
                              1);
        last = q.pointer;
        if ((line = ask(&t, "> ")) == NULL)
            break;
        if (t.nul) {
            say(&t, 0, 14, "   not taken: the answer holds a NUL byte");
        } else if (strcmp(line, "q") == 0 || strcmp(line, "quit") == 0) {
            quit = 1;
        } else if (strcmp(line, "?") == 0) {
            if (aa_interview_why(iv, t.width, stdout) != 0)
                status = AA_EXIT_INTERNAL;
        } else if (strcmp(line, "status") == 0) {
            if (aa_interview_status(iv, t.width, stdout) != 0)
                status = AA_EXIT_INTERNAL;
        } else if (strcmp(line, "skip") == 0) {
            aa_interview_skip(iv);
        } else if (strcmp(line, "back") == 0) {
            if (aa_interview_back(iv) != 0)
                printf("   nothing to go back to\n");
            else
                last = NULL; /* asked again, in full */
        } else if ((why = aa_interview_answer(iv, line)) != NULL) {
            say(&t, 0, 14, "   not taken: %s", why);
            free(why);
        }
    }
    if (t.failed || t.too_long) {
        /* No plan from answers cut off by an error, and no exit 0. */
        char lim[32];

        if (t.too_long)
            aa_message(stderr,
                       "<stdin>:%u:%u: error: line %u is longer than %s "
                       "(--limit answer-size=N); the rest of the input is not "
                       "read",
                       t.lineno, t.col, t.lineno,
                       aa_limit_size_text(lim, sizeof(lim),
                                          aa_limit(AA_LIMIT_ANSWER_SIZE)));
        else
            aa_message(stderr, "<stdin>: error: cannot read: %s",
                       strerror(t.failed));
        fflush(stdout);
        free(t.line);
        aa_interview_free(iv);
        return AA_EXIT_INPUT;
    }
    printf("\n%s: %zu answered, %zu skipped.\n\n",
           t.ended ? "Input ended"
           : quit  ? "Stopped"
                   : "Nothing more to ask",
           aa_interview_answered(iv), aa_interview_skipped(iv));
    ro.color = t.color;
    ro.width = t.width;
    if (aa_render("text", aa_interview_report(iv), &ro, stdout) != 0)
        status = AA_EXIT_INTERNAL;
    if (o->init_path != NULL) {
        int err = 0;
        int rc = save(o->init_path, o->force, "plan", iv, 0, &err);

        if (rc == 2) {
            /* Checked before the interview began: what changed while it
             * ran (a folder made there, say). */
            aa_message(stderr, "%s: error: cannot create: %s", o->init_path,
                       cli_outfile_why(o->init_path, err));
            status = AA_EXIT_INTERNAL;
        } else if (rc > 0) {
            /* Made while the interview ran. */
            aa_message(stderr, "%s: error: exists; give --force to replace it",
                       o->init_path);
            status = AA_EXIT_USAGE;
        } else if (rc < 0)
            status = AA_EXIT_INTERNAL;
    } else if (aa_interview_answered(iv) > 0) {
        /* The answers would be gone without a word: the plan is written
         * only with -o, never into the dialogue. */
        aa_message(stderr, "note: the plan was not saved; give -o PLAN.json "
                           "to save it");
    }
    if (!t.ended && status == AA_EXIT_OK)
        status = offer_report(&t, iv);
    if (fflush(stdout) != 0)
        status = AA_EXIT_INTERNAL;
    free(t.line);
    aa_interview_free(iv);
    return status;
}
