"""One URL per captured page, ``/<name>.html``, answering the bytes read at start.

The folder is ``BENCH_PAGES`` (``make bench`` writes it: ``var/bench/pages/``).
"""

import os
from pathlib import Path

from django.http import HttpResponse
from django.urls import path


def answer(body: bytes):
    def view(request):
        return HttpResponse(body, content_type="text/html; charset=utf-8")

    return view


PAGES = Path(os.environ["BENCH_PAGES"])

urlpatterns = [
    path(page.name, answer(page.read_bytes())) for page in sorted(PAGES.glob("*.html"))
]
