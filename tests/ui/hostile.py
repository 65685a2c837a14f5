# hostile.py — a member who pushes what no honest Commons writes
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The UI tests need a change that the server relays but every client must
# keep aside: a plan whose title is a number. The server reads no fields,
# so only the clients' second check catches it. It is signed with the
# member's own key (read from the data folder's private credentials file,
# as COMMONS_CREDENTIALS=file keeps it) through libsodium with ctypes, so
# nothing but the fields is wrong.

import configparser
import ctypes
import ctypes.util
import hashlib
import json
import os
import time
import urllib.request
import uuid


def _sodium():
    lib = ctypes.CDLL(ctypes.util.find_library('sodium') or 'libsodium.so.23')
    if lib.sodium_init() < 0:
        raise RuntimeError('libsodium did not start')
    return lib


def _credentials(data_dir):
    parser = configparser.ConfigParser(interpolation=None, delimiters=('=',))
    parser.optionxform = str
    parser.read(os.path.join(data_dir, 'credentials'))
    return parser['tokens']


def _sign(seed_hex, message):
    lib = _sodium()
    seed = bytes.fromhex(seed_hex)
    public = ctypes.create_string_buffer(32)
    secret = ctypes.create_string_buffer(64)
    lib.crypto_sign_seed_keypair(public, secret, seed)
    signature = ctypes.create_string_buffer(64)
    data = message.encode()
    lib.crypto_sign_detached(signature, None, data, ctypes.c_ulonglong(len(data)), secret)
    return public.raw.hex(), signature.raw.hex()


def push_unreadable_plan(server_url, data_dir, group_id):
    """Pushes, as the member whose data folder is data_dir, a new plan
    whose title is a number. Returns the server's result for it."""
    tokens = _credentials(data_dir)
    seed = tokens['identity:commons.db']
    person, _ = _sign(seed, 'x')
    now = time.gmtime()
    body = {
        'v': 1,
        'record': str(uuid.uuid4()),
        'kind': 'plan',
        'parents': [],
        'author': person,
        'time': time.strftime('%Y-%m-%dT%H:%M:%S', now) + '.000Z',
        'deleted': False,
        'fields': {'title': 42, 'summary': 'A title that is a number'},
    }
    # Canonical JSON as Commons writes it, for ASCII text: sorted keys and
    # no insignificant whitespace.
    canonical = json.dumps(body, sort_keys=True, separators=(',', ':'))
    revision_id = hashlib.sha256(canonical.encode()).hexdigest()
    _, signature = _sign(seed, 'commons-revision-v1:' + revision_id)
    wire = dict(body, id=revision_id, sig=signature)
    request = urllib.request.Request(
        '%s/v1/groups/%s/revisions' % (server_url, group_id),
        data=json.dumps({'revisions': [wire]}).encode(),
        headers={'Content-Type': 'application/json',
                 'Authorization': 'Bearer ' + tokens[group_id]},
        method='POST')
    with urllib.request.urlopen(request, timeout=20) as answer:
        return json.load(answer)['results'][0]
