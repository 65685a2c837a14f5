#!/usr/bin/python3
# test-discussion.py — two members talk about a plan and answer a question
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A commons-server on loopback, a group made with commons-cli, and two
# members: Ana, driven through the app's accessibility tree, and Ben, who
# writes through the core (discuss) and syncs with commons-cli. Ana shares
# a plan; Ben comments on it. When the app starts, its first sync brings
# Ben's comment and a notification of it, which a stand-in notification
# server writes down; activating the action that notification carries
# opens the plan on its comments, Ben's marked new. Ana comments, replies
# to Ben and changes her reply. Then she asks the group a question on the
# Questions page; Ben answers it and replies to her comment, the next sync
# notifies her, and the notification's action opens the question, where
# she votes the answer up and accepts it. She deletes her comment:
# "Comment deleted" stays where it was, above Ben's reply. She turns
# notifications off in Preferences, and Ben's next comment arrives
# without one. Last she answers her question from the keyboard, changes
# that answer (Ben's has no button to) and her question, and deletes a
# question nobody answered.

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import pyatspi

from commonsui import (Tap, click, contains_text, find, find_all, find_app, keys, press, screenshot, set_text, start, stop, text_of,
                       wait_for)

shots = os.environ.get('COMMONS_SCREENSHOTS')
tap = Tap(32)
here = os.path.dirname(os.path.abspath(__file__))
work = tempfile.mkdtemp(prefix='commons-ui-discussion-')
dir_a = os.path.join(work, 'ana')
dir_b = os.path.join(work, 'ben')
server_dir = os.path.join(work, 'server')
notifications = os.path.join(work, 'notifications.log')
cli = os.environ['COMMONS_CLI']
discuss = os.environ['COMMONS_DISCUSS']
server_bin = os.environ['COMMONS_SERVER']
env_common = {'COMMONS_CREDENTIALS': 'file'}
procs = []
QUESTION = 'How long does the warm-up take? <i>5 min</i> & more'
for path in (dir_a, dir_b, server_dir):
    os.makedirs(path)


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


def as_ben(*args):
    env = dict(os.environ, **env_common)
    out = subprocess.run([discuss, dir_b] + list(args), env=env, capture_output=True, text=True, timeout=60)
    if out.returncode != 0:
        raise RuntimeError('discuss %s: %s' % (' '.join(args), out.stderr))
    return out.stdout.strip()


def start_server():
    log_path = os.path.join(server_dir, 'server.log')
    log = open(log_path, 'w')
    proc = subprocess.Popen([server_bin, '--listen', '127.0.0.1:0', '--data-dir', server_dir],
                            stdout=log, stderr=subprocess.STDOUT, text=True)
    procs.append(proc)

    def address():
        with open(log_path) as f:
            match = re.search(r'(http://127\.0\.0\.1:\d+)', f.read())
        return match.group(1) if match else None
    return wait_for(address, 10)


def start_notification_server():
    proc = subprocess.Popen([sys.executable, os.path.join(here, 'fake-notifications.py'), notifications],
                            stdout=subprocess.PIPE, text=True)
    procs.append(proc)
    return proc.stdout.readline().strip() == 'ready'


def notified(kind):
    """The first notification whose action targets a @kind, if any."""
    try:
        with open(notifications) as log:
            for line in log:
                note = json.loads(line)
                if note.get('target') and note['target'][0] == kind:
                    return note
    except (OSError, ValueError):
        return None
    return None


def activate(note):
    """Does what clicking @note does: its action, with its target."""
    action = note['action'].split('.', 1)[1]
    target = "('%s', '%s')" % tuple(note['target'])
    subprocess.run(['gapplication', 'action', 'com.example.Commons', action, target], check=False)


