#!/usr/bin/env python3
"""The GitHub Action (action.yml) and the pre-commit hooks
(.pre-commit-hooks.yaml) as their runners read them.

Both files are read as YAML.  The Action's step that runs attrib-advise is
run as written, with bash as GitHub runs it, its env: expressions filled
in from the inputs, against the built binary in a scratch repository laid
out as docs/ci.md says (plans/, infra/, .attrib-advise.yaml, .git): each
set of inputs must give its exit status, its outputs and its SARIF log.
The install and build steps are run with sudo, curl, apt-get and cmake
recorded instead of run: the release they fetch is the file CPack makes
and the binary they announce is where the package or the build puts it.
Each hook's entry is run as pre-commit runs it, on the files its 'files'
and 'exclude' patterns select (Python regular expressions, as pre-commit's
own), with attrib-advise on the PATH.

Usage: check_action.py ATTRIB_ADVISE SOURCE_DIR WORK HOMEPAGE VERSION
Exit 77 (skipped, said so) where Python has no yaml module.
"""
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys

try:
    import yaml
except ImportError:
    print("check_action: SKIPPED: python3 has no yaml module (apt-get install python3-yaml)",
          file=sys.stderr)
    sys.exit(77)

AA, SRC, WORK, HOMEPAGE, VERSION = sys.argv[1:6]
AA = os.path.abspath(AA)
SRC = os.path.abspath(SRC)
failures = []


def fail(msg):
    failures.append(msg)
    print("check_action: " + msg, file=sys.stderr)


def load(name):
    with open(os.path.join(SRC, name), encoding="utf-8") as f:
        try:
            return yaml.safe_load(f)
        except yaml.YAMLError as e:
            print("check_action: %s is not valid YAML: %s" % (name, e), file=sys.stderr)
            sys.exit(1)


