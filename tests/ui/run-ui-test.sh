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
# With the cairo renderer GL draws nothing, so it is not even set up: the
# Mesa GLX driver that GDK would load leaks 128 bytes when it is unloaded
# at exit, which fails every app run under LeakSanitizer. GTK 4.16 moved
# the switch from GDK_DEBUG=gl-disable to GDK_DISABLE=gl and warns about
# the old one, which fatal warnings turn into a crash.
if [ -z "${COMMONS_GTK_VERSION:-}" ]; then
  COMMONS_GTK_VERSION=$(pkg-config --modversion gtk4 2>/dev/null || echo 4.8)
fi
export COMMONS_GTK_VERSION
case "$COMMONS_GTK_VERSION" in
  4.[0-9].*|4.1[0-5].*) export GDK_DEBUG="gl-disable${GDK_DEBUG:+,$GDK_DEBUG}" ;;
  *) export GDK_DISABLE="gl${GDK_DISABLE:+,$GDK_DISABLE}" ;;
esac
export GSETTINGS_BACKEND=memory
# Under the sanitizers the app registers more than 2,048 quarks, and GLib
# then leaves the first block of them, made by its constructor, behind on
# purpose (its lookups take no lock). build-aux/lsan.supp lets that one go
# by the constructor, which only a full stack at malloc time shows.
case "${ASAN_OPTIONS:-}" in
  *detect_leaks=1*) export ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0" ;;
esac
unset NO_AT_BRIDGE || true
export COMMONS_UI_WORKDIR="$work"
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
# A real UTF-8 locale where there is one: glibc 2.41 ignores LANGUAGE
# under C.UTF-8 (older ones honour it), and the translated runs switch
# language with LANGUAGE.
if locale -a 2>/dev/null | grep -qix 'en_US.utf8'; then
  LANG=en_US.UTF-8
else
  LANG=C.UTF-8
fi
export LANG
unset LC_ALL LC_MESSAGES || true

# Xvfb picks a free display itself and writes its number to a file
# (-displayfd), which no search done from outside can race with. The
# display is then checked to accept a client before the test starts; a
# server that will not, is replaced. -noreset: by default the server
# resets when its last client leaves (xdotool here, or the accessibility
# bus launcher), and a client connecting during that reset is refused.
xvfb_pid=
trap 'if [ -n "$xvfb_pid" ]; then kill $xvfb_pid 2>/dev/null; fi; rm -rf "$work"' EXIT INT TERM
start_xvfb () {
  rm -f "$work/display"
  # A number of our own, far from the low ones other X servers take.
  Xvfb ":$((1000 + ($$ * 7 + attempt * 131) % 8000))" -displayfd 3 -screen 0 "${COMMONS_UI_SCREEN:-1280x800x24}" -nolisten tcp -noreset \
    3>"$work/display" 2>"$work/xvfb.log" &
  xvfb_pid=$!
  tries=0
  while [ ! -s "$work/display" ]; do
    tries=$((tries + 1))
    if [ $tries -gt 200 ] || ! kill -0 $xvfb_pid 2>/dev/null; then
      return 1
    fi
    sleep 0.05
  done
  DISPLAY=:$(cat "$work/display")
  export DISPLAY
  tries=0
  until xdotool getdisplaygeometry >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ $tries -gt 40 ]; then
      return 1
    fi
    sleep 0.05
  done
  return 0
}
attempt=0
until start_xvfb; do
  kill $xvfb_pid 2>/dev/null
  attempt=$((attempt + 1))
  if [ $attempt -ge 3 ]; then
    echo "Bail out! Xvfb did not start: $(cat "$work/xvfb.log")"
    exit 1
  fi
done

# TAP goes to the test's stdout only: the bus and the services it starts
# (the accessibility registry prints to stdout) write to stderr instead.
# G_DEBUG (fatal-warnings) is for the app and the tools the test starts,
# not for the test itself: the accessibility client library warns about
# races of its own (an app's cache asked for before it is up). commonsui
# hands it back to what the test starts.
status=0
COMMONS_CHILD_G_DEBUG=${G_DEBUG:-} \
dbus-run-session --config-file="$work/session.conf" -- \
  env -u G_DEBUG \
  sh -c 'exec "$@" 1>&3 3>&-' sh /usr/bin/python3 "$test_script" "$@" 3>&1 1>&2 || status=$?
exit $status
