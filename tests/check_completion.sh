#!/bin/sh
# The completion scripts 'attrib-advise completion SHELL' prints: bash's
# loads and completes commands, options, formats, mechanisms, rule ids and
# fact ids; zsh's and fish's parse (checked where those shells exist, and
# said when they do not).  And the options the help and the scripts know
# are exactly those the parser takes (src/main.c's longopts against
# src/cli_commands.c's table).
# usage: check_completion.sh BINARY SOURCE_DIR WORK_DIR
set -eu
bin=$1 src=$2 work=$3
rm -rf "$work"
mkdir -p "$work"
fail=0

"$bin" completion bash >"$work/attrib-advise.bash"
# Each line: the words typed (the last one being completed), then one
# word the completions must hold, or with '!' one they must not.
cat >"$work/expect" <<'END'
attrib-advise sc|scan
attrib-advise he|help
attrib-advise facts PAL-F2|PAL-F20
attrib-advise --format su|summary
attrib-advise scan --format sa|sarif
attrib-advise graph --format d|dot
attrib-advise why-not PR|PRACR
attrib-advise scan --fo|--format
attrib-advise portfolio --gr|--group-by
attrib-advise rules show gen.nothing|gen.nothing-recorded
attrib-advise rules |test
attrib-advise --ignore cua.saas|cua.saas-own-tenant
attrib-advise completion z|zsh
attrib-advise help por|portfolio
attrib-advise init --profile li|licensing
attrib-advise --fail-on n|never
attrib-advise portfolio --format c|csv
attrib-advise portfolio --format |!sarif
attrib-advise scan --format |!ndjson
attrib-advise graph --format |!text
attrib-advise --format |!mermaid
END
while IFS='|' read -r typed want; do
    got=$(bash --norc --noprofile -c '
        source "$1" || exit 3
        complete -p attrib-advise >/dev/null || exit 4
        read -r -a COMP_WORDS <<<"$2"
        case $2 in *" ") COMP_WORDS+=("") ;; esac
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        _attrib_advise
        printf "%s\n" "${COMPREPLY[@]}"' sh "$work/attrib-advise.bash" "$typed") ||
        { echo "FAIL: bash could not load the script ($?)"; fail=1; break; }
    case $want in
    !*)
        if printf '%s\n' "$got" | grep -qx -- "${want#!}"; then
            echo "FAIL: '$typed' completes to [$(echo $got)], with '${want#!}'"
            fail=1
        fi ;;
    *)
        if ! printf '%s\n' "$got" | grep -qx -- "$want"; then
            echo "FAIL: '$typed' completes to [$(echo $got)], without '$want'"
            fail=1
        fi ;;
    esac
done <"$work/expect"

for shell in zsh fish; do
    "$bin" completion "$shell" >"$work/attrib-advise.$shell"
    if ! command -v "$shell" >/dev/null 2>&1; then
        echo "SKIPPED: $shell is not installed; its script was not parsed"
        continue
    fi
    if ! "$shell" -n "$work/attrib-advise.$shell"; then
        echo "FAIL: $shell cannot parse its completion script"
        fail=1
    fi
done
if command -v zsh >/dev/null 2>&1 &&
    ! zsh -f -c 'autoload -Uz compinit && compinit -u -D && source "$1" &&
                 (( $+functions[_attrib_advise] ))' sh "$work/attrib-advise.zsh"; then
    echo "FAIL: zsh does not define _attrib_advise from the script"
    fail=1
