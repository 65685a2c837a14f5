#!/usr/bin/python3
# test-print.py — a long plan prints on several pages, whole
#
# Copyright 2026 The Commons developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# print-plan prints a plan with a summary and twelve long activities to
# PDF with the app's printing code; pdftotext reads it back. Printing used
# to shrink the plan to 6 pt and cut it at the end of page one, without
# its summary (issue 18, item 14).

import os
import re
import subprocess
import tempfile

from commonsui import Tap

tap = Tap(5)
out = os.path.join(tempfile.mkdtemp(prefix='commons-print-'), 'plan.pdf')
run = subprocess.run([os.environ['COMMONS_PRINT_PLAN'], out], capture_output=True, text=True)
tap.ok(run.returncode == 0 and os.path.exists(out), 'the plan prints to PDF', run.stderr)

pages = 0
if os.path.exists(out):
    info = subprocess.run(['pdfinfo', out], capture_output=True, text=True).stdout
    match = re.search(r'^Pages:\s+(\d+)', info, re.M)
    pages = int(match.group(1)) if match else 0
texts = [subprocess.run(['pdftotext', '-f', str(n), '-l', str(n), out, '-'],
                        capture_output=True, text=True).stdout for n in range(1, pages + 1)]
whole = '\n'.join(texts)
flat = ' '.join(whole.split())

missing = [n for n in range(1, 13) if 'Activity number %d' % n not in flat]
tap.ok(not missing, 'every activity is printed', 'missing: %r' % missing)
spread = [n for n, text in enumerate(texts, 1) if 'Activity number' in text]
tap.ok(pages >= 2 and len(spread) >= 2, 'the activities run over at least two pages',
       'pages: %d, with activities: %r' % (pages, spread))
tap.ok('Learners share pizzas fairly and name the parts.' in flat, 'the summary is printed')
headed = [n for n, text in enumerate(texts, 1)
          if 'Fractions with pizza' in text and 'Page %d of %d' % (n, pages) in ' '.join(text.split())]
tap.ok(pages >= 2 and headed == list(range(1, pages + 1)),
       'each page is headed with the title and its page number', 'headed: %r of %d' % (headed, pages))
tap.finish()
