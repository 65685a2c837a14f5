#!/usr/bin/python3
# test-screens.py — screens that say how things stand, and offer what helps
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Two groups on a real server on loopback: the server then stops, so one
# group is offline, and the device loses the other group's key. The
# sidebar's Groups row stays one line, with the state as an icon and in
# its accessible description, and no Retry squeezed beside it; the Groups
# page says each sentence, with Retry for the group that is offline and
# Join Again for the group whose key is lost.

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

import pyatspi

from commonsui import (Tap, children_of, click, find, find_all, find_app, start, stop, text_of,
                       wait_for)

tap = Tap(6)
shots = os.environ.get('COMMONS_SCREENSHOTS')
data_dir = tempfile.mkdtemp(prefix='commons-ui-screens-')
server_dir = tempfile.mkdtemp(prefix='commons-ui-screens-server-')
cli = os.environ['COMMONS_CLI']
server = None
proc = None


def shot(name):
    if shots:
        os.makedirs(shots, exist_ok=True)
        subprocess.run(['import', '-window', 'root', os.path.join(shots, name + '.png')], check=False)


def start_server():
    log_path = os.path.join(server_dir, 'server.log')
    log = open(log_path, 'w')
    server_proc = subprocess.Popen([os.environ['COMMONS_SERVER'], '--listen', '127.0.0.1:0',
                                    '--data-dir', server_dir], stdout=log, stderr=subprocess.STDOUT)

    def address():
        with open(log_path) as f:
            match = re.search(r'(http://127\.0\.0\.1:\d+)', f.read())
        return match.group(1) if match else None
    return server_proc, wait_for(address, 10)


def forget_token(group_id):
    """Takes one group's key out of the credentials file, as when a
    keyring is reset: the person's own key stays."""
    path = os.path.join(data_dir, 'credentials')
    with open(path) as f:
        lines = f.readlines()
    with open(path, 'w') as f:
        f.writelines(line for line in lines if not line.startswith(group_id + '='))


def sidebar_row(name):
    sections = find(app, pyatspi.ROLE_LIST_BOX, 'Sections', visible=False, timeout=2) or \
        find(app, pyatspi.ROLE_LIST, 'Sections', visible=False, timeout=2)
    for item in children_of(sections) if sections is not None else []:
        labels = [text_of(n) for n in find_all(item, pyatspi.ROLE_LABEL, visible=False)]
        if name in labels:
            return item
    return None


try:
    server, address = start_server()
    if address is None:
        tap.bail('the server did not start')
    for name in ['Year 5', 'Year 6']:
        subprocess.run([cli, '--data-dir', data_dir, 'group', 'create', '--server', address,
                        '--name', name, '--display-name', 'Ana'], check=True, stdout=subprocess.DEVNULL)
    groups = json.loads(subprocess.run([cli, '--data-dir', data_dir, '--json', 'group', 'list'],
                                       capture_output=True, text=True, check=True).stdout)
    lost = next(g['group']['id'] for g in groups if g['group']['name'] == 'Year 5')
    forget_token(lost)
    server.send_signal(signal.SIGTERM)
    stop(server)
    server = None

    proc = start(data_dir)
    app = find_app(proc.pid)
    if app is None:
        tap.bail('the app did not appear on the accessibility bus')
    find(app, pyatspi.ROLE_LABEL, 'Notes')

    # Each group tries to sync when the window opens, and fails.
    groups_row = wait_for(lambda: sidebar_row('Groups'), 10)
    described = wait_for(lambda: 'Offline' in (groups_row.description or '') and groups_row.description, 20)
    tap.ok(described and 'Year 6' in described and 'Year 5' in described,
           'the sidebar’s Groups row describes how each group stands', groups_row and groups_row.description)
    retry = [n.name for n in find_all(groups_row, pyatspi.ROLE_PUSH_BUTTON, visible=False)]
    tap.ok(not retry, 'the sidebar offers no button squeezed beside the state', retry)
    notes_row = sidebar_row('Notes')
    notes_height = notes_row.queryComponent().getExtents(pyatspi.WINDOW_COORDS).height
    groups_height = groups_row.queryComponent().getExtents(pyatspi.WINDOW_COORDS).height
    tap.ok(groups_height <= notes_height * 1.5,
           'the Groups row is one line, as tall as the others',
           'Groups %d px, Notes %d px' % (groups_height, notes_height))
    shot('screens-sidebar')

    click(find(app, pyatspi.ROLE_LABEL, 'Groups'))
    find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Sync All Groups Now')
    tap.ok(find(app, pyatspi.ROLE_PUSH_BUTTON, 'Join Year 5 Again', timeout=10) is not None and
           find(app, pyatspi.ROLE_PUSH_BUTTON, 'Retry Syncing Year 5', timeout=1) is None,
           'a group whose key is lost offers Join Again, not Retry')
    tap.ok(find(app, pyatspi.ROLE_PUSH_BUTTON, 'Retry Syncing Year 6', timeout=5) is not None,
           'a group that is offline offers Retry')
    tap.ok(find(app, None, contains='no longer has the key', timeout=2) is not None and
           find(app, None, contains='Offline: changes will be sent', timeout=2) is not None,
           'the Groups page says each state in a sentence')
    shot('screens-groups')

    subprocess.run(['gapplication', 'action', 'com.example.Commons', 'quit'], check=False)
    stop(proc)
finally:
    if proc is not None and proc.poll() is None:
        proc.kill()
    if server is not None:
        server.send_signal(signal.SIGTERM)
        stop(server)
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.rmtree(server_dir, ignore_errors=True)

tap.finish()
