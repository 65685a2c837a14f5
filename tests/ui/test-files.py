#!/usr/bin/python3
# test-files.py — a .commons file opened from the file manager is imported
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A colleague's plan is exported to a .commons file with commons-cli; the
# file is opened with Commons as a file manager would (`commons FILE`).
# The app imports it, says what happened, and lists the plan; opening the
# same file again changes nothing and says so.

import os
import subprocess
import sys
import tempfile
import time

import pyatspi

from commonsui import Tap, app_binary, find, find_all, find_app, keys, press, stop, text_of, wait_for

tap = Tap(6)
cli = os.environ['COMMONS_CLI']
colleague = tempfile.mkdtemp(prefix='commons-ui-colleague-')
mine = tempfile.mkdtemp(prefix='commons-ui-files-')
bundle = os.path.join(tempfile.mkdtemp(), 'Volcanoes.commons')

plan = subprocess.run([cli, '--data-dir', colleague, 'plan', 'add', '--title', 'Volcanoes up close',
                       '--activity', '15:Watch the eruption video', '--activity', '20:Build a model'],
                      check=True, capture_output=True, text=True).stdout.strip()
subprocess.run([cli, '--data-dir', colleague, 'export', '--output', bundle, plan], check=True)


def launch():
    env = dict(os.environ)
    env['COMMONS_DATA_DIR'] = mine
    env.pop('NO_AT_BRIDGE', None)
    return subprocess.Popen([app_binary(), bundle], env=env, stdout=subprocess.DEVNULL)


def report(app, summary):
    """The import dialog's summary line, once the import is done."""
    def look():
        for node in find_all(app, pyatspi.ROLE_LABEL, visible=False):
            text = node.name or text_of(node)
            if text == summary:
                return text
        return None
    return wait_for(look, timeout=20)


def listed_under(app, group):
    """Whether the plan is listed in the report under GROUP's title."""
    labels = [node.name or text_of(node) for node in find_all(app, pyatspi.ROLE_LABEL, visible=False)]
    return group in labels and 'Volcanoes up close' in labels


proc = launch()
app = find_app(proc.pid)
if app is None:
    tap.bail('the app did not appear on the accessibility bus')
try:
    text = report(app, '1 new')
    tap.ok(text is not None and listed_under(app, 'New'), 'opening the file imports the plan as new', text)
    if os.environ.get('COMMONS_SCREENSHOTS'):
        time.sleep(1)
        subprocess.run(['import', '-window', 'root',
                        os.path.join(os.environ['COMMONS_SCREENSHOTS'], 'import-report.png')])
    close = find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Close', visible=False)
    if close is not None:
        press(close)
    listed = find(app, pyatspi.ROLE_LABEL, name='Volcanoes up close')
    tap.ok(listed is not None, 'the plan is in Lesson Plans')
finally:
    keys('ctrl+q')
    stop(proc)

proc = launch()
app = find_app(proc.pid)
try:
    text = report(app, '1 already here')
    tap.ok(text is not None and listed_under(app, 'Already Here'), 'opening it again changes nothing', text)
finally:
    keys('ctrl+q')
    stop(proc)

# An invite link opened from a mail or a chat opens the Join dialog with
# the server and the code filled in.
env = dict(os.environ, COMMONS_DATA_DIR=mine)
env.pop('NO_AT_BRIDGE', None)
proc = subprocess.Popen([app_binary(), 'commons://join?server=http://127.0.0.1:8780&code=ABCD-EFGH-JKLM'],
                        env=env, stdout=subprocess.DEVNULL)
app = find_app(proc.pid)
try:
    def filled():
        texts = [text_of(n) for n in find_all(app, pyatspi.ROLE_TEXT)]
        return texts if 'http://127.0.0.1:8780' in texts and 'ABCD-EFGH-JKLM' in texts else None
    texts = wait_for(filled, timeout=15)
    tap.ok(texts is not None and find(app, pyatspi.ROLE_FRAME, name='Join a Group', timeout=5) is not None,
           'an invite link opens Join a Group, filled in', texts)
finally:
    proc.terminate()
    stop(proc)

out = subprocess.run([cli, '--data-dir', mine, '--json', 'plan', 'list'], check=True,
                     capture_output=True, text=True).stdout
tap.ok(out.count('Volcanoes up close') == 1, 'the plan is there once', out)
tap.ok(plan in out, 'with the same id as the original', out)
tap.finish()
