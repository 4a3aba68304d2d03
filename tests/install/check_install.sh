#!/bin/sh
# 'cmake --install' into a scratch DESTDIR: exactly the files of
# tests/install/expected.txt (nothing missing, nothing more: no test file
# rides along), an installed binary that runs with the installed rules as
# it does with the built-in ones, and a program built against the
# installed header and pkg-config file alone that advises on an installed
# example through the public API.  CC and CFLAGS build that program.
# Usage: check_install.sh BUILD_DIR SOURCE_DIR WORK \
#            BINDIR MANDIR DATADIR DOCDIR LIBDIR INCLUDEDIR
# (the install folders as CMAKE_INSTALL_FULL_* gives them).
set -eu
build=$1 src=$2 work=$3
bindir=$4 mandir=$5 datadir=$6 docdir=$7 libdir=$8 includedir=$9
fail() {
    echo "check_install: $*" >&2
    exit 1
}
rm -rf "$work"
mkdir -p "$work"
root=$work/root
DESTDIR=$root cmake --install "$build" > "$work/install.log" 2>&1 ||
    fail "cmake --install failed: $(tail -n 3 "$work/install.log")"

# The list, with each folder's name replaced by where it is in this build.
grep -v '^#' "$src/tests/install/expected.txt" |
    sed -e "s|^BINDIR/|$bindir/|" -e "s|^MANDIR/|$mandir/|" \
        -e "s|^DATADIR/|$datadir/|" -e "s|^DOCDIR/|$docdir/|" \
        -e "s|^LIBDIR/|$libdir/|" -e "s|^INCLUDEDIR/|$includedir/|" |
    LC_ALL=C sort > "$work/expected"
(cd "$root" && find . ! -type d | sed 's|^\.||') | LC_ALL=C sort > "$work/installed"
if ! diff -u "$work/expected" "$work/installed" > "$work/diff"; then
    echo "check_install: the installed files differ from tests/install/expected.txt" \
        "(-: missing, +: not listed):" >&2
    grep -E '^[-+]/' "$work/diff" >&2
    exit 1
fi

aa=$root$bindir/attrib-advise
examples=$root$docdir/examples
"$aa" --version > "$work/version" || fail "installed --version failed"
grep -q '^attrib-advise [0-9]' "$work/version" || fail "--version: $(cat "$work/version")"
cd "$work"
cp "$examples/msp-b2b-contributor.json" plan.json
"$aa" --no-config plan.json > builtin.txt || fail "the installed binary failed on an example"
# The installed rules are the ones compiled in: alone, they advise alike.
"$aa" --no-config --no-default-rules --rules "$root$datadir/attrib-advise/rules" \
    plan.json > installed-rules.txt ||
    fail "the installed rules do not load: $(cat installed-rules.txt)"
cmp -s builtin.txt installed-rules.txt ||
    fail "the installed rules advise otherwise than the built-in ones"

# A program of the user's own, built with pkg-config as docs/install.md
# shows, the sysroot standing for DESTDIR.
export PKG_CONFIG_SYSROOT_DIR="$root"
export PKG_CONFIG_PATH="$root$libdir/pkgconfig"
version=$(pkg-config --modversion attrib-advise) || fail "pkg-config cannot read attrib-advise.pc"
grep -q "^attrib-advise $version\$" "$work/version" ||
    fail "attrib-advise.pc says $version; the binary: $(head -n 1 "$work/version")"
# shellcheck disable=SC2046,SC2086 # pkg-config's words are separate flags
${CC:-cc} -std=c11 -Wall -Wextra -Werror ${CFLAGS:-} -o embed \
    "$src/tests/install/embed.c" $(pkg-config --cflags --libs attrib-advise) \
    > cc.log 2>&1 || fail "the embedding program does not build: $(cat cc.log)"
./embed plan.json > embed.txt || fail "the embedding program failed: $(cat embed.txt)"
grep -v '^embedded attrib-advise' embed.txt > embed-report.txt
cmp -s builtin.txt embed-report.txt ||
    fail "the library's report differs from the binary's: $(diff builtin.txt embed-report.txt | head -n 5)"
grep -q "^embedded attrib-advise $version, [1-9][0-9]* rules\$" embed.txt ||
    fail "the embedding program: $(tail -n 1 embed.txt)"
echo "check_install: $(wc -l < installed | tr -d ' ') files installed, as listed"