fi
# Installed, the zsh script is autoloaded from a file named
# _attrib-advise: the first TAB in an interactive zsh must complete.
if command -v zsh >/dev/null 2>&1 && zsh -f -c 'zmodload zsh/zpty' 2>/dev/null; then
    # In an empty folder: no file name shares the command's first letters.
    mkdir -p "$work/zfunc" "$work/zbin" "$work/zempty"
    cp "$work/attrib-advise.zsh" "$work/zfunc/_attrib-advise"
    ln -sf "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" \
        "$work/zbin/attrib-advise"
    # Read what the terminal shows until a pattern appears, for 30 s at
    # most: a blocking read would hang on a shell that never answers.
    got=$(timeout 90 zsh -f -c '
        zmodload zsh/zpty zsh/datetime
        zpty z zsh -f -i
        upto() {
            local end=$(( EPOCHREALTIME + 30 )) line
            while (( EPOCHREALTIME < end )); do
                while zpty -r -t z line; do out+=$line; done
                # The bell rings between what was typed and what the
                # completion inserts: "sc", bell, "an".
                [[ ${out//$'"'"'\a'"'"'/} == *$1* ]] && return 0
                sleep 0.1
            done
            return 1
        }
        out=
        zpty -w z "cd $3; PATH=$1:\$PATH; fpath=($2 \$fpath); autoload -Uz compinit; compinit -u -D; echo READ\"Y\""
        upto READY && { zpty -w -n z $'"'"'attrib-advise sc\t'"'"'; upto scan; }
        print -r -- "$out"
        zpty -d z' sh "$work/zbin" "$work/zfunc" "$work/zempty" 2>&1 |
        tr -d '\r\a') || true
    if ! printf '%s' "$got" | grep -q 'scan'; then
        echo "FAIL: zsh, autoloading _attrib-advise, completes 'sc' to nothing:"
        printf "%s\n" "$got" | tail -c 300
        fail=1
    fi
fi
if command -v fish >/dev/null 2>&1; then
    got=$(fish -N -c "source $work/attrib-advise.fish; complete -C 'attrib-advise why-not PR'")
    if ! printf '%s\n' "$got" | grep -q '^PRACR'; then
        echo "FAIL: fish completes 'why-not PR' to [$got]"
        fail=1
    fi
fi

# The parser's long options against the documented ones.
sed -n '/longopts\[\] = {/,/{NULL, 0, NULL, 0}/p' "$src/src/main.c" |
    sed -n 's/^ *{"\([a-z-]*\)".*/\1/p' | grep -vx colour | sort -u >"$work/parsed"
sed -n '/^static const struct option_doc options\[\] = {/,/^};/p' \
    "$src/src/cli_commands.c" |
    sed -n 's/^ *{"\([a-z-]*\)",.*/\1/p' | sort -u >"$work/documented"
if ! diff "$work/parsed" "$work/documented" >"$work/options.diff"; then
    echo "FAIL: options parsed (<) and documented (>) differ:"
    cat "$work/options.diff"
    fail=1
fi
[ -s "$work/parsed" ] || { echo "FAIL: no option read from src/main.c"; fail=1; }

# Every command of the help has its section in the man page, and its
# own help.
"$bin" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p' >"$work/commands"
[ -s "$work/commands" ] || { echo "FAIL: no command in the help"; fail=1; }
while read -r c; do
    name=$(printf '%s' "$c" | sed 's/-/\\\\-/g')
    grep -qx "\.SS $name" "$src/docs/attrib-advise.1" ||
        { echo "FAIL: docs/attrib-advise.1 has no section for '$c'"; fail=1; }
    "$bin" help "$c" | grep -q "^Usage: attrib-advise .*$c" ||
        { echo "FAIL: 'help $c' gives no usage of its own"; fail=1; }
done <"$work/commands"

# Each command's "Options:" line in the man page names the options its help
# lists, in the help's order: the parser refuses any other.
while read -r c; do
    name=$(printf '%s' "$c" | sed 's/-/\\\\-/g')
    "$bin" help "$c" | sed -n 's/^  \(-., \|    \)--\([a-z-]*\).*/\2/p' >"$work/help-opts"
    sed -n "/^\.SS $name\$/,/^\.SS /p" "$src/docs/attrib-advise.1" |
        sed -n 's/^Options: //p' | sed 's/\\fB\\-\\-//g; s/\\fR//g; s/\\-/-/g; s/\.$//' |
        tr ',' '\n' | sed 's/^ *//' | sed '/^$/d' >"$work/man-opts"
    cmp -s "$work/help-opts" "$work/man-opts" ||
        { echo "FAIL: docs/attrib-advise.1 lists other options for '$c' than its help:"
          diff "$work/help-opts" "$work/man-opts"; fail=1; }
done <"$work/commands"
exit $fail