def sidebar_label(app, name):
    def in_row(node):
        for _ in range(5):
            node = node.parent
            if node is None:
                return False
            if node.getRole() == pyatspi.ROLE_LIST_ITEM:
                return True
        return False

    def look():
        for node in find_all(app, pyatspi.ROLE_LABEL):
            if node.name == name and in_row(node):
                return node
        return None
    return wait_for(look, 10)


def open_page(app, name):
    label = sidebar_label(app, name)
    if label is not None:
        click(label)
    return label is not None


def sync_now(app, group):
    name = 'Sync %s Now' % group

    def idle():
        node = find(app, pyatspi.ROLE_PUSH_BUTTON, contains=name, timeout=1)
        return node if node is not None and node.getState().contains(pyatspi.STATE_SENSITIVE) else None

    node = wait_for(idle, 20)
    if node is None:
        return False
    press(node)
    time.sleep(0.5)
    return wait_for(lambda: idle() and find(app, pyatspi.ROLE_LABEL, contains='Synced', timeout=0.5), 30) is not None


def window_named(app, title):
    """A window of the app's by its title. GTK 4.8 calls a modal window a
    frame or, before it is shown in full, a filler."""
    def look():
        for node in find_all(app, visible=False):
            try:
                if node.name == title and node.getRole() in (pyatspi.ROLE_FRAME, pyatspi.ROLE_FILLER,
                                                             pyatspi.ROLE_DIALOG):
                    return node
            except Exception:
                continue
        return None
    return wait_for(look, 10)


def write_in_editor(app, title, text, button, with_keys=False):
    """Types @text in the comment editor called @title and sends it with
    @button, or with Ctrl+Enter."""
    window = window_named(app, title)
    field = window and find(window, pyatspi.ROLE_TEXT, name='Comment', visible=False)
    if field is None:
        return False
    set_text(field, text)
    time.sleep(0.3)
    if with_keys:
        click(field)
        time.sleep(0.3)
        keys('ctrl+Return')
    else:
        send = find(window, pyatspi.ROLE_PUSH_BUTTON, name=button, visible=False)
        if send is None:
            return False
        press(send)
    return wait_for(lambda: not window.getState().contains(pyatspi.STATE_VISIBLE) or window.parent is None,
                    10) is not None


def cleanup():
    for proc in reversed(procs):
        if proc.poll() is None:
            proc.terminate()
            stop(proc, 10)
    shutil.rmtree(work, ignore_errors=True)


url = start_server()
if url is None or not start_notification_server():
    cleanup()
    tap.bail('the server or the stand-in notification server did not start')

