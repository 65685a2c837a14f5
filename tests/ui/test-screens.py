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
#
# Then a plan edited in two places (seed-plans): its page says so, and the
# conflict window, at its own size, shows the summary both sides changed
# in a field one can read and edit, and says that the level, which only
# one side changed, was merged by itself; saving the merged text keeps
# that level.
#
# Last, Create a Group: it opens on its first field, explains an address
# without https://, and says why the server refused inline, where no
# toast covers a field.

import json
import os
import shutil
import signal
import subprocess
import tempfile
import time

import pyatspi

from commonsui import (Tap, children_of, click, find, find_all, find_app, keys, new_window, press, set_text, start,
                       start_server, stop, text_of, wait_for, walk)

tap = Tap(14)
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
    server, address = start_server(server_dir, os.path.join(server_dir, 'server.log'))
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

    # 10: a plan in conflict.
    plans_dir = os.path.join(data_dir, 'plans')
    subprocess.run([os.environ['COMMONS_SEED_PLANS'], plans_dir], check=True)
    record = subprocess.run([cli, '--data-dir', plans_dir, 'conflicts', 'list'], capture_output=True,
                            text=True).stdout
    record = next(line.split('\t')[0] for line in record.splitlines() if '\tplan\t' in line)
    proc = start(plans_dir)
    app = find_app(proc.pid)
    click(find(app, pyatspi.ROLE_LABEL, 'Lesson Plans'))
    click(find(app, pyatspi.ROLE_LABEL, 'Mapping the schoolyard'))
    resolve = find(app, pyatspi.ROLE_PUSH_BUTTON, 'Resolve the Conflict', timeout=10)
    tap.ok(resolve is not None and find(app, pyatspi.ROLE_LABEL, contains='changed in two places at once',
                                        timeout=2) is not None,
           'a plan in conflict says so on its page, with Resolve')
    shot('screens-plan-conflict')
    if resolve is not None:
        press(resolve)
    view = find(app, pyatspi.ROLE_FRAME, 'Edited in Two Places', visible=False, timeout=10)
    time.sleep(1)
    fields = view and find_all(view, pyatspi.ROLE_TEXT, visible=False)
    heights = [(n.name, n.queryComponent().getExtents(pyatspi.WINDOW_COORDS).height) for n in fields or []]
    tap.ok(heights and all(h >= 50 and 'Merged' in n for n, h in heights) and
           any('Summary' in n for n, _ in heights),
           'the merged fields can be read at the window’s own size, and say they are merged', heights)
    cards = [text_of(n) for n in find_all(view, pyatspi.ROLE_LABEL, visible=False)] if view else []
    versions = [t for t in cards if 'Learners measure' in t and 'Summary' in t]
    told = [t for t in cards if 'merged' in t.lower() and 'Level' in t]
    tap.ok(len(versions) == 2 and not any('Grade' in t for t in versions) and told,
           'the versions show what both changed; the level one side changed is said to be merged',
           (versions, told))
    shot('screens-conflict-view')
    summary = next((n for n in fields or [] if 'Summary' in n.name), None)
    if summary is not None:
        set_text(summary, 'Learners measure the schoolyard in steps and metres.\nThey draw a map.')
    save = view and find(view, pyatspi.ROLE_PUSH_BUTTON, 'Save Merged Text', visible=False)
    if save is not None:
        press(save)

    def saved():
        out = subprocess.run([cli, '--data-dir', plans_dir, '--json', 'plan', 'show', record],
                             capture_output=True, text=True).stdout
        try:
            plan = json.loads(out)
        except ValueError:
            return None
        plan = plan.get('fields', plan)
        return plan if 'steps and metres' in (plan.get('summary') or '') else None
    plan = wait_for(saved, 10)
    tap.ok(plan is not None and plan.get('level') == 'Grade 6',
           'Save Merged keeps the level only one side changed', plan)
    # 15: Create a Group.
    # This device has no group: the Groups page offers Create a Group.
    click(find(app, pyatspi.ROLE_LABEL, 'Groups'))
    press(find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Create a Group'))
    dialog = new_window(app, [w for w in children_of(app) if w.name == 'Commons'])
    time.sleep(1)

    fields = dialog and [n for n in find_all(dialog, pyatspi.ROLE_TEXT)
                         if n.getState().contains(pyatspi.STATE_EDITABLE)]
    # AdwEntryRow does not report its focus over AT-SPI: what is typed
    # shows where it is.
    keys('c', 'o')
    tap.ok(fields and wait_for(lambda: text_of(fields[0]) == 'co', 5),
           'Create a Group opens with the focus on its first field',
           fields and [(n.name, text_of(n)) for n in fields])
    fields = dialog and [n for n in find_all(dialog, pyatspi.ROLE_TEXT)
                         if n.getState().contains(pyatspi.STATE_EDITABLE)]
    create = dialog and find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Create', visible=False)
    if fields and len(fields) >= 3:
        set_text(fields[0], 'commons.example.org')
        set_text(fields[1], 'Year 7')
        set_text(fields[2], 'Ana')
    time.sleep(0.5)
    tap.ok(create is not None and not create.getState().contains(pyatspi.STATE_SENSITIVE) and
           find(dialog, pyatspi.ROLE_LABEL, contains='https://', timeout=3) is not None,
           'an address without https:// is explained, not only refused')
    if fields:
        # A port nothing listens on.
        set_text(fields[0], 'http://127.0.0.1:9')
    time.sleep(0.5)
    if create is not None:
        press(create)
    said = dialog and find(dialog, pyatspi.ROLE_LABEL, contains='cannot be reached', timeout=15)
    tap.ok(said is not None and find(dialog, pyatspi.ROLE_PUSH_BUTTON, 'Close', visible=False, timeout=1) is None,
           'the server’s refusal is said inline, not in a toast over the fields',
           dialog and [text_of(n) for n in find_all(dialog, pyatspi.ROLE_LABEL, visible=False)])
    shot('screens-create-group-error')
    keys('Escape')
    time.sleep(0.5)
    subprocess.run(['gapplication', 'action', 'com.example.Commons', 'quit'], check=False)
    tap.ok(stop(proc) == 0, 'Commons quits')
finally:
    if proc is not None and proc.poll() is None:
        proc.kill()
    if server is not None:
        server.send_signal(signal.SIGTERM)
        stop(server)
    shutil.rmtree(data_dir, ignore_errors=True)
    shutil.rmtree(server_dir, ignore_errors=True)

tap.finish()
