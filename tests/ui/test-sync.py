#!/usr/bin/python3
# test-sync.py — two people share a group through a real server
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A commons-server on loopback and two app instances with their own data
# folders and session buses (one accessibility bus, so both can be
# driven). A creates a group through the Groups page and makes an invite;
# B joins with the code read from the invite dialog. A plan shared in the
# group (seeded with commons-cli, since the plan editor has no group
# choice yet) reaches B after a sync; the same lines edited on both sides
# make a conflict that B resolves in the conflict view, and after syncing
# both hold the same text. Last, A imports a .commons file and reads the
# report.

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

# pyatspi warns when the second instance's bus connects; that must not be
# fatal to the test itself, only to the apps.
if 'fatal-warnings' in os.environ.get('G_DEBUG', '') and 'COMMONS_APP_G_DEBUG' not in os.environ:
    env = dict(os.environ, COMMONS_APP_G_DEBUG=os.environ['G_DEBUG'])
    env.pop('G_DEBUG')
    os.execve(sys.executable, [sys.executable] + sys.argv, env)

import pyatspi

import hostile
from commonsui import (Tap, app_binary, click, find, find_all, find_app, gtk_at_least, keys, press, screenshot,
                       set_text, sidebar_label, start, start_server, stop, text_of, wait_for)

shots = os.environ.get('COMMONS_SCREENSHOTS')
tap = Tap(19)
work = os.environ.get('COMMONS_UI_WORKDIR') or tempfile.mkdtemp(prefix='commons-ui-sync-')
dir_a = tempfile.mkdtemp(prefix='commons-sync-a-')
dir_b = tempfile.mkdtemp(prefix='commons-sync-b-')
server_dir = tempfile.mkdtemp(prefix='commons-sync-server-')
cli = os.environ.get('COMMONS_CLI', os.path.join('_build-groups', 'src', 'cli', 'commons-cli'))
server_bin = os.environ.get('COMMONS_SERVER', os.path.join('_build-groups', 'src', 'server', 'commons-server'))
env_common = {'COMMONS_CREDENTIALS': 'file', 'G_DEBUG': os.environ.get('COMMONS_APP_G_DEBUG', '')}
procs = []
groups = []


def shot(name):
    if shots:
        os.makedirs(shots, exist_ok=True)
        screenshot(os.path.join(shots, name + '.png'))


