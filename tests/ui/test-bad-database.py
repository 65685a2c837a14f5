#!/usr/bin/python3
# test-bad-database.py — a file that is not a database is never overwritten
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Puts something that is not SQLite where Commons keeps its notes, starts
# the app, and checks that it says so in a dialog and leaves every byte of
# the file alone.

import os
import shutil
import tempfile

import pyatspi

from commonsui import Tap, find, find_app, press, start, stop, text_of, wait_for

tap = Tap(5)
data_dir = tempfile.mkdtemp(prefix='commons-ui-bad-')
db_path = os.path.join(data_dir, 'commons.db')
content = ('These are my notes, written in a text editor.\n' * 200).encode('utf-8')

try:
    with open(db_path, 'wb') as f:
        f.write(content)

    proc = start(data_dir)
    app = find_app(proc.pid)
    if app is None:
        tap.bail('the app did not appear on the accessibility bus')

    message = find(app, pyatspi.ROLE_LABEL, contains='is not a Commons database', visible=False)
    tap.ok(message is not None, 'a dialog says the file is not a Commons database')
    tap.ok(message is not None and db_path in (text_of(message) or message.name),
           'the dialog names the file', message and text_of(message))

    quit_button = find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Quit', visible=False)
    tap.ok(quit_button is not None, 'the dialog has a Quit button')
    if quit_button is not None:
        press(quit_button)
    status = stop(proc)
    tap.ok(status is not None, 'dismissing the dialog ends the app', 'exit status %r' % status)

    with open(db_path, 'rb') as f:
        after = f.read()
    tap.ok(after == content and sorted(os.listdir(data_dir)) == ['commons.db'],
           'the file is byte for byte unchanged and nothing was added beside it',
           os.listdir(data_dir))
finally:
    shutil.rmtree(data_dir, ignore_errors=True)

tap.finish()
