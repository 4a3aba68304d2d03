#!/bin/sh
# Install the Debian packages a task needs, those that are missing:
#   sh scripts/deps.sh build   what building and running need (setup.sh)
#   sh scripts/deps.sh test    that, and what the tests use (test.sh)
# As root this runs apt-get; otherwise it prints the command to run.
set -eu
usage() {
    echo "usage: sh scripts/deps.sh build|test" >&2
    exit 2
}
[ $# -eq 1 ] || usage
# A word is a package, or PACKAGE:COMMAND for a tool that counts as there
# when the command is, whichever package brought it (Node.js from its own
# repository carries npm, and Debian's npm package would conflict with it).
build="cmake make gcc pkg-config libcjson-dev libyaml-dev"
# cmocka: the unit tests.  clang and its runtime (libFuzzer): the sanitizer
# build and the fuzz targets.  valgrind: the bad-input catalogue.
# clang-format: scripts/lint.sh.  graphviz: dot draws what
# 'graph --format dot' writes (docs/design.md, Dependencies).  dpkg-dev:
# dpkg-shlibdeps gives the package's Depends (package/deb).  python3-yaml:
# the Action and pre-commit files read as YAML (ci/action-and-hooks).
# zsh, fish: their completion scripts parsed (cli/completion).  Node.js
# and npm: the JSON Schema and SARIF validators and Mermaid's parser
# (tests/schema, tests/sarif, tests/graph) and the bench's peer engines.
# chromium: the portfolio's HTML page laid out (portfolio/html).
test="libcmocka-dev clang libclang-rt-dev valgrind clang-format graphviz
dpkg-dev python3-yaml zsh:zsh fish:fish nodejs:node npm:npm chromium:chromium"
case $1 in
build) pkgs=$build ;;
test) pkgs="$build $test" ;;
*) usage ;;
esac
missing=""
for word in $pkgs; do
    p=${word%%:*}
    case $word in
    *:*) command -v "${word#*:}" > /dev/null 2>&1 && continue ;;
    esac
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "attrib-advise: missing packages:$missing" >&2
    echo "run: sudo apt-get install -y$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq$missing >/dev/null
