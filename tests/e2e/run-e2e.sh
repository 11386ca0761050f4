#!/bin/sh
# Runs the end-to-end test: the real application under an accessibility
# bus, driven through AT-SPI and xdotool as a person would drive it.
# Usage: run-e2e.sh DELIBERATE_EXE SCHEMA_DIR DRIVER.py
# The display comes from the caller (make test runs the suite in xvfb-run).
set -eu

exe=$1; schemas=$2; driver=$3

for tool in dbus-run-session xdotool pdftotext /usr/bin/python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "e2e: $tool is missing: install the packages of the Makefile's deps" >&2; exit 1; }
done
launcher=/usr/libexec/at-spi-bus-launcher
[ -x "$launcher" ] || { echo "e2e: $launcher is missing: install at-spi2-core" >&2; exit 1; }
/usr/bin/python3 -c 'import pyatspi' 2>/dev/null || { echo "e2e: python3-pyatspi is missing" >&2; exit 1; }
[ -n "${DISPLAY:-}" ] || { echo "e2e: no display: run it under xvfb-run" >&2; exit 1; }

# The display's cookie is found through $HOME unless named: keep it.
export XAUTHORITY="${XAUTHORITY:-$HOME/.Xauthority}"

home=$(mktemp -d "${TMPDIR:-/tmp}/deliberate-e2e-XXXXXX")
trap 'rm -rf "$home"' EXIT
mkdir -p "$home/Documents" "$home/.config" "$home/data" "$home/cache"
echo 'XDG_DOCUMENTS_DIR="$HOME/Documents"' > "$home/.config/user-dirs.dirs"

export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/data" XDG_CACHE_HOME="$home/cache"
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$schemas"
export GSK_RENDERER=cairo GDK_DEBUG=gl-disable GTK_A11Y=atspi
export LC_ALL=C.UTF-8 LANGUAGE=
# GTK 4.8 warns under AT-SPI on X11 that it cannot give screen coordinates
# (windows sit at 0,0 without a window manager, so they are right): keep
# criticals fatal, not that warning.
export G_DEBUG=fatal-criticals
unset GTK_MODULES NO_AT_BRIDGE 2>/dev/null || true
export DELIBERATE_EXE="$exe"

exec dbus-run-session -- sh -c '
  "$0" --launch-immediately >/dev/null 2>&1 &
  sleep 0.5
  exec /usr/bin/python3 "$1"
' "$launcher" "$driver"