def write_exec(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    os.chmod(path, os.stat(path).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


# The scratch repository: the examples as plans, the example code as infra,
# a config file at the top, and one that fails on warnings.
shutil.rmtree(WORK, ignore_errors=True)
repo = os.path.join(WORK, "repo")
os.makedirs(os.path.join(repo, ".git"))
shutil.copytree(os.path.join(SRC, "examples"), os.path.join(repo, "plans"),
                ignore=shutil.ignore_patterns("*.md", "policies"))
shutil.copytree(os.path.join(SRC, "examples", "code", "isv-analytics-kit"),
                os.path.join(repo, "infra"))
with open(os.path.join(repo, "plans", "contoso.parameters.json"), "w") as f:
    f.write('{"parameters": {}}\n')
with open(os.path.join(repo, ".attrib-advise.yaml"), "w") as f:
    f.write("version: 1\nexclude:\n  - \"*.parameters.json\"\n")
os.makedirs(os.path.join(repo, "ci"))
with open(os.path.join(repo, "ci", "strict.yaml"), "w") as f:
    f.write("version: 1\nfail-on: warning\n")

# ---------------------------------------------------------------- action.yml
action = load("action.yml")
with open(os.path.join(SRC, "action.yml"), encoding="utf-8") as f:
    action_text = f.read()
if action.get("runs", {}).get("using") != "composite":
    fail("action.yml: runs.using is not composite")
inputs = action.get("inputs", {})
for name in ("command", "paths", "config", "fail-on", "sarif", "upload-sarif", "version"):
    if name not in inputs:
        fail("action.yml: no input '%s'" % name)
used = set(re.findall(r"inputs\.([A-Za-z0-9_-]+)", action_text))
for name in sorted(used - set(inputs)):
    fail("action.yml: inputs.%s is used but not declared" % name)
for name in sorted(set(inputs) - used):
    fail("action.yml: input '%s' is declared but never used" % name)
steps = action["runs"]["steps"]
by_id = {s["id"]: s for s in steps if "id" in s}
for s in steps:
    if "run" in s:
        if s.get("shell") != "bash":
            fail("action.yml: step '%s' does not say shell: bash" % s.get("name"))
        # Expressions go through env:, never into the script's text, where
        # an input could inject commands.
        if "${{" in s["run"]:
            fail("action.yml: step '%s' has an expression in its script" % s.get("name"))


def expand(value, given):
    """Fill in ${{ inputs.X }} and ${{ github.server_url }} as the runner
    does; anything else is a failure of this test to know it."""
    def sub(m):
        expr = m.group(1).strip()
        if expr.startswith("inputs."):
            return str(given.get(expr[len("inputs."):], ""))
        if expr == "github.server_url":
            return "https://github.com"
        fail("action.yml: unknown expression ${{ %s }}" % expr)
        return ""
    return re.sub(r"\$\{\{(.*?)\}\}", sub, str(value))


def condition(step, given):
    """The step's if: for the forms action.yml uses."""
    cond = step.get("if")
    if cond is None:
        return True
    m = re.fullmatch(r"\s*inputs\.([a-z-]+)\s*(==|!=)\s*'([^']*)'\s*", cond)
    if not m:
        return None
    equal = str(given[m.group(1)]) == m.group(3)
    return equal if m.group(2) == "==" else not equal


def with_defaults(given):
    full = {k: v.get("default", "") for k, v in inputs.items()}
    full.update(given)
    return full


def run_step(step, given, stubs=None, aa_bin=AA):
    """Run a run: step as GitHub does (bash -eo pipefail), in the scratch
    repository; return (status, outputs, env file lines, stdout+stderr)."""
    given = with_defaults(given)
    tmp = os.path.join(WORK, "runner")
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(os.path.join(tmp, "temp"))
    script = os.path.join(tmp, "step.sh")
    with open(script, "w", encoding="utf-8") as f:
        f.write(step["run"])
    env = dict(os.environ)
    env.update({
        "GITHUB_OUTPUT": os.path.join(tmp, "output"),
        "GITHUB_ENV": os.path.join(tmp, "env"),
        "RUNNER_TEMP": os.path.join(tmp, "temp"),
        "GITHUB_ACTION_PATH": SRC,
        "GITHUB_WORKSPACE": repo,
        "AA_BIN": aa_bin,
    })
    for k, v in (step.get("env") or {}).items():
        env[k] = expand(v, given)
    if stubs:
        env["PATH"] = stubs + os.pathsep + env["PATH"]
    for f in ("output", "env"):
        open(os.path.join(tmp, f), "w").close()
    p = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                       cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, timeout=300)
    outputs = {}
    with open(os.path.join(tmp, "output"), encoding="utf-8") as f:
        for line in f.read().splitlines():
            k, _, v = line.partition("=")
            outputs[k] = v
    with open(os.path.join(tmp, "env"), encoding="utf-8") as f:
        envlines = f.read().splitlines()
    return p.returncode, outputs, envlines, p.stdout


run = by_id.get("run")
if run is None:
    fail("action.yml: no step with id 'run'")
    sys.exit(1)


def sarif_category(path):
    try:
        with open(os.path.join(repo, path), encoding="utf-8") as f:
            run0 = json.load(f)["runs"][0]
        if run0["tool"]["driver"]["name"] == "attrib-advise":
            return run0.get("automationDetails", {}).get("id", "")
    except (ValueError, KeyError, IndexError, TypeError):
        pass
    return "(not attrib-advise's SARIF)"


# Each case: the inputs, the exit status, and the SARIF's category (None:
# no SARIF).  The examples hold a plan with an error and one with a
# warning; the example code, a script with an error.
cases = [
    ({}, 1, "attrib-advise/advise/"),
    ({"paths": "plans/msp-b2b-contributor.json\n  plans/csp-reseller.json\n"}, 0,
     "attrib-advise/advise/"),
    ({"paths": "plans/msp-b2b-contributor.json", "fail-on": "warning"}, 1,
     "attrib-advise/advise/"),
    ({"paths": "plans/msp-b2b-contributor.json", "config": "ci/strict.yaml"}, 1,
     "attrib-advise/advise/"),
    ({"paths": "plans/isv-arm-outside-marketplace.json", "fail-on": "never",
      "sarif": "out/advice.sarif"}, 0, "attrib-advise/advise/"),   # a folder made for it
    ({"command": "scan", "paths": "infra", "sarif": "scan.sarif"}, 1, "attrib-advise/scan/"),
    ({"command": "scan", "paths": "infra/main.bicep", "sarif": ""}, 0, None),
    ({"command": "lint"}, 2, None),
    ({"paths": "plans/msp-b2b-contributor.json", "fail-on": "sometimes"}, 2, None),
]
for given, want, category in cases:
    full = with_defaults(given)
    if condition(run, full) is not True:
        fail("action.yml: the run step would not run for %s" % given)
    for f in ("attrib-advise.sarif", "scan.sarif", "out/advice.sarif"):
        if os.path.exists(os.path.join(repo, f)):
            os.remove(os.path.join(repo, f))
    status, outputs, _, log = run_step(run, given)
    if status != want:
        fail("run step with %s: exit %d, expected %d\n%s" % (given, status, want, log[-600:]))
        continue
    if outputs.get("exit-code") != str(want):
        fail("run step with %s: output exit-code=%s" % (given, outputs.get("exit-code")))
    sarif = outputs.get("sarif", "")
    if category is None:
        if sarif:
            fail("run step with %s: a SARIF output (%s) where none was asked" % (given, sarif))
        continue
    if sarif != full["sarif"]:
        fail("run step with %s: output sarif=%r, expected %r" % (given, sarif, full["sarif"]))
    elif sarif_category(sarif) != category:
        fail("run step with %s: SARIF category %r, expected %r"
             % (given, sarif_category(sarif), category))

# A run that writes no log (a usage error) must not hand on the log an
# earlier step left in the workspace: it would be uploaded as this run's.
run_step(run, {"paths": "plans/msp-b2b-contributor.json"})
if not os.path.exists(os.path.join(repo, "attrib-advise.sarif")):
    fail("run step: the first run wrote no SARIF log to leave behind")
status, outputs, _, log = run_step(run, {"paths": "plans/ missing/"})
if status != 2 or outputs.get("sarif"):
    fail("run step after a failed start: exit %d, sarif=%r (an earlier step's log)"
         % (status, outputs.get("sarif")))

upload = [s for s in steps if "uses" in s]
if len(upload) != 1 or not upload[0]["uses"].startswith("github/codeql-action/upload-sarif@"):
    fail("action.yml: no single upload-sarif step")
else:
    u = upload[0]
    if u.get("with", {}).get("sarif_file") != "${{ steps.run.outputs.sarif }}":
        fail("action.yml: upload-sarif does not upload the run step's SARIF")
    if "always()" not in u.get("if", "") or "inputs.upload-sarif == 'true'" not in u.get("if", ""):
        fail("action.yml: the upload does not run when the check fails, or ignores upload-sarif")

# The install and build steps with the commands that reach out recorded.
stubs = os.path.join(WORK, "stubs")
os.makedirs(stubs)
calls = os.path.join(WORK, "calls")
write_exec(os.path.join(stubs, "sudo"), '#!/bin/sh\necho "sudo $*" >> "%s"\nexec "$@"\n' % calls)
write_exec(os.path.join(stubs, "apt-get"), '#!/bin/sh\necho "apt-get $*" >> "%s"\n' % calls)
write_exec(os.path.join(stubs, "cmake"), '#!/bin/sh\necho "cmake $*" >> "%s"\n' % calls)
write_exec(os.path.join(stubs, "curl"), """#!/bin/sh
echo "curl $*" >> "%s"
while [ $# -gt 0 ]; do
    case $1 in -o) out=$2; shift ;; esac
    shift
done
: > "$out"
""" % calls)
arch = subprocess.run(["dpkg", "--print-architecture"], stdout=subprocess.PIPE, text=True,
                      check=False).stdout.strip() if shutil.which("dpkg") else "amd64"
repo_path = re.sub(r"^https://github\.com", "", HOMEPAGE)
for version in (VERSION, "v" + VERSION):
    given = with_defaults({"version": version})
    chosen = [s.get("name") for s in steps if "run" in s and s is not run and condition(s, given)]
    if len(chosen) != 1:
        fail("action.yml: version %s runs %s, not one install step" % (version, chosen))
        continue
    step = next(s for s in steps if s.get("name") == chosen[0])
    if os.path.exists(calls):
        os.remove(calls)
    status, _, envlines, log = run_step(step, {"version": version}, stubs)
    if status != 0:
        fail("install step (version %s): exit %d\n%s" % (version, status, log[-600:]))
        continue
    with open(calls, encoding="utf-8") as f:
        recorded = f.read()
    deb = "attrib-advise_%s_%s.deb" % (VERSION, arch)   # CPack's DEB-DEFAULT name
    url = "https://github.com%s/releases/download/v%s/%s" % (repo_path, VERSION, deb)
    if url not in recorded.split():
        fail("install step (version %s) fetches other than %s:\n%s" % (version, url, recorded))
    if not re.search(r"apt-get install -y -qq \S*/%s" % re.escape(deb), recorded):
        fail("install step (version %s) installs other than %s:\n%s" % (version, deb, recorded))
    if "AA_BIN=/usr/bin/attrib-advise" not in envlines:
        fail("install step: AA_BIN is not where the package puts the binary: %s" % envlines)

given = with_defaults({})
chosen = [s for s in steps if "run" in s and s is not run and condition(s, given)]
if len(chosen) != 1:
    fail("action.yml: version source runs %d steps before the check, not one"
         % len(chosen))
else:
    if os.path.exists(calls):
        os.remove(calls)
    status, _, envlines, log = run_step(chosen[0], {}, stubs)
    recorded = open(calls, encoding="utf-8").read() if os.path.exists(calls) else ""
    build = os.path.join(WORK, "runner", "temp", "attrib-advise-build")
    if status != 0:
        fail("build step: exit %d\n%s" % (status, log[-600:]))
    elif ("sudo sh %s/scripts/deps.sh build" % SRC) not in recorded:
        fail("build step: does not install the build set of scripts/deps.sh:\n" + recorded)
    elif not re.search(r"cmake -S %s -B %s .*-DBUILD_TESTING=OFF" % (re.escape(SRC),
                                                                     re.escape(build)),
                       recorded) or ("cmake --build %s" % build) not in recorded:
        fail("build step: configures or builds otherwise:\n" + recorded)
    elif ("AA_BIN=%s/attrib-advise" % build) not in envlines:
        fail("build step: AA_BIN is not the built binary: %s" % envlines)

# ------------------------------------------------------- .pre-commit-hooks.yaml
hooks = load(".pre-commit-hooks.yaml")
if not isinstance(hooks, list) or not hooks:
    fail(".pre-commit-hooks.yaml: not a list of hooks")
    hooks = []
bindir = os.path.join(WORK, "bin")
os.makedirs(bindir)
os.symlink(AA, os.path.join(bindir, "attrib-advise"))
tracked = sorted(os.path.relpath(os.path.join(d, f), repo)
                 for d, dirs, files in os.walk(repo)
                 if ".git" not in os.path.relpath(d, repo).split(os.sep)
                 for f in files)
tracked = [t for t in tracked if not t.startswith(".git/")]
# Every plan and nothing else; every deployment file and no plan.
plans = [t for t in tracked if t.startswith("plans/") and t.endswith(".json")
         and not t.endswith(".parameters.json")]
code = [t for t in tracked if t.endswith((".bicep", ".tf", ".sh"))]
# Each hook: the files it must select among the repository's, and its
# exit status when run on them (and on the subset given, if any).
expect = {
    "attrib-advise": (plans, 1, (["plans/msp-b2b-contributor.json",
                                  "plans/csp-reseller.json"], 0)),
    "attrib-advise-scan": (code, 1, None),
}
seen = set()
for h in hooks:
    hid = h.get("id")
    seen.add(hid)
    for key in ("id", "name", "entry", "language"):
        if key not in h:
            fail(".pre-commit-hooks.yaml: hook %s has no %s" % (hid, key))
    if h.get("language") not in ("system", "script"):
        fail(".pre-commit-hooks.yaml: hook %s: language %s" % (hid, h.get("language")))
    if hid not in expect:
        fail(".pre-commit-hooks.yaml: hook %s is not checked here" % hid)
        continue
    files_re = re.compile(h.get("files", ""))
    exclude_re = re.compile(h["exclude"]) if "exclude" in h else None
    selected = [t for t in tracked
                if files_re.search(t) and not (exclude_re and exclude_re.search(t))]
    want_files, want_status, subset = expect[hid]
    if selected != want_files:
        fail("hook %s selects %s, expected %s" % (hid, selected, want_files))
    env = dict(os.environ)
    env["PATH"] = bindir + os.pathsep + env["PATH"]
    runs = [(selected, want_status)] + ([subset] if subset else [])
    for files, status in runs:
        cmd = shlex.split(h["entry"]) + list(h.get("args", []))
        if h.get("pass_filenames", True):
            cmd += files
        p = subprocess.run(cmd, cwd=repo, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=300)
        if p.returncode != status:
            fail("hook %s: '%s' exited %d, expected %d\n%s"
                 % (hid, " ".join(cmd), p.returncode, status, p.stdout[-600:]))
for hid in sorted(set(expect) - seen):
    fail(".pre-commit-hooks.yaml: no hook %s" % hid)

if failures:
    sys.exit(1)
print("check_action: %d runs of the Action's check, its install and build steps, %d hooks"
      % (len(cases), len(hooks)))
