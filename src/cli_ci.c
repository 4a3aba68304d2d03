/*
 * cli_ci.c -- what the front end learns from the CI system it runs in.
 *
 * GitHub Advanced Security for Azure DevOps takes a SARIF run only when
 * its automationDetails names the pipeline run that made it: an id
 * "azuredevops/pipeline/build/ORG/PROJECT/DEFINITION/PHASE/BRANCH/BUILD"
 * and four properties with the definition's and the phase's id and name,
 * the shape Azure DevOps' own upload gives a run that has none.  An Azure
 * Pipelines agent sets TF_BUILD=True and the variables that hold them.
 * The library never reads the environment: this file turns it into
 * render options.
 */
#include "cli.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The value of a variable, or NULL when it is unset or blank. */
static const char *
env(const char *name)
{
    const char *v = getenv(name);

    return v != NULL && v[strspn(v, " \t")] != '\0' ? v : NULL;
}

static const char *
first(const char *a, const char *b)
{
    return env(a) ? env(a) : env(b);
}

/* 8-4-4-4-12 hexadecimal digits: an Azure DevOps id.  The library's
 * ids.h reads the same form; the front end sees the public header only. */
static int
is_guid(const char *s)
{
    static const int groups[] = {8, 4, 4, 4, 12};

    for (int g = 0; g < 5; g++) {
        for (int i = 0; i < groups[g]; i++, s++)
            if (!isxdigit((unsigned char)*s))
                return 0;
        if (*s != (g < 4 ? '-' : '\0'))
            return 0;
        s += g < 4;
    }
    return 1;
}

/* A whole number above zero, or -1 where 'minus_one' allows it (a run of
 * no saved definition). */
static int
is_id(const char *s, int minus_one)
{
    if (minus_one && strcmp(s, "-1") == 0)
        return 1;
    if (*s == '\0' || *s == '0')
        return 0;
    return strspn(s, "0123456789") == strlen(s);
}

static int
is_host(const char *host, const char *end, const char *name)
{
    return (size_t)(end - host) == strlen(name) &&
           strncasecmp(host, name, strlen(name)) == 0;
}

/* The organization of SYSTEM_COLLECTIONURI, a fresh string:
 * https://dev.azure.com/ORG/ or https://ORG.visualstudio.com/ (with
 * vsrm. for release pipelines).  NULL when it is neither. */
static char *
organization(const char *uri)
{
    const char *host, *end;
    size_t n;
    char *org;

    if (strncasecmp(uri, "https://", 8) != 0)
        return NULL;
    host = uri + 8;
    end = host + strcspn(host, "/");
    if (is_host(host, end, "dev.azure.com") ||
        is_host(host, end, "vsrm.dev.azure.com")) {
        host = *end == '/' ? end + 1 : end;
        n = strcspn(host, "/");
    } else {
        static const char tail[] = ".visualstudio.com";

        n = (size_t)(end - host);
        if (n <= strlen(tail) ||
            strncasecmp(end - strlen(tail), tail, strlen(tail)) != 0)
            return NULL;
        n -= strlen(tail);
        if (n > 5 && strncasecmp(host + n - 5, ".vsrm", 5) == 0)
            n -= 5;
    }
    if (n == 0 || (org = malloc(n + 1)) == NULL)
        return NULL;
    memcpy(org, host, n);
    org[n] = '\0';
    return org;
}

static char *
lower(const char *s)
{
    char *d = strdup(s);

    for (char *p = d; p != NULL && *p != '\0'; p++)
        *p = (char)tolower((unsigned char)*p);
    return d;
}

int
cli_pipeline_detect(struct pipeline *p, const char **problem)
{
    const char *tf = getenv("TF_BUILD");
    const char *collection = env("SYSTEM_COLLECTIONURI");
    const char *project = env("SYSTEM_TEAMPROJECTID");
    const char *definition = first("BUILD_DEFINITIONID", "SYSTEM_DEFINITIONID");
    const char *definition_name = env("BUILD_DEFINITIONNAME");
    const char *build = env("BUILD_BUILDID");
    const char *phase = first("SYSTEM_PHASEID", "SYSTEM_JOBID");
    const char *phase_name = first("SYSTEM_PHASENAME", "SYSTEM_JOBNAME");
    const char *branch = env("BUILD_SOURCEBRANCH");
    char *org = NULL;
    size_t len;

    memset(p, 0, sizeof(*p));
    *problem = NULL;
    if (tf == NULL || (strcasecmp(tf, "True") != 0 && strcmp(tf, "1") != 0) ||
        (!collection && !project && !definition && !definition_name && !build &&
         !phase && !phase_name && !branch))
        return 0;
    if (collection == NULL || (org = organization(collection)) == NULL)
        *problem = "SYSTEM_COLLECTIONURI";
    else if (project == NULL || !is_guid(project))
        *problem = "SYSTEM_TEAMPROJECTID";
    else if (definition == NULL || !is_id(definition, 1))
        *problem = "BUILD_DEFINITIONID";
    else if (definition_name == NULL)
        *problem = "BUILD_DEFINITIONNAME";
    else if (build == NULL || !is_id(build, 0))
        *problem = "BUILD_BUILDID";
    else if (phase == NULL || !is_guid(phase))
        *problem = "SYSTEM_PHASEID";
    else if (phase_name == NULL)
        *problem = "SYSTEM_PHASENAME";
    else if (branch == NULL)
        *problem = "BUILD_SOURCEBRANCH";
    if (*problem != NULL) {
        free(org);
        return -1;
    }
    p->project = lower(project);
    p->phase = lower(phase);
    len = strlen(org) + strlen(project) + strlen(definition) + strlen(phase) +
          strlen(branch) + strlen(build) +
          sizeof("azuredevops/pipeline/build/");
    p->id = malloc(len + 6);
    if (p->id == NULL || p->project == NULL || p->phase == NULL)
        exit(AA_EXIT_INTERNAL);
    snprintf(p->id, len + 6, "azuredevops/pipeline/build/%s/%s/%s/%s/%s/%s",
             org, p->project, definition, p->phase, branch, build);
    free(org);
    p->props[0] = "azuredevops/pipeline/build/buildDefinitionId";
    p->props[1] = definition;
    p->props[2] = "azuredevops/pipeline/build/buildDefinitionName";
    p->props[3] = definition_name;
    p->props[4] = "azuredevops/pipeline/build/phaseId";
    p->props[5] = p->phase;
    p->props[6] = "azuredevops/pipeline/build/phaseName";
    p->props[7] = phase_name;
    p->props[8] = NULL;
    return 1;
}

void
cli_pipeline_free(struct pipeline *p)
{
    free(p->id);
    free(p->project);
    free(p->phase);
}
