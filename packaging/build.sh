#!/usr/bin/env bash
# Builds the one-folder bundle dist/lsp-desktop/ (PyInstaller) with its desktop files and icons.
# A second run with the same sources and libraries does nothing (LSP_BUNDLE_FORCE=1 rebuilds).
# Build environment: $LSP_BUNDLE_PYTHON, else the project's .venv (./dev bundle makes it with
# the `bundle` extra: PyInstaller plus the program's own dependencies).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
py=${LSP_BUNDLE_PYTHON:-$root/.venv/bin/python}
dist=$root/dist/lsp-desktop
work=$root/build/pyinstaller
icons=$root/build/icons
stamp=$dist/.build-inputs
max_mb=250

if [ ! -x "$py" ]; then
    echo "build.sh: no build environment at $py: run ./dev bundle, or set LSP_BUNDLE_PYTHON" >&2
    exit 1
fi
if ! "$py" -c "import PyInstaller" 2>/dev/null; then
    echo "build.sh: PyInstaller is missing from $py: install the bundle extra" \
         "(pip install '.[bundle]') or run ./dev bundle" >&2
    exit 1
fi

# Everything the bundle is made from: sources, data files, build scripts, the libraries.
inputs=$( {
    find lsp_desktop packaging resources pyproject.toml -type f \
        ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 | sort -z | xargs -0 sha1sum
    "$py" -VV
    "$py" -m pip freeze --all --disable-pip-version-check 2>/dev/null | grep -v -i 'lsp.desktop' || true
} | sha1sum | cut -c1-40)
if [ -z "${LSP_BUNDLE_FORCE:-}" ] && [ -x "$dist/lsp-desktop" ] \
        && [ "$(cat "$stamp" 2>/dev/null)" = "$inputs" ]; then
    echo "build.sh: dist/lsp-desktop is up to date ($(du -sm "$dist" | cut -f1) MB)"
    exit 0
fi

start=$(date +%s)
rm -f "$stamp"
"$py" packaging/make_icons.py "$icons"
LSP_ICON_DIR=$icons "$py" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$root/dist" --workpath "$work" packaging/lsp-desktop.spec

# Desktop integration files, laid out as under /usr/share, and the script that installs them.
share=$dist/share
rm -rf "$share"
install -D -m 644 resources/org.lspdesktop.LSPDesktop.desktop \
    "$share/applications/org.lspdesktop.LSPDesktop.desktop"
install -D -m 644 resources/org.lspdesktop.LSPDesktop.metainfo.xml \
    "$share/metainfo/org.lspdesktop.LSPDesktop.metainfo.xml"
install -D -m 644 resources/lsp-desktop-mime.xml "$share/mime/packages/lsp-desktop.xml"
mkdir -p "$share/icons" && cp -r "$icons/hicolor" "$share/icons/"
install -m 755 packaging/install-desktop.sh "$dist/install-desktop.sh"

size=$(du -sm "$dist" | cut -f1)
echo "build.sh: built dist/lsp-desktop in $(( $(date +%s) - start )) s, ${size} MB"
if [ "$size" -ge "$max_mb" ]; then
    echo "build.sh: the bundle is ${size} MB, over the ${max_mb} MB limit" >&2
    exit 1
fi
echo "$inputs" > "$stamp"
