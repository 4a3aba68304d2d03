#!/bin/sh
# The Debian packages as a user gets them: 'cpack -G DEB' builds them from
# this build folder; their control fields say what they are and depend on
# runtime libraries only (no -dev package for attrib-advise); dpkg installs
# them into a scratch root (never this system's), where the binary says
# its version, advises on an installed example, scans the installed
# example code, its manual page and completions are in place (bash's
# loads and completes a command, zsh's and fish's parse where those shells
# are), and the pkg-config file names /usr; then
# dpkg purges them and nothing of theirs is left.  Skipped (exit 77), and
# said so, only where dpkg or cpack cannot run.
# Usage: check_deb.sh CPACK BUILD_DIR WORK VERSION
set -eu
cpack=$1 build=$2 work=$3 version=$4
fail() {
    echo "check_deb: $*" >&2
    exit 1
}
skip() {
    echo "check_deb: SKIPPED: $*" >&2
    exit 77
}
for tool in dpkg dpkg-deb; do
    command -v "$tool" > /dev/null 2>&1 ||
        skip "no $tool here: the Debian package cannot be checked"
done
[ -x "$cpack" ] || skip "no cpack at $cpack"
rm -rf "$work"
mkdir -p "$work/out"
"$cpack" -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" \
    > "$work/cpack.log" 2>&1 ||
    fail "cpack -G DEB failed: $(tail -n 5 "$work/cpack.log")"
pkg=$work/out/attrib-advise_${version}_$(dpkg --print-architecture).deb
dev=$work/out/attrib-advise-dev_${version}_$(dpkg --print-architecture).deb
[ -f "$pkg" ] && [ -f "$dev" ] ||
    fail "cpack made $(ls "$work/out" | tr '\n' ' '), not $pkg and $dev"

field() { dpkg-deb -f "$1" "$2"; }
[ "$(field "$pkg" Package)" = attrib-advise ] || fail "Package: $(field "$pkg" Package)"
[ "$(field "$pkg" Version)" = "$version" ] || fail "Version: $(field "$pkg" Version)"
for f in Maintainer Section Description Homepage; do
    [ -n "$(field "$pkg" "$f")" ] || fail "no $f field"
done
depends=$(field "$pkg" Depends)
for lib in libc6 libcjson1 libyaml-0-2; do
    echo "$depends" | grep -Eq "(^|, )$lib( |,|\$)" || fail "Depends: $depends lacks $lib"
done
echo "$depends" | grep -q -- '-dev' && fail "Depends: $depends names a -dev package"
field "$dev" Depends | grep -q libcjson-dev ||
    fail "attrib-advise-dev Depends: $(field "$dev" Depends)"
# What each package holds: the library in -dev alone, no test file in any.
dpkg-deb -c "$pkg" > "$work/pkg.list"
dpkg-deb -c "$dev" > "$work/dev.list"
grep -E '\.(a|h|pc)$' "$work/pkg.list" && fail "attrib-advise holds files of the library"
grep -E '/tests?/' "$work/pkg.list" "$work/dev.list" | grep -v '/examples/policies/tests/' &&
    fail "a package holds test files"

# A scratch root of dpkg's own: its database starts empty, so the
# dependencies (this system's libraries) are not there to be checked.
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: > "$root/var/lib/dpkg/status"
dpkg_root() {
    dpkg --root="$root" --log="$work/dpkg.log" --force-not-root \
        --force-depends --force-script-chrootless "$@"
}
dpkg_root -i "$pkg" "$dev" > "$work/dpkg-install.log" 2>&1 ||
    fail "dpkg -i failed: $(tail -n 5 "$work/dpkg-install.log")"

aa=$root/usr/bin/attrib-advise
doc=$root/usr/share/doc/attrib-advise
"$aa" --version > "$work/version" 2>&1 || fail "installed --version failed: $(cat "$work/version")"
grep -q "^attrib-advise $version\$" "$work/version" || fail "--version: $(cat "$work/version")"
(cd "$doc" && "$aa" --no-config examples/msp-b2b-contributor.json) > "$work/advice.txt" 2>&1 ||
    fail "the installed binary failed on the installed example: $(tail -n 3 "$work/advice.txt")"
grep -q '^PAL  recommended' "$work/advice.txt" || fail "unexpected advice: $(head -n 5 "$work/advice.txt")"
status=0
(cd "$doc" && "$aa" --no-config scan examples/code) > "$work/scan.txt" 2>&1 || status=$?
[ "$status" -eq 1 ] && grep -q 'main.bicep  bicep  attributed' "$work/scan.txt" ||
    fail "scan of the installed example code: exit $status, $(tail -n 1 "$work/scan.txt")"
[ -f "$root/usr/share/man/man1/attrib-advise.1" ] || fail "no manual page"
# The bash completion where bash-completion looks for it: it loads, binds
# the command, and completes a command's name.
comp=$root/usr/share/bash-completion/completions/attrib-advise
[ -f "$comp" ] || fail "no bash completion at /usr/share/bash-completion/completions"
bound=$(bash --norc --noprofile -c 'source "$1" && complete -p attrib-advise' sh "$comp" 2>&1) ||
    fail "the bash completion does not load: $bound"
fn=$(echo "$bound" | sed -n 's/.* -F \([^ ]*\) .*/\1/p')
[ -n "$fn" ] || fail "the bash completion binds no function: $bound"
# (in an empty folder: a plan's file name is a completion too)
mkdir "$work/empty"
got=$(cd "$work/empty" && bash --norc --noprofile -c 'source "$1"
    COMP_WORDS=(attrib-advise sc); COMP_CWORD=1
    "$2"; printf "%s\n" "${COMPREPLY[@]}"' sh "$comp" "$fn")
[ "$got" = scan ] || fail "'attrib-advise sc<TAB>' completes to '$got', not 'scan'"
for f in zsh/vendor-completions/_attrib-advise fish/vendor_completions.d/attrib-advise.fish; do
    [ -f "$root/usr/share/$f" ] || fail "no /usr/share/$f"
    shell=${f%%/*}
    if command -v "$shell" > /dev/null 2>&1; then
        "$shell" -n "$root/usr/share/$f" || fail "$shell cannot parse /usr/share/$f"
    else
        echo "check_deb: $shell is not installed; /usr/share/$f was not parsed"
    fi
done
grep -q '^prefix=/usr$' "$root/usr/lib/pkgconfig/attrib-advise.pc" ||
    fail "attrib-advise.pc: $(grep '^prefix=' "$root/usr/lib/pkgconfig/attrib-advise.pc")"

# Both removed and purged: nothing of theirs stays behind, and dpkg
# knows them no more.
dpkg_root -P attrib-advise attrib-advise-dev > "$work/dpkg-purge.log" 2>&1 ||
    fail "dpkg -P failed: $(tail -n 5 "$work/dpkg-purge.log")"
left=$(cd "$root" && find . -path ./var -prune -o ! -name . -print)
[ -z "$left" ] || fail "left after purge: $left"
for f in "$root"/var/lib/dpkg/info/attrib-advise*; do
    [ -e "$f" ] && fail "dpkg keeps after purge: $f"
done
dpkg_root -s attrib-advise > /dev/null 2>&1 && fail "dpkg still lists attrib-advise"
echo "check_deb: $(grep -c '^-' "$work/pkg.list") files in attrib-advise," \
    "$(grep -c '^-' "$work/dev.list") in attrib-advise-dev; installed, run, purged"
