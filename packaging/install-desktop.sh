#!/usr/bin/env bash
# Registers this LSP Desktop folder with the desktop for the current user: menu entry, icon,
# and the .lspd file type, so double-clicking a partnership file opens it.
# Usage: ./install-desktop.sh [--uninstall]   (run from the unzipped dist/lsp-desktop folder)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
app_id=org.lspdesktop.LSPDesktop
icon_sizes=$(cd "$here/share/icons/hicolor" && ls -d -- */)

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$data/applications/$app_id.desktop" "$data/metainfo/$app_id.metainfo.xml" \
          "$data/mime/packages/lsp-desktop.xml"
    for size in $icon_sizes; do rm -f "$data/icons/hicolor/$size"apps/lsp-desktop.*; done
else
    mkdir -p "$data/applications" "$data/metainfo" "$data/mime/packages"
    # Exec and TryExec point at this folder's program, quoted for the desktop file format.
    exe=$here/lsp-desktop
    quoted=$(printf '%s' "$exe" | sed 's/[\\"`$]/\\\\&/g')
    sed -e "s|^Exec=lsp-desktop|Exec=\"$quoted\"|" -e "s|^TryExec=lsp-desktop|TryExec=$exe|" \
        "$here/share/applications/$app_id.desktop" > "$data/applications/$app_id.desktop"
    cp "$here/share/metainfo/$app_id.metainfo.xml" "$data/metainfo/"
    cp "$here/share/mime/packages/lsp-desktop.xml" "$data/mime/packages/"
    mkdir -p "$data/icons/hicolor"
    cp -r "$here/share/icons/hicolor/." "$data/icons/hicolor/"
fi
command -v update-mime-database >/dev/null && update-mime-database "$data/mime" >/dev/null 2>&1 || true
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
command -v gtk-update-icon-cache >/dev/null \
    && gtk-update-icon-cache -q -t -f "$data/icons/hicolor" 2>/dev/null || true
echo "LSP Desktop ${1:+un}registered in $data"
