#!/usr/bin/python3
# test-a11y-names.py — every control on every screen has a name a person would say
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Walks the accessibility tree of each screen of Commons, with notes,
# plans and a review by others (seed-plans), a note in conflict and a
# group on a real server on loopback, and fails on any control a person
# acts on (button, toggle, check box, combo, entry, menu item, list item)
# whose name is missing, a class name ("GtkImage"), a leaked mnemonic
# ("_Undo"), said twice ("Approve Approve"), or shared with another button
# on show (two "Move Activity Up" that cannot be told apart).

import os
import shutil
import signal
import subprocess
import tempfile
import time

import pyatspi

from commonsui import (INTERACTIVE_ROLES, Tap, app_binary, badly_named, children_of, click, find, find_all, find_app,
                       gtk_at_least, keys, new_window, press, set_text, showing, start, start_server, stop, text_of,
                       wait_for, walk)

tap = Tap(17)
data_dir = tempfile.mkdtemp(prefix='commons-ui-names-')
server_dir = tempfile.mkdtemp(prefix='commons-ui-names-server-')
cli = os.environ['COMMONS_CLI']
server = None
proc = None


def check(root, screen, unique=None):
    problems = badly_named(root, unique) if root is not None else ['the screen did not show']
    return tap.ok(not problems, '%s: every control has a proper name' % screen, '\n'.join(problems))


def window(title):
    return find(app, pyatspi.ROLE_FRAME, name=title, visible=False, timeout=10)


def open_page(name):
    label = find(app, pyatspi.ROLE_LABEL, name=name)
    if label is not None:
        click(label)
    time.sleep(1)


def close(frame):
    button = frame and find(frame, pyatspi.ROLE_PUSH_BUTTON, contains='Close', visible=False, timeout=2)
    if button is not None:
        press(button)
    else:
        keys('Escape')
    time.sleep(0.5)


