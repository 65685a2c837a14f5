#!/usr/bin/python3
# test-badges.py — a member's profile, a badge, and a printed certificate
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Three people in a group on a real commons-server on loopback: Ana
# organizes, Ben shares a plan, Cleo approves it, each on a replica of
# their own (commons-cli). Ana's app opens Ben's profile from the Groups
# page's member list, shows the badge the approval earned him, and prints
# his certificate through GTK's print dialog to a PDF, whose text
# pdftotext reads back.

import json
import os
import shutil
import subprocess
import tempfile
import time

import pyatspi

from commonsui import (Tap, click, find, find_all, find_app, keys, press, sidebar_label, start, start_server, stop,
                       wait_for)

tap = Tap(7)
work = os.environ.get('COMMONS_UI_WORKDIR') or tempfile.mkdtemp(prefix='commons-ui-badges-')
root = tempfile.mkdtemp(prefix='commons-ui-badges-')
cli = os.environ['COMMONS_CLI']
server_bin = os.environ.get('COMMONS_SERVER')
dirs = {who: os.path.join(root, who) for who in ('ana', 'ben', 'cleo')}
documents = os.path.join(root, 'Documents')
config = os.path.join(root, 'config')
env_common = {'COMMONS_CREDENTIALS': 'file'}


def run_cli(who, *args):
    env = dict(os.environ, **env_common)
    out = subprocess.run([cli, '--data-dir', dirs[who], '--json'] + list(args), env=env,
                         capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError('commons-cli %s: %s' % (' '.join(args), out.stderr))
    return json.loads(out.stdout) if out.stdout.strip() else None


if server_bin is None or shutil.which('pdftotext') is None:
    for i in range(6):
        tap.skip('badges', 'needs commons-server and pdftotext')
    tap.finish()

server, url = start_server(os.path.join(root, 'server'), os.path.join(root, 'server.log'), server_bin)
proc = None
try:
    gid = run_cli('ana', 'group', 'create', '--server', url, '--name', 'Year 6',
                  '--display-name', 'Ana')['group']['id']
    for name in ('Ben', 'Cleo'):
        code = run_cli('ana', 'group', 'invite', gid)['code']
        run_cli(name.lower(), 'group', 'join', '--server', url, '--code', code, '--display-name', name)
    run_cli('ana', 'group', 'rule', gid, '--approvals', '1', '--badges', 'on')
    run_cli('ana', 'sync')
    local = run_cli('ben', 'plan', 'add', '--title', 'Fractions with pizza', '--language', 'en')
    plan = run_cli('ben', 'plan', 'share', local['id'], '--group', gid)['id']
    run_cli('ben', 'sync')
    run_cli('cleo', 'sync')
    run_cli('cleo', 'review', 'add', '--plan', plan, '--verdict', 'approve')
    run_cli('cleo', 'sync')
    run_cli('ana', 'sync')

    # The certificate is offered as a PDF in the Documents folder.
    os.makedirs(documents)
    os.makedirs(config)
    with open(os.path.join(config, 'user-dirs.dirs'), 'w') as f:
        f.write('XDG_DOCUMENTS_DIR="%s"\n' % documents)

    proc = start(dirs['ana'], env=dict(env_common, XDG_CONFIG_HOME=config))
    app = find_app(proc.pid)
    if app is None:
        tap.bail('the app did not appear on the accessibility bus')

    label = sidebar_label(app, 'Groups', 15)
    if label is not None:
        click(label)
    # The member list is folded in its expander row until opened; GTK 4.16
    # and later leave what it folds out of the accessibility tree, so it is
    # opened first (by its row's action where a click would miss).
    members = find(app, pyatspi.ROLE_LABEL, name='Members', timeout=30)
    if members is not None:
        click(members)
    profile_button = find(app, pyatspi.ROLE_PUSH_BUTTON, name='Profile of Ben', visible=False, timeout=15)
    if profile_button is None and members is not None:
        row = members
        for _ in range(6):
            row = row.parent
            if row is None or row.getRole() in (pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_PUSH_BUTTON,
                                                pyatspi.ROLE_TOGGLE_BUTTON):
                break
        if row is not None:
            try:
                press(row)
            except Exception:
                pass
        profile_button = find(app, pyatspi.ROLE_PUSH_BUTTON, name='Profile of Ben', visible=False, timeout=15)
    tap.ok(profile_button is not None, 'the member list offers Ben’s profile')
    if profile_button is None:
        tap.bail('no profile button')
    press(profile_button)

    window = find(app, pyatspi.ROLE_FRAME, name='Ben’s Profile', timeout=15)
    tap.ok(window is not None, 'Ben’s profile opens',
           [w.name for w in find_all(app, pyatspi.ROLE_FRAME, visible=False)])
    badge = find(window, None, name='Plan approved', visible=False, timeout=15) if window else None
    tap.ok(badge is not None, 'the profile shows the badge the approval earned')
    first = find(window, None, name='First plan shared', visible=False, timeout=5) if window else None
    tap.ok(first is not None, 'and the badge for his first plan')

    printing = find(window, pyatspi.ROLE_PUSH_BUTTON, contains='Print Certificate', timeout=10) if window else None
    if printing is not None:
        press(printing)
    dialog = find(app, pyatspi.ROLE_DIALOG, timeout=15) or find(app, pyatspi.ROLE_FRAME, name='Print', timeout=5)

    def print_button():
        # GTK 4.8 names the dialog's buttons after their mnemonic and
        # their label both (“_Print Print”); newer ones by the label.
        for node in find_all(dialog, pyatspi.ROLE_PUSH_BUTTON):
            if (node.name or '').replace('_', '').split()[-1:] == ['Print']:
                return node
        return None
    go = wait_for(print_button, 15) if dialog else None
    if go is not None:
        # The dialog lists its printers as it finds them; “Print to File”,
        # chosen already, is ready at once.
        time.sleep(1)
        press(go)
    pdf = os.path.join(documents, 'Certificate for Ben.pdf')
    made = wait_for(lambda: os.path.exists(pdf) and os.path.getsize(pdf) > 0 and pdf, 30)
    tap.ok(made is not None, 'the certificate is printed to a PDF file', os.listdir(documents))
    text = ''
    if made:
        time.sleep(1)
        text = subprocess.run(['pdftotext', pdf, '-'], capture_output=True, text=True).stdout
    words = ' '.join(text.split())
    tap.ok(all(part in words for part in ('Certificate of Recognition', 'Ben', 'Year 6',
                                          'Plan approved', 'First plan shared', 'Plans shared: 1')),
           'the certificate names the member, the group and the badges', words)

    # Ana organizes the group: the Groups page lets her turn badges off,
    # and the rule is written at once, as her replica tells.
    if window is not None:
        keys('Escape')
    toggle = find(app, None, name='Badges in Year 6', visible=False, timeout=10)
    if toggle is not None:
        try:
            press(toggle)
        except Exception:
            click(toggle)

    def badges_off():
        rule = run_cli('ana', 'group', 'rule', 'Year 6')
        return rule is not None and rule.get('badges') is False
    tap.ok(toggle is not None and wait_for(badges_off, 10),
           'the organizer turns badges off from the Groups page',
           toggle and toggle.getRole())
finally:
    if proc is not None:
        keys('ctrl+q')
        stop(proc)
    server.kill()
    server.wait()
    shutil.rmtree(root, ignore_errors=True)
tap.finish()
