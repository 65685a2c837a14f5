#!/bin/sh
# run-ui-test.sh — run one UI test under a private X server and session bus
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-ui-test.sh TEST.py [ARGS...]
#
# The session bus only knows the accessibility bus and dconf, so nothing
# else (portals, a keyring) is activated behind the test's back.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
test_script=$1
shift

work=$(mktemp -d "${TMPDIR:-/tmp}/commons-ui-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

mkdir -p "$work/services"
for service in org.a11y.Bus.service ca.desrt.dconf.service; do
  if [ -f "/usr/share/dbus-1/services/$service" ]; then
    cp "/usr/share/dbus-1/services/$service" "$work/services/"
  fi
done
sed "s|<standard_session_servicedirs */>|<servicedir>$work/services</servicedir>|" \
  /usr/share/dbus-1/session.conf > "$work/session.conf"

export GDK_BACKEND=x11
export GSK_RENDERER=cairo
export GSETTINGS_BACKEND=memory
unset NO_AT_BRIDGE || true
export COMMONS_UI_WORKDIR="$work"
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
: "${LANG:=C.UTF-8}"
export LANG

# Other test runs on this machine start X servers too; beginning the
# search for a free display at a number of our own makes two runs less
# likely to race for the same one.
display=$(( 200 + $$ % 700 ))

status=0
xvfb-run -a -n "$display" -s "-screen 0 ${COMMONS_UI_SCREEN:-1280x800x24}" \
  dbus-run-session --config-file="$work/session.conf" -- \
  /usr/bin/python3 "$test_script" "$@" || status=$?
exit $status