try:
    subprocess.run([os.environ['COMMONS_SEED_PLANS'], data_dir], check=True)
    server, address = start_server(server_dir, os.path.join(server_dir, 'server.log'))
    if address is None:
        tap.bail('the server did not start')
    subprocess.run([cli, '--data-dir', data_dir, 'group', 'create', '--server', address,
                    '--name', 'Year 5', '--display-name', 'Ana'], check=True, stdout=subprocess.DEVNULL)
    for title in ['Photosynthesis', 'Reading circle']:
        subprocess.run([cli, '--data-dir', data_dir, 'note', 'add', '--title', title, '--body', 'Text'],
                       check=True, stdout=subprocess.DEVNULL)

    proc = start(data_dir)
    app = find_app(proc.pid)
    if app is None:
        tap.bail('the app did not appear on the accessibility bus')
    main = find(app, pyatspi.ROLE_FRAME, 'Commons', visible=False)
    find(app, pyatspi.ROLE_LABEL, 'Photosynthesis')
    time.sleep(1)

    # Notes: the list, a note open, its conflict bar, the Undo toast.
    notes = find(app, pyatspi.ROLE_LIST, 'Notes', visible=False)
    notes.querySelection().selectChild(0)
    find(app, pyatspi.ROLE_TEXT, 'Note text')
    check(main, 'Notes with a note open')
    trip = [i for i in range(notes.childCount) if 'Field trip' in ' '.join(
        text_of(n) for n in find_all(notes.getChildAtIndex(i), pyatspi.ROLE_LABEL, visible=False))]
    if trip:
        notes.querySelection().selectChild(trip[0])
        find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Resolve')
    check(main, 'a note in conflict')

    resolve = find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Resolve', timeout=2)
    if resolve is not None:
        press(resolve)
    conflict = find(app, pyatspi.ROLE_FRAME, 'Edited in Two Places', visible=False, timeout=10)
    time.sleep(1)
    check(conflict, 'the conflict window')
    close(conflict)

    press(find(app, pyatspi.ROLE_PUSH_BUTTON, 'History'))
    history = window('History')
    if history is not None:
        versions = find(history, pyatspi.ROLE_LIST, 'Versions', visible=False)
        if versions is not None and versions.childCount > 0:
            versions.querySelection().selectChild(0)
        time.sleep(0.5)
    check(history, 'a note’s history')
    close(history)

    notes.querySelection().selectChild(0)
    time.sleep(0.5)
    press(find(app, pyatspi.ROLE_PUSH_BUTTON, 'Delete Note', visible=False))
    find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Undo', visible=False, timeout=5)
    check(main, 'the Undo toast')

    # The main menu, the shortcuts, the preferences.
    menu_button = (find(app, pyatspi.ROLE_TOGGLE_BUTTON, 'Main Menu', visible=False, timeout=1) or
                   find(app, pyatspi.ROLE_PUSH_BUTTON, 'Main Menu', visible=False))
    click(menu_button)
    find(app, pyatspi.ROLE_MENU_ITEM, contains='About', visible=False, timeout=5)
    check(main, 'the main menu')
    keys('Escape')
    time.sleep(0.5)

    before = children_of(app)
    keys('ctrl+question')
    shortcuts = new_window(app, before)
    time.sleep(0.5)
    check(shortcuts, 'the keyboard shortcuts')
    keys('Escape')
    time.sleep(0.5)

    subprocess.run(['gapplication', 'action', 'com.example.Commons', 'preferences'], check=False)
    preferences = window('Preferences')
    check(preferences, 'Preferences')
    close(preferences)

    # Lesson Plans: the list with its filters, a colleague's plan with
    # its review, and a plan of one's own being edited.
    open_page('Lesson Plans')
    plan = find(app, pyatspi.ROLE_LABEL, name='Leaves under a lens')
    if plan is not None:
        click(plan)
    find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Remix', visible=False, timeout=5)
    time.sleep(1)
    check(main, 'a colleague’s plan with its review')

    press(find(app, pyatspi.ROLE_PUSH_BUTTON, contains='New Plan'))
    find(app, pyatspi.ROLE_TEXT, name='Plan title')
    for _ in range(2):
        press(find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Add Activity'))
        time.sleep(0.3)
    time.sleep(0.5)
    check(main, 'a plan being edited, with two activities', unique=lambda name: 'Activity' in name)
    # A drop-down is named for what it chooses, not by what it shows.
    controls = [node for node in walk(main) if node.getRole() in INTERACTIVE_ROLES and showing(node)]
    names = {node.name for node in controls}
    tap.ok('Language' in names and 'Not set' not in names,
           'the plan’s language drop-down is named Language, not by its value',
           '\n'.join(sorted('%s %r' % (node.getRoleName(), node.name) for node in controls)))
    press(find(app, None, contains='Done Editing'))

    open_page('Reviews')
    check(main, 'Reviews')

    # Groups, and its dialogs.
    open_page('Groups')
    find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Sync All Groups Now')
    find(app, pyatspi.ROLE_LABEL, contains='Year 5', timeout=5)
    time.sleep(1)
    check(main, 'Groups with a group')

    # An invite link opens Join a Group, the same dialog as Create a
    # Group, on GTK 4.8 and 4.18 alike.
    subprocess.run([app_binary(), 'commons://join?server=https%3A%2F%2Fcommons.example.org&code=ABCD'],
                   env=dict(os.environ, COMMONS_DATA_DIR=data_dir), check=False, timeout=20)
    create = new_window(app, [main])
    time.sleep(0.5)
    check(create, 'Join a Group')
    keys('Escape')
    time.sleep(0.5)

    invite = find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Invite', visible=False, timeout=5)
    if invite is not None:
        press(invite)
    invite_window = find(app, pyatspi.ROLE_FRAME, contains='Invite', visible=False, timeout=10)
    time.sleep(2)
    check(invite_window, 'Invite to a group')
    keys('Escape')
    time.sleep(0.5)

    share = find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Share a Lesson Plan With', visible=False, timeout=5)
    if share is not None:
        press(share)
    share_window = window('Share a Lesson Plan')
    time.sleep(0.5)
    check(share_window, 'Share a Lesson Plan', unique=lambda name: name.startswith('Share'))
    keys('Escape')
    time.sleep(0.5)

    keys('ctrl+q')
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
