#!/bin/sh
# The direction of use, checked on the sources: the core never includes a
# GTK header, and each part includes only its own headers and those of
# the parts it may use (memo -> engine -> model <- store, json; cli ->
# core; app -> core, cli). Prints every include that breaks it.
set -u
root=${1:?usage: check-layout.sh SOURCE_ROOT}
cd "$root/src" || exit 1

status=0
headers_of () {
  for d in "$@"; do ls "$d"/*.h 2>/dev/null; done | xargs -n1 basename 2>/dev/null
}

check () {
  part=$1; shift
  allowed=$(headers_of "$part" "$@"; echo config.h; echo dlb-enums.h; echo dlb-core-resources.h)
  for f in "$part"/*.c "$part"/*.h; do
    [ -f "$f" ] || continue
    grep -n '^#include' "$f" | while IFS= read -r line; do
      case "$line" in
        *'<gtk/'*|*'<gdk/'*|*'<adwaita.h>'*)
          case "$part" in app) ;; *) echo "$f:$line: GTK in $part"; echo x >>"$tmp";; esac;;
        *'"'*)
          h=$(printf '%s\n' "$line" | sed 's/.*"\(.*\)".*/\1/')
          if ! printf '%s\n' "$allowed" | grep -qx "$h"; then
            echo "$f:$line: $part may not include $h"; echo x >>"$tmp"
          fi;;
      esac
    done
  done
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

check core/model
check core/json core/model
check core/store core/model
check core/engine core/model
check core/memo core/engine core/model
check cli core/model core/json core/store core/engine core/memo
check app cli core/model core/json core/store core/engine core/memo

for d in core/model core/store core/json core/engine core/memo cli; do
  [ -d "$d" ] || { echo "missing folder src/$d"; echo x >>"$tmp"; }
done

[ -s "$tmp" ] && status=1
[ $status -eq 0 ] && echo "layout: every include follows the direction of use"
exit $status
