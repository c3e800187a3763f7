"""The Wagtail tutorial's blog app, as many hosts have it: the host's own
BlogIndexPage and BlogPage, which the intranet's page types must not clash with.

    python tutorial_blog.py SITE_DIR PROJECT   # writes blog/models.py, adds the app
"""

import sys
from pathlib import Path

MODELS = """from django.db import models
from wagtail.fields import RichTextField
from wagtail.models import Page


class BlogIndexPage(Page):
    intro = RichTextField(blank=True)


class BlogPage(Page):
    date = models.DateField("Post date")
    intro = models.CharField(max_length=250)
    body = RichTextField(blank=True)
"""

site, project = Path(sys.argv[1]), sys.argv[2]
(site / "blog" / "models.py").write_text(MODELS)
settings = site / project / "settings" / "base.py"
text = settings.read_text()
anchor = '    "home",\n'
if text.count(anchor) != 1:
    raise SystemExit(f"{settings} should list the home app once")
settings.write_text(text.replace(anchor, anchor + '    "blog",\n'))
print("the host has the tutorial's blog app")
