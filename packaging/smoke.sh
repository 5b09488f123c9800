#!/usr/bin/env bash
# Smoke test of the built bundle as an officer's machine runs it: empty environment, no Python
# environment on PATH, no PYTHONPATH, a fresh data folder. Usage: packaging/smoke.sh [BUNDLE_DIR]
set -uo pipefail
cd "$(dirname "$0")/.."
bundle=$(cd "${1:-dist/lsp-desktop}" && pwd) || exit 1
exe=$bundle/lsp-desktop
[ -x "$exe" ] || { echo "smoke: no bundle at $exe (run packaging/build.sh)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
steps=0

run() {   # a step that hangs (say, behind an error dialog nobody can click) fails after 2 min
    timeout -k 5 "${LSP_SMOKE_TIMEOUT:-120}" env -i HOME="$tmp/home" PATH=/usr/bin:/bin \
        LANG=C.UTF-8 XDG_CONFIG_HOME="$tmp/config" LSP_DESKTOP_DATA_DIR="$tmp/data" \
        QT_QPA_PLATFORM=offscreen "$exe" "$@"
}

step() {   # step NAME CHECK-COMMAND|"" ARGS...
    local name=$1 check=$2 out rc
    shift 2
    steps=$((steps + 1))
    out=$(run "$@" 2>&1)
    rc=$?
    if [ "$rc" -eq 0 ] && { [ -z "$check" ] || eval "$check"; }; then
        echo "smoke: ok     lsp-desktop $*"
    else
        failed=$((failed + 1))
        echo "smoke: FAILED lsp-desktop $* (exit $rc${check:+; check: $check})"
        printf '%s\n' "$out" | tail -n 30 | sed 's/^/    /'
    fi
}

step "version" '[[ $out == "lsp-desktop "* ]]' --version
step "demo" '[ -s "$tmp/data/partnership.lspd" ]' demo
step "check" '[[ $out == *"integrity: ok"* ]]' check
if run print --help >/dev/null 2>&1; then
    step "print register" '[ "$(head -c 4 "$tmp/register.pdf")" = "%PDF" ]' \
        print register --out "$tmp/register.pdf"
else   # the reports work arrives on another branch; say so rather than fail or pass
    echo "smoke: SKIPPED lsp-desktop print register (this build has no print command)"
fi
# The file libraries load their own data files (python-docx's templates, pypdf, icalendar).
step "export strategy" '[ -s "$tmp/strategy.docx" ]' \
    export strategy --strategy 1 --out "$tmp/strategy.docx"
step "import strategy" '[[ $out == *"section"* ]]' \
    import strategy "$tmp/strategy.docx" --kind cs --dry-run
step "board pack" '[ "$(head -c 4 "$tmp/pack.pdf")" = "%PDF" ]' \
    print board-pack --meeting 1 --out "$tmp/pack.pdf"
step "calendar" '[[ "$(head -c 15 "$tmp/year.ics")" == "BEGIN:VCALENDAR" ]]' \
    export calendar --year 2001/02 --out "$tmp/year.ics"
step "start-up" '[[ $out =~ [0-9]+\.[0-9]+ ]]' --quit-after-startup
step "open a file" '' "$tmp/data/partnership.lspd" --quit-after-startup

# Desktop integration: the bundle's install-desktop.sh registers it for a (scratch) user.
steps=$((steps + 1))
apps=$tmp/share/applications
if out=$(env -i HOME="$tmp/home" PATH=/usr/bin:/bin XDG_DATA_HOME="$tmp/share" \
        "$bundle/install-desktop.sh" 2>&1) \
        && grep -qxF "Exec=\"$exe\" %f" "$apps/org.lspdesktop.LSPDesktop.desktop" \
        && [ -s "$tmp/share/icons/hicolor/256x256/apps/lsp-desktop.png" ] \
        && { ! command -v desktop-file-validate >/dev/null \
             || desktop-file-validate "$apps/org.lspdesktop.LSPDesktop.desktop"; } \
        && { ! command -v update-mime-database >/dev/null \
             || grep -q ':application/x-lsp-partnership:\*\.lspd$' "$tmp/share/mime/globs2"; }
then
    echo "smoke: ok     install-desktop.sh (menu entry, icon, .lspd file type)"
else
    failed=$((failed + 1))
    echo "smoke: FAILED install-desktop.sh"
    printf '%s\n' "$out" | tail -n 20 | sed 's/^/    /'
fi

if [ "$failed" -ne 0 ]; then
    echo "smoke: $failed of $steps steps failed ($bundle)"
    exit 1
fi
echo "smoke: all $steps steps succeeded ($bundle)"
