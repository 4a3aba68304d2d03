#!/bin/sh
# Install the Debian packages attrib-advise needs, if any is missing.
# As root this runs apt-get; otherwise it prints the command to run.
set -eu
# clang and its runtime (libFuzzer) for the sanitizer build and the fuzz
# targets; valgrind for the bad-input catalogue; graphviz, whose dot draws
# what 'graph --format dot' writes (docs/design.md, Dependencies).
pkgs="cmake make gcc pkg-config libcjson-dev libyaml-dev libcmocka-dev clang libclang-rt-dev valgrind graphviz"
missing=""
for p in $pkgs; do
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
