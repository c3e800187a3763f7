"""The renditions the templates ask for are the ones load_demo makes ahead."""

import re
from pathlib import Path

from intranet import renditions

TEMPLATES = Path(__file__).resolve().parents[2] / "intranet" / "templates"
IMAGE_TAG = re.compile(
    r"{%\s*(?:rendition|image|picture|srcset_image)\s+(\S+)\s+([^%]*)%}"
)


def specs_in_templates():
    found = {}
    for path in TEMPLATES.rglob("*.html"):
        for _image, rest in IMAGE_TAG.findall(path.read_text()):
            for bit in rest.split():
                if bit == "as":
                    break
                if "=" not in bit:
                    found.setdefault(bit, path.relative_to(TEMPLATES))
    return found


def test_every_rendition_a_template_asks_for_is_named_in_one_place():
    found = specs_in_templates()
    assert found, "no {% rendition %} tag found: the pattern no longer matches"
    unknown = {spec: str(path) for spec, path in found.items()}
    for spec in renditions.ALL:
        unknown.pop(spec, None)
    assert not unknown, f"add these to intranet/renditions.py: {unknown}"


def test_every_named_rendition_is_one_a_template_uses():
    assert set(renditions.ALL) == set(specs_in_templates())


WAGTAIL_IMAGE_TAG = re.compile(r"{%\s*(?:image|picture|srcset_image)\s")


def test_no_template_uses_wagtails_image_tags_which_make_renditions_in_a_page_view():
    found = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if WAGTAIL_IMAGE_TAG.search(path.read_text())
    ]
    assert found == [], "use {% rendition %} of intranet_tags in these"
