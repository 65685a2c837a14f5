#!/bin/sh
# screenshot.sh — screenshots of every screen of Commons, for people to look at
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: tests/ui/screenshot.sh OUTDIR [WIDTHxHEIGHT] [BUILDDIR]
#   LANGUAGE=de tests/ui/screenshot.sh shots-de
#   COMMONS_FORCE_RTL=1 tests/ui/screenshot.sh shots-rtl
#
# Seeds a few notes with commons-cli, then walks through the empty state,
# list and editor, preferences, history, search, about and the 360 px
# layout; then, with plans and reviews by others (seed-plans) and a group
# on a private commons-server, a lesson plan, the Reviews page and the
# Groups page. One PNG per screen in OUTDIR. Not a test:
# build-aux/update-screenshots picks the metainfo's from them.

set -eu

here=$(cd "$(dirname "$0")" && pwd)
outdir=$1
size=${2:-1100x720}
build=${3:-$here/../../_build-app}
build=$(cd "$build" && pwd)
width=${size%x*}
height=${size#*x}

mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)

export COMMONS_APP="$build/src/app/commons"
export COMMONS_BUILD_ROOT="$build"
export GSETTINGS_SCHEMA_DIR="$build/data"
# The network module of this build, for the group the script makes.
export COMMONS_NET_MODULE="$build/src/core/commons-net.so"
export COMMONS_UI_SCREEN="${width}x${height}x24"
export LANG=C.UTF-8

exec "$here/run-ui-test.sh" "$here/screenshots.py" "$outdir" "$width" "$height"
