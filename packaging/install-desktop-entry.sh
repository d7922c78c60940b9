#!/bin/sh
# Add stacdesk to the desktop's application menu for the current user (no root needed).
# Run it from the unpacked folder: ./install-desktop-entry.sh  (./install-desktop-entry.sh --remove undoes it)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
apps="$data/applications"
icons="$data/icons/hicolor"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$apps/stacdesk.desktop"
  for size in 16 24 32 48 64 128 256 512; do rm -f "$icons/${size}x${size}/apps/stacdesk.png"; done
  echo "removed the stacdesk menu entry"
  exit 0
fi
mkdir -p "$apps"
for size in 16 24 32 48 64 128 256 512; do
  mkdir -p "$icons/${size}x${size}/apps"
  cp "$here/_internal/resources/icons/stacdesk-$size.png" "$icons/${size}x${size}/apps/stacdesk.png"
done
sed -e "s|^Exec=.*|Exec=\"$here/stacdesk\"|" "$here/stacdesk.desktop" > "$apps/stacdesk.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" || true
echo "added stacdesk to the application menu ($apps/stacdesk.desktop)"