def run_cli(data_dir, *args):
    env = dict(os.environ, **env_common)
    out = subprocess.run([cli, '--data-dir', data_dir, '--json'] + list(args), env=env,
                         capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError('commons-cli %s: %s' % (' '.join(args), out.stderr))
    return json.loads(out.stdout) if out.stdout.strip() else None


def a11y_address():
    out = subprocess.run(['dbus-send', '--session', '--print-reply', '--dest=org.a11y.Bus',
                          '/org/a11y/bus', 'org.a11y.Bus.GetAddress'],
                         capture_output=True, text=True)
    match = re.search(r'string "([^"]+)"', out.stdout)
    return match.group(1) if match else None


def start_second(data_dir, env):
    """The second instance gets a session bus of its own, or it would only
    activate the first; it joins the first one's accessibility bus."""
    full = dict(os.environ, COMMONS_DATA_DIR=data_dir, **env)
    full['AT_SPI_BUS_ADDRESS'] = a11y_address() or ''
    conf = os.path.join(work, 'session.conf')
    # A session of its own, so that ending it ends the bus too.
    return subprocess.Popen(['dbus-run-session', '--config-file=' + conf, '--', app_binary()],
                            env=full, stdout=subprocess.DEVNULL, start_new_session=True)


def stop_group(proc):
    """Ends a process started in a session of its own, with its children."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    stop(proc, 10)


def find_app_of(proc):
    """An app by its process, or by the child of dbus-run-session."""
    def look():
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            try:
                if app is None or app.name != 'commons':
                    continue
                pid = app.get_process_id()
                if pid == proc.pid:
                    return app
                with open('/proc/%d/stat' % pid) as stat:
                    parent = int(stat.read().split(')')[1].split()[1])
                if parent == proc.pid:
                    return app
            except Exception:
                continue
        return None
    return wait_for(look, 25)


# Both windows would sit at the top left of a screen with no window
# manager, one over the other; the second one is moved to the right half
# of a wide screen, so that a click lands on the window it is meant for.
offsets = {}


def place_second(app):
    pid = str(app.get_process_id())
    # --all: the window must match both the process and the name.
    subprocess.run(['xdotool', 'search', '--sync', '--all', '--onlyvisible', '--pid', pid,
                    '--name', '.', 'windowmove', '1100', '0'],
                   check=False, capture_output=True, timeout=20)
    offsets[app.get_process_id()] = 1100
    time.sleep(0.5)


def click_in(app, node):
    """Clicks @node in @app's window, wherever that window is."""
    if gtk_at_least(16):
        # No pointer aimed from the tree there (see commonsui.click).
        click(node)
        return
    extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    x = offsets.get(app.get_process_id(), 0) + extents.x + extents.width // 2
    y = extents.y + extents.height // 2
    subprocess.run(['xdotool', 'mousemove', str(x + 1), str(y + 1), 'sleep', '0.1',
                    'mousemove', str(x), str(y), 'sleep', '0.1', 'click', '1'], check=False)


def open_page(app, name):
    label = sidebar_label(app, name)
    if label is not None:
        click_in(app, label)
    return label is not None


def open_groups(app):
    if not open_page(app, 'Groups'):
        return False
    return find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Sync All Groups Now') is not None


def dialog(app, title):
    return find(app, pyatspi.ROLE_FRAME, name=title, timeout=10)


def entries(root):
    found = find_all(root, pyatspi.ROLE_TEXT)
    return [node for node in found if node.getState().contains(pyatspi.STATE_EDITABLE)]


def fill_group_dialog(app, title, values, button):
    window = dialog(app, title)
    if window is None:
        return False
    fields = wait_for(lambda: entries(window) if len(entries(window)) >= len(values) else None, 5)
    if not fields:
        return False
    for node, value in zip(fields, values):
        set_text(node, value)
    time.sleep(0.3)
    go = find(window, pyatspi.ROLE_PUSH_BUTTON, contains=button)
    if go is None:
        return False
    press(go)
    return True


def sync_now(app, group):
    """Presses the group's Sync Now and waits for the sync to end. The
    page is rebuilt when records arrive, so the button is looked up anew
    each time rather than held."""
    name = 'Sync %s Now' % group

    def button():
        return find(app, pyatspi.ROLE_PUSH_BUTTON, contains=name, timeout=1)

    def idle():
        node = button()
        return node if node is not None and node.getState().contains(pyatspi.STATE_SENSITIVE) else None

    # Wait for any sync under way to end, so this one starts fresh.
    node = wait_for(idle, 20)
    if node is None:
        return False
    press(node)
    time.sleep(0.5)
    return wait_for(lambda: idle() and find(app, pyatspi.ROLE_LABEL, contains='Synced', timeout=0.5), 30) is not None


def cleanup():
    for proc in reversed(procs):
        if proc in groups:
            stop_group(proc)
        elif proc.poll() is None:
            proc.terminate()
            stop(proc, 10)
    for path in (dir_a, dir_b, server_dir):
        shutil.rmtree(path, ignore_errors=True)


server_proc, url = start_server(server_dir, os.path.join(server_dir, 'server.log'), server_bin)
procs.append(server_proc)
if url is None:
    tap.bail('commons-server did not start')

proc_a = start(dir_a, env=env_common)
procs.append(proc_a)
app_a = find_app(proc_a.pid)
if app_a is None:
    cleanup()
    tap.bail('the app did not appear on the accessibility bus')

try:
    tap.ok(open_groups(app_a), 'Groups opens from the sidebar')
    shot('sync-groups-empty')

    press(find(app_a, pyatspi.ROLE_PUSH_BUTTON, contains='Create a Group'))
    time.sleep(0.5)
    shot('sync-create-dialog')
    tap.ok(fill_group_dialog(app_a, 'Create a Group', [url, 'Biology', 'Amina'], 'Create'),
           'the create dialog takes a server, a name and a display name')
    invite = find(app_a, pyatspi.ROLE_PUSH_BUTTON, contains='Invite People to Biology', timeout=20)
    tap.ok(invite is not None, 'the new group shows on the Groups page')
    synced = find(app_a, pyatspi.ROLE_LABEL, contains='Synced', timeout=20)
    tap.ok(synced is not None, 'the group says when it last synced')
    shot('sync-groups-page')

    press(invite)
    invite_window = dialog(app_a, 'Invite People')
    link_label = invite_window and find(invite_window, pyatspi.ROLE_LABEL, contains='commons://join', timeout=20)
    link = text_of(link_label) if link_label else ''
    code = None
    for node in find_all(invite_window, pyatspi.ROLE_LABEL) if invite_window else []:
        if re.fullmatch(r'[A-Z0-9]{3,}(-[A-Z0-9]+)+', text_of(node).strip()):
            code = text_of(node).strip()
    tap.ok(bool(code) and link.startswith('commons://join?server=') and link.endswith(code),
           'the invite dialog shows a code and a commons://join link',
           'code %r link %r' % (code, link))
    shot('sync-invite-dialog')
    close = invite_window and find(invite_window, pyatspi.ROLE_PUSH_BUTTON, name='Close')
    if close is not None:
        press(close)

    proc_b = start_second(dir_b, env_common)
    procs.append(proc_b)
    groups.append(proc_b)
    app_b = find_app_of(proc_b)
    if app_b is not None:
        place_second(app_b)
    tap.ok(app_b is not None and open_groups(app_b), 'a second instance runs beside the first')
    if app_b is None:
        raise RuntimeError('no second instance')
    press(find(app_b, pyatspi.ROLE_PUSH_BUTTON, contains='Join a Group'))
    time.sleep(0.5)
    fill_group_dialog(app_b, 'Join a Group', [url, code or '', 'Bruno'], 'Join')
    joined = find(app_b, pyatspi.ROLE_PUSH_BUTTON, contains='Sync Biology Now', timeout=20)
    tap.ok(joined is not None, 'the second person joins with the code',
           [n.name for n in find_all(app_b, pyatspi.ROLE_PUSH_BUTTON, visible=False)])
    shot('sync-joined')

    # Reviews is open once before the plan comes, so it must follow the sync.
    open_page(app_b, 'Reviews')
    find(app_b, None, contains='To Review', timeout=5)
    open_groups(app_b)

    # A plan shared in the group on A's device.
    group_id = run_cli(dir_a, 'group', 'list')[0]['group']['id']
    plan = run_cli(dir_a, 'plan', 'add', '--title', 'Fractions With Paper',
                   '--summary', 'Fold a sheet of paper.', '--group', group_id)
    plan_id = plan['id'] if isinstance(plan, dict) and 'id' in plan else plan['plan']['id']
    ok_a = sync_now(app_a, 'Biology')
    ok_b = sync_now(app_b, 'Biology')
    open_page(app_b, 'Lesson Plans')
    arrived = find(app_b, None, contains='Fractions With Paper', timeout=15)
    tap.ok(ok_a and ok_b and arrived is not None, 'a plan made in A appears in B after syncing',
           'synced A %s, B %s, listed %s' % (ok_a, ok_b, arrived is not None))
    # Its history names the member who made it.
    authors = []
    if arrived is not None:
        click_in(app_b, arrived)
        history_button = find(app_b, None, contains='Plan History', timeout=5)
        if history_button is not None:
            press(history_button)
        history = find(app_b, pyatspi.ROLE_FRAME, 'History', visible=False)
        if history is not None:
            authors = wait_for(lambda: [n.name for n in find_all(history, pyatspi.ROLE_LABEL, visible=False)
                                        if ' · ' in (n.name or '')], timeout=10) or []
            shot('sync-history-names')
            close = find(history, pyatspi.ROLE_PUSH_BUTTON, name='Close', visible=False, timeout=2)
            if close is not None:
                press(close)
            else:
                keys('Escape')
    tap.ok(authors and all(a.startswith('Amina · ') for a in authors),
           'the history of a shared plan names the member who made each version', authors)
    open_page(app_b, 'Reviews')
    waiting_list = find(app_b, pyatspi.ROLE_LIST, name='Plans waiting for your review', visible=False)
    waiting = waiting_list and wait_for(
        lambda: find(waiting_list, pyatspi.ROLE_LABEL, contains='Fractions With Paper', visible=False, timeout=1),
        timeout=10)
    tap.ok(waiting is not None, 'Reviews, open before the sync, lists the plan that came in')
    shot('sync-reviews-waiting')
    open_groups(app_b)

    # A plan of A's library, shared from the Groups page's dialog: the
    # group gets a copy, and the button says it is done.
    run_cli(dir_a, 'plan', 'add', '--title', 'Leaves on Paper', '--summary', 'Trace a leaf.')
    press(find(app_a, pyatspi.ROLE_PUSH_BUTTON, contains='Share a Lesson Plan With Biology', visible=False))
    share_window = dialog(app_a, 'Share a Lesson Plan')
    share = share_window and find(share_window, pyatspi.ROLE_PUSH_BUTTON, name='Share “Leaves on Paper”',
                                  visible=False, timeout=5)
    if share is not None:
        press(share)
    done = share_window and find(share_window, pyatspi.ROLE_PUSH_BUTTON, name='Shared', visible=False, timeout=5)
    shot('sync-share-dialog')
    done_off = done is not None and not done.getState().contains(pyatspi.STATE_SENSITIVE)
    if share_window is not None:
        keys('Escape')
    sync_now(app_a, 'Biology')
    sync_now(app_b, 'Biology')
    open_page(app_b, 'Lesson Plans')
    copy = find(app_b, None, contains='Leaves on Paper', timeout=15)
    tap.ok(share is not None and done_off and copy is not None,
           'a plan shared from the dialog is marked shared there and reaches the other member',
           'button %s, marked %s, arrived %s' % (share is not None, done_off, copy is not None))
    open_groups(app_b)

    # The same line changed on both devices.
    run_cli(dir_a, 'plan', 'edit', plan_id, '--summary', 'Cut the paper into halves.')
    run_cli(dir_b, 'plan', 'edit', plan_id, '--summary', 'Fold the paper into thirds.')
    sync_now(app_a, 'Biology')
    sync_now(app_b, 'Biology')
    sync_now(app_a, 'Biology')
    resolve = find(app_b, pyatspi.ROLE_PUSH_BUTTON, contains='Resolve “Fractions With Paper”', timeout=15)
    tap.ok(resolve is not None, 'the conflict shows on the Groups page',
           [n.name for n in find_all(app_b, pyatspi.ROLE_PUSH_BUTTON)])
    shot('sync-conflict-listed')
    if resolve is not None:
        press(resolve)
    view = dialog(app_b, 'Edited in Two Places')
    versions = view and find_all(view, pyatspi.ROLE_PUSH_BUTTON, contains='Keep ')
    names = sorted(node.name for node in versions or [])
    tap.ok(len(names) == 2 and any('Keep the Version by Amina' in n for n in names) and
           any('Keep Your Version' in n for n in names),
           'the conflict view shows both versions and who made them', names)
    shot('sync-conflict-view')
    keep = view and find(view, pyatspi.ROLE_PUSH_BUTTON, contains='Keep the Version by Amina')
    if keep is not None:
        press(keep)
    time.sleep(1)
    sync_now(app_b, 'Biology')
    sync_now(app_a, 'Biology')
    show_a = run_cli(dir_a, 'plan', 'show', plan_id)
    show_b = run_cli(dir_b, 'plan', 'show', plan_id)
    summary_a = json.dumps(show_a, sort_keys=True)
    tap.ok('Cut the paper into halves.' in summary_a and
           json.dumps(show_a.get('fields', show_a), sort_keys=True) ==
           json.dumps(show_b.get('fields', show_b), sort_keys=True),
           'after the resolution both hold the same text', (show_a, show_b))
    tap.ok(find(app_a, pyatspi.ROLE_PUSH_BUTTON, contains='Resolve', timeout=3) is None,
           'the conflict is settled on the other device too')

    # A change no honest Commons writes (a plan whose title is a number),
    # pushed in Bruno's name with his own key: the server relays it, A keeps
    # it aside, says so on the Groups page, and goes on syncing.
    pushed = hostile.push_unreadable_plan(url, dir_b, group_id)
    ok_kept = sync_now(app_a, 'Biology')
    kept = find(app_a, pyatspi.ROLE_LABEL, contains='could not be read', timeout=15)
    tap.ok(pushed.get('status') == 'stored' and ok_kept and kept is not None and
           'Bruno' in text_of(kept),
           'a change that cannot be read is kept aside and named on the Groups page',
           (pushed, ok_kept, kept is not None and text_of(kept)))
    shot('sync-kept-aside')

    # An import report.
    bundle = os.path.join(work, 'plans.commons')
    subprocess.run([cli, '--data-dir', dir_a, 'export', '--output', bundle, plan_id],
                   env=dict(os.environ, **env_common), capture_output=True)
    opener = subprocess.Popen([app_binary(), bundle],
                              env=dict(os.environ, COMMONS_DATA_DIR=dir_a, **env_common))
    report = find(app_a, pyatspi.ROLE_LABEL, name='Import Finished', timeout=20)
    here = find(app_a, pyatspi.ROLE_LABEL, name='Already Here', timeout=5)
    tap.ok(report is not None and here is not None, 'importing a file says what happened')
    shot('sync-import-report')
    stop(opener, 5)
    import_window = dialog(app_a, 'Import')
    close = import_window and find(import_window, pyatspi.ROLE_PUSH_BUTTON, contains='Close')
    if close is not None:
        press(close)

    # Narrow, then right to left.
    subprocess.run(['xdotool', 'search', '--all', '--onlyvisible', '--pid', str(proc_a.pid), '--name', '.', 'windowsize', '360', '700'],
                   check=False)
    time.sleep(1.5)
    shot('sync-groups-360')
    proc_a.terminate()
    stop(proc_a)
    stop_group(proc_b)
    proc_r = start(dir_a, env=dict(env_common, COMMONS_FORCE_RTL='1'))
    procs.append(proc_r)
    app_r = find_app(proc_r.pid)
    tap.ok(app_r is not None and open_groups(app_r), 'the Groups page opens right to left')
    time.sleep(1)
    shot('sync-groups-rtl')
    tap.ok(find(app_r, pyatspi.ROLE_PUSH_BUTTON, contains='Leave Biology') is not None,
           'the group is still there after a restart')
finally:
    cleanup()

tap.finish()
