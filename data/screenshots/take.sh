#!/usr/bin/env bash
# take.sh [BUILD]
#
# Copyright 2026 The Deliberate authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The store listing's screenshots: runs the app already built in BUILD
# (build/ by default; this builds nothing) on the built-in Ring example
# under Xvfb, with the window filling a 1280×800 screen, once for each
# page the metainfo shows, and saves each as data/screenshots/PAGE.png.
#
# The page is chosen the way the app restores it: the last-page setting,
# preset in a key file under a temporary XDG_CONFIG_HOME. Nothing of the
# user's own settings, cases or session bus is read or changed.
#
# Needs xvfb, xauth, xdotool, imagemagick and dbus (make deps installs them).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$root/build}" 2>/dev/null && pwd) || { echo "take.sh: no build folder ${1:-$root/build}" >&2; exit 2; }
app=$build/src/deliberate

WIDTH=1280
HEIGHT=800
# The pages, by the names the window gives them (ui/dlb-window.ui).
PAGES="overview stakeholders matrix memo"

for tool in xvfb-run xdotool import dbus-run-session gsettings; do
  command -v "$tool" >/dev/null || { echo "take.sh: $tool is missing (make deps installs it)" >&2; exit 2; }
done
if [ ! -x "$app" ] || [ ! -f "$build/data/gschemas.compiled" ]; then
  echo "take.sh: build the app first (make build, or ninja -C $build)" >&2
  exit 2
fi
app_id=$(sed -n 's/^#define APPLICATION_ID "\(.*\)"$/\1/p' "$build/config.h")

scratch=$(mktemp -d "${TMPDIR:-/tmp}/deliberate-screenshots-XXXXXX")
trap 'rm -rf "$scratch"' EXIT

export XDG_CONFIG_HOME=$scratch/config XDG_DATA_HOME=$scratch/data XDG_CACHE_HOME=$scratch/cache
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR=$build/data
export DELIBERATE_LOCALEDIR=$build/po
export LANGUAGE= LC_ALL=C.UTF-8
export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1
export TAKE_APP=$app TAKE_OUT=$here TAKE_PAGES=$PAGES TAKE_APP_ID=$app_id TAKE_LOG=$scratch/app.log \
  TAKE_WIDTH=$((WIDTH - 1)) TAKE_HEIGHT=$((HEIGHT - 1))

# The window's size is kept in the settings too: the whole screen.
gsettings set "$app_id" window-width "$WIDTH"
gsettings set "$app_id" window-height "$HEIGHT"
gsettings set "$app_id" window-maximized false

# One private display and one private session bus for every page, so an
# instance of Deliberate already running elsewhere is never the one shown.
xvfb-run -a -s "-screen 0 ${WIDTH}x${HEIGHT}x24" dbus-run-session -- bash -c '
  set -eu
  for page in $TAKE_PAGES; do
    gsettings set "$TAKE_APP_ID" last-page "$page"
    # The pointer in a corner, where it shows no tooltip.
    xdotool mousemove "$TAKE_WIDTH" "$TAKE_HEIGHT"
    "$TAKE_APP" --example >"$TAKE_LOG" 2>&1 &
    pid=$!
    if ! window=$(timeout 20 xdotool search --sync --onlyvisible --pid "$pid" 2>/dev/null | head -n 1); then
      echo "take.sh: no window appeared for the $page page; the app said:" >&2
      cat "$TAKE_LOG" >&2
      kill "$pid" 2>/dev/null || true
      exit 1
    fi
    # The analysis runs in the background and the memo is laid out before
    # its page is drawn: time enough for both.
    sleep 4
    # A page that gives the keyboard focus to a widget shows its tooltip;
    # a click on the empty header bar takes it away, as a person would.
    xdotool mousemove 200 20 click 1 mousemove "$TAKE_WIDTH" "$TAKE_HEIGHT"
    sleep 1
    import -window root "$TAKE_OUT/$page.png"
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    echo "$TAKE_OUT/$page.png"
  done
'