try:
    # The group, the plan and Ben's comment, before the app starts.
    group = run_cli(dir_a, 'group', 'create', '--server', url, '--name', 'Year 5', '--display-name', 'Ana')['group']['id']
    code = run_cli(dir_a, 'group', 'invite', 'Year 5')['code']
    run_cli(dir_b, 'group', 'join', '--server', url, '--code', code, '--display-name', 'Ben')
    private = run_cli(dir_a, 'plan', 'add', '--title', 'Fractions with pizza', '--activity', '10:Warm-up')
    shared = run_cli(dir_a, 'plan', 'share', private['id'], '--group', 'Year 5')
    plan = shared['id']
    run_cli(dir_a, 'sync')
    run_cli(dir_b, 'sync')
    as_ben('comment', plan, 'With 40 pupils <b>the</b> pizza & slices took twice as long.')
    run_cli(dir_b, 'sync')

    proc = start(dir_a, env=env_common)
    procs.append(proc)
    app = find_app(proc.pid)
    if app is None:
        tap.bail('the app did not appear on the accessibility bus')

    note = wait_for(lambda: notified('plan'), 30)
    tap.ok(note is not None and note['target'][1] == plan and 'Fractions with pizza' in (note['title'] or '')
           and note['action'] == 'app.show-item',
           'the first sync notifies Ana of Ben’s comment on her plan', note)

    if note is not None:
        activate(note)
    ben = find(app, pyatspi.ROLE_LABEL, contains='took twice as long', timeout=15)
    tap.ok(ben is not None, 'the notification’s action opens the plan on its comments')
    tap.ok(find(app, pyatspi.ROLE_LABEL, name='New', timeout=5) is not None,
           'Ben’s comment is marked new')
    about = find(app, pyatspi.ROLE_LABEL, contains='about the version of', timeout=5)
    tap.ok(about is not None, 'a comment says which version of the plan it is about')
    shot('discussion-comments')

    press(find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Add Comment'))
    tap.ok(write_in_editor(app, 'Comment on the Plan', 'Try groups of four.', 'Comment on the Plan'),
           'Ana writes a comment in the editor')
    mine = find(app, pyatspi.ROLE_LABEL, name='Try groups of four.', timeout=10)
    tap.ok(mine is not None, 'her comment shows under the plan')

    reply = find(app, pyatspi.ROLE_PUSH_BUTTON, name='Reply to Ben', timeout=5)
    tap.ok(reply is not None, 'Ben’s comment can be replied to, by name')
    if reply is not None:
        press(reply)
    tap.ok(write_in_editor(app, 'Reply', 'Thank you, I will time it.', 'Reply'), 'Ana writes a reply')
    tap.ok(find(app, pyatspi.ROLE_LABEL, name='Thank you, I will time it.', timeout=10) is not None,
           'the reply shows under the comment')
    tap.ok(find(app, pyatspi.ROLE_LABEL, contains='2 comments', timeout=5) is None and
           find(app, pyatspi.ROLE_LABEL, contains='3 comments', timeout=5) is not None,
           'the conversation counts three comments')
    shot('discussion-reply')

    edit = find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Edit Your Comment “Thank you', timeout=5)
    if edit is not None:
        press(edit)
    tap.ok(write_in_editor(app, 'Edit Comment', 'Thank you, I will time it with 40.', 'Edit Comment', True) and
           find(app, pyatspi.ROLE_LABEL, name='Thank you, I will time it with 40.', timeout=10) is not None and
           find(app, pyatspi.ROLE_LABEL, contains='· edited', timeout=5) is not None,
           'Ana changes her reply and saves it with Ctrl+Enter; it then says it was edited')

    deletes = find_all(app, pyatspi.ROLE_PUSH_BUTTON, contains='Delete Your Comment')
    tap.ok(len(deletes) == 2, 'Ana may delete her two comments, not Ben’s', len(deletes))

    # The Questions page: ask the group.
    tap.ok(open_page(app, 'Questions'), 'Questions opens from the sidebar')
    shot('discussion-questions-empty')
    press(find(app, pyatspi.ROLE_PUSH_BUTTON, name='Ask a Question'))
    ask = window_named(app, 'Ask a Question')
    # Text that looks like markup is shown as it was typed, everywhere.
    set_text(find(ask, pyatspi.ROLE_TEXT, name='Question title', visible=False), QUESTION)
    set_text(find(ask, pyatspi.ROLE_TEXT, name='Question details', visible=False), 'For a class of 30.')
    time.sleep(0.3)
    shot('discussion-ask')
    press(find(ask, pyatspi.ROLE_PUSH_BUTTON, name='Ask the Question', visible=False))
    title = find(app, pyatspi.ROLE_LABEL, name=QUESTION, timeout=10)
    tap.ok(title is not None, 'the question is asked and opened')
    shot('discussion-question')

    # Ben answers once the question has reached him.
    question = None
    for _ in range(20):
        open_page(app, 'Groups')
        sync_now(app, 'Year 5')
        run_cli(dir_b, 'sync')
        ids = as_ben('questions', group).split()
        if ids:
            question = ids[0]
            break
        time.sleep(1)
    shot('discussion-groups')
    tap.ok(question is not None, 'the question reaches Ben by sync')
    answer = as_ben('answer', question, 'Ten minutes, with a timer on the board.') if question else None
    as_ben('reply', plan, 'Try groups of four.', 'Groups of four worked for me too.')
    run_cli(dir_b, 'sync')
    sync_now(app, 'Year 5')
    note = wait_for(lambda: notified('question'), 30)
    tap.ok(note is not None and note['target'][1] == question,
           'the sync notifies Ana of Ben’s answer to her question', note)
    if note is not None:
        activate(note)
    tap.ok(find(app, pyatspi.ROLE_LABEL, name='Ten minutes, with a timer on the board.', timeout=15) is not None,
           'the notification’s action opens the question with the answer')

    up = find(app, pyatspi.ROLE_PUSH_BUTTON, name='Vote Up the Answer by Ben', timeout=5)
    if up is not None:
        press(up)
    tap.ok(find(app, pyatspi.ROLE_PUSH_BUTTON, name='Withdraw Your Vote Up for the Answer by Ben',
                timeout=10) is not None and find(app, None, contains=', 1 vote: Ten minutes', timeout=5) is not None,
           'Ana votes the answer up: its score is 1, and the vote can be taken back')

    accept = find(app, pyatspi.ROLE_PUSH_BUTTON, name='Accept the Answer by Ben', timeout=5)
    if accept is not None:
        press(accept)
    tap.ok(find(app, pyatspi.ROLE_LABEL, name='Accepted answer', timeout=10) is not None,
           'Ana accepts the answer')
    shot('discussion-answer')

    search = find(app, pyatspi.ROLE_ENTRY, name='Search questions and answers', visible=False)
    if search is not None:
        set_text(search, 'time')
    tap.ok(find(app, pyatspi.ROLE_LABEL, contains='Answer: Ten minutes, with a timer', timeout=10) is not None,
           'searching finds the answer by the start of a word, and says it is an answer')
    shot('discussion-search')
    if search is not None:
        set_text(search, '')

    # Ben's reply came with the same sync; Ana deletes the comment it is under.
    activate(notified('plan'))
    delete = None
    if find(app, pyatspi.ROLE_LABEL, name='Groups of four worked for me too.', timeout=15) is not None:
        delete = find(app, pyatspi.ROLE_PUSH_BUTTON, contains='Delete Your Comment “Try groups of four', timeout=5)
    if delete is not None:
        press(delete)
        # The confirmation's button; libadwaita 1.2 names it with its mnemonic.
        confirm = wait_for(lambda: next((n for n in find_all(app, pyatspi.ROLE_PUSH_BUTTON, visible=False)
                                         if n.name in ('Delete', '_Delete', '_Delete Delete')), None), 10)
        if confirm is not None:
            press(confirm)
    tap.ok(find(app, pyatspi.ROLE_LABEL, name='Comment deleted', timeout=10) is not None and
           find(app, pyatspi.ROLE_LABEL, name='Try groups of four.', timeout=2) is None,
           'Ana’s deleted comment leaves “Comment deleted” where it has a reply')
    tap.ok(find(app, pyatspi.ROLE_LABEL, name='Groups of four worked for me too.', timeout=5) is not None,
           'Ben’s reply stays under it')
    if shots:
        # Scrolled down to the conversation, which starts below the plan.
        subprocess.run(['xdotool', 'mousemove', '700', '400'] + ['click', '5'] * 10, check=False)
        time.sleep(0.5)
    shot('discussion-deleted')

    # Notifications switched off in Preferences: the next comment is
    # stored, and nothing is said of it.
    subprocess.run(['gapplication', 'action', 'com.example.Commons', 'preferences'], check=False)
    preferences = window_named(app, 'Preferences')
    # GTK 4.8 calls a switch a check box and names it after its row too.
    switch = preferences and wait_for(lambda: next(
        (n for n in find_all(preferences, visible=False)
         if n.getRole() in (pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX)
         and (contains_text(n, 'Notify about answers') or contains_text(n, 'Answers and Comments'))), None), 10)
    if switch is not None:
        press(switch)
        time.sleep(0.5)
    tap.ok(switch is not None and not switch.getState().contains(pyatspi.STATE_CHECKED),
           'Preferences has a switch that turns the notifications off')
    close = preferences and find(preferences, pyatspi.ROLE_PUSH_BUTTON, name='Close', visible=False)
    if close is not None:
        press(close)
    with open(notifications) as log:
        before = len(log.readlines())
    as_ben('comment', plan, 'One more idea: paper plates.')
    run_cli(dir_b, 'sync')
    open_page(app, 'Groups')
    sync_now(app, 'Year 5')
    # A row's subtitle is part of the row's accessible description.
    tap.ok(find(app, None, contains='1 new comment', visible=False, timeout=10) is not None,
           'the Groups page counts the comment Ana has not read yet')
    shot('discussion-groups-new')

    activate({'action': 'app.show-item', 'target': ['plan', plan]})
    arrived = find(app, pyatspi.ROLE_LABEL, name='One more idea: paper plates.', timeout=15)
    time.sleep(1)
    with open(notifications) as log:
        after = len(log.readlines())
    tap.ok(arrived is not None and after == before,
           'with notifications off, Ben’s next comment arrives and is not notified', (before, after))

    # Answering from the keyboard: Ctrl+Enter posts what the field holds.
    activate(notified('question'))
    field = find(app, pyatspi.ROLE_TEXT, name='Your answer', timeout=10)
    if field is not None:
        set_text(field, 'Five minutes if the class knows the game.')
        click(field)
        time.sleep(0.5)
        keys('ctrl+Return')
    tap.ok(find(app, pyatspi.ROLE_LABEL, name='Five minutes if the class knows the game.', timeout=10) is not None
           and find(app, pyatspi.ROLE_PUSH_BUTTON, name='Delete Your Answer', timeout=5) is not None,
           'Ctrl+Enter posts Ana’s own answer, which she may delete')

    # Ana changes her own answer once it has been shared (before, a change
    # only amends it, and there is nothing to call edited); Ben's answer
    # has no such button.
    open_page(app, 'Groups')
    sync_now(app, 'Year 5')
    activate(notified('question'))
    find(app, pyatspi.ROLE_LABEL, name='Five minutes if the class knows the game.', timeout=15)
    edits = [n for n in find_all(app, pyatspi.ROLE_PUSH_BUTTON, contains='Edit Your Answer')
             if n.name == 'Edit Your Answer']
    tap.ok(len(edits) == 1, 'only Ana’s own answer can be edited, not Ben’s', len(edits))
    if edits:
        press(edits[0])
    editor = window_named(app, 'Edit Answer')
    field = editor and find(editor, pyatspi.ROLE_TEXT, name='Answer', visible=False)
    if field is not None:
        set_text(field, 'Five minutes, if the class already knows the game.')
        time.sleep(0.3)
        shot('discussion-edit-answer')
        press(find(editor, pyatspi.ROLE_PUSH_BUTTON, name='Save Your Answer', visible=False))
    tap.ok(find(app, pyatspi.ROLE_LABEL, name='Five minutes, if the class already knows the game.', timeout=10)
           is not None and find(app, pyatspi.ROLE_LABEL, name='Five minutes if the class knows the game.',
                                timeout=2) is None
           and wait_for(lambda: [n for n in find_all(app, pyatspi.ROLE_LABEL, contains='· edited')
                                 if n.name.startswith('You · ')], 10),
           'Ana saves her changed answer, which then says it was edited')

    # Her question: its title, details, language and plan change; once Ben
    # has answered it, it cannot be deleted.
    edit = find(app, pyatspi.ROLE_PUSH_BUTTON, name='Edit Your Question', timeout=5)
    tap.ok(edit is not None and find(app, pyatspi.ROLE_PUSH_BUTTON, name='Delete Your Question', timeout=2) is None,
           'Ana may edit her question; with Ben’s answer under it, she may not delete it')
    if edit is not None:
        press(edit)
    editor = window_named(app, 'Edit Question')
    title_field = editor and find(editor, pyatspi.ROLE_TEXT, name='Question title', visible=False)
    tap.ok(title_field is not None and contains_text(title_field, 'How long does the warm-up take?'),
           'the form opens filled in with the question as it is')
    if title_field is not None:
        set_text(title_field, 'How long does the warm-up take with 30 pupils?')
        time.sleep(0.3)
        shot('discussion-edit-question')
        press(find(editor, pyatspi.ROLE_PUSH_BUTTON, name='Save Your Question', visible=False))
    tap.ok(find(app, pyatspi.ROLE_LABEL, name='How long does the warm-up take with 30 pupils?', timeout=10)
           is not None, 'Ana saves her question with its new title')
    shot('discussion-own-question')

    # A question nobody answered yet can be deleted, after a confirmation.
    press(find(app, pyatspi.ROLE_PUSH_BUTTON, name='Ask a Question', visible=False))
    ask = window_named(app, 'Ask a Question')
    set_text(find(ask, pyatspi.ROLE_TEXT, name='Question title', visible=False), 'Which timer do you use?')
    time.sleep(0.3)
    press(find(ask, pyatspi.ROLE_PUSH_BUTTON, name='Ask the Question', visible=False))
    delete = None
    if find(app, pyatspi.ROLE_LABEL, name='Which timer do you use?', timeout=10) is not None:
        delete = find(app, pyatspi.ROLE_PUSH_BUTTON, name='Delete Your Question', timeout=5)
    if delete is not None:
        press(delete)
        confirm = wait_for(lambda: next((n for n in find_all(app, pyatspi.ROLE_PUSH_BUTTON, visible=False)
                                         if n.name in ('Delete', '_Delete', '_Delete Delete')), None), 10)
        if confirm is not None:
            press(confirm)
    # The list lets go of the row when its model changes: wait for it.
    gone = wait_for(lambda: find(app, pyatspi.ROLE_LABEL, name='Which timer do you use?', timeout=0.2) is None, 10)
    closed = find(app, pyatspi.ROLE_LABEL, name='No Question Open', timeout=10) is not None
    tap.ok(delete is not None and closed and gone, 'Ana deletes her unanswered question; it leaves the list and the page',
           'delete button %s, page closed %s, row gone %s' % (delete is not None, closed, gone))

    if shots:
        # The same screens in a window 360 pixels wide, where the list and
        # the item take turns.
        ids = subprocess.run(['xdotool', 'search', '--pid', str(proc.pid)],
                             capture_output=True, text=True).stdout.split()
        for wid in ids:
            subprocess.run(['xdotool', 'windowsize', wid, '360', '720'], check=False)
            subprocess.run(['xdotool', 'windowmove', wid, '0', '0'], check=False)
        activate(notified('plan'))
        time.sleep(1)
        shot('discussion-narrow-comments')
        activate(notified('question'))
        time.sleep(1)
        shot('discussion-narrow-question')
        back = find(app, pyatspi.ROLE_PUSH_BUTTON, name='Back to the Questions', timeout=5)
        if back is not None:
            press(back)
        time.sleep(1)
        shot('discussion-narrow-questions')
        press(find(app, pyatspi.ROLE_PUSH_BUTTON, name='Ask a Question', visible=False))
        time.sleep(1)
        shot('discussion-narrow-ask')
        keys('Escape')
        activate(notified('question'))
        time.sleep(1)
        edit = find(app, pyatspi.ROLE_PUSH_BUTTON, name='Edit Your Question', timeout=5)
        if edit is not None:
            press(edit)
        time.sleep(1)
        shot('discussion-narrow-edit-question')
finally:
    cleanup()

tap.finish()
