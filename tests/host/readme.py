"""The README's "Add the intranet to your Wagtail site", applied to a real site.

tests/host/run takes the code from the README itself, so that what a host reads is
what CI installs. Each code block is found by what it holds:

    python tests/host/readme.py models SITE_DIR          # staff/models.py of step 2
    python tests/host/readme.py apply SITE_DIR PROJECT   # steps 3, 4, 7 and 8
    python tests/host/readme.py block shell              # the code of step 6
    python tests/host/readme.py block check              # the check output of step 9
    python tests/host/readme.py command "python manage.py migrate"   # shown, or fail

The README calls the project ``mysite``; ``apply`` writes into PROJECT instead.
Anything not found where the README says it is fails with a message.
"""

import re
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"
HEADING = "## Add the intranet to your Wagtail site"
FENCE = re.compile(r"^( *)```(\w*)\n(.*?)^\1```$", re.S | re.M)


class Mismatch(Exception):
    pass


def section() -> str:
    text = README.read_text()
    if HEADING not in text:
        raise Mismatch(f"README.md has no section {HEADING!r}")
    after = text.split(HEADING, 1)[1]
    return after.split("\n## ", 1)[0]


def blocks() -> list[tuple[str, str]]:
    """(language, code) for each fenced block of the section, dedented."""
    found = []
    for indent, language, body in FENCE.findall(section()):
        lines = [line.removeprefix(indent) for line in body.splitlines()]
        found.append((language, "\n".join(lines) + "\n"))
    return found


def block(language: str, holding: str) -> str:
    matches = [code for lang, code in blocks() if lang == language and holding in code]
    if len(matches) != 1:
        raise Mismatch(
            f"the README section should show one {language or 'plain'} block with "
            f"{holding!r}, it shows {len(matches)}"
        )
    return matches[0]


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    if text.count(old) != 1:
        raise Mismatch(
            f"{path} should hold {old!r} once, it holds it {text.count(old)} times"
        )
    path.write_text(text.replace(old, new))


def write_models(site: Path) -> None:
    if "`staff/models.py`" not in section():
        raise Mismatch("the README section should name staff/models.py")
    path = site / "staff" / "models.py"
    if not path.exists():
        raise Mismatch(f"{path} is missing: startapp staff should have made it")
    path.write_text(block("python", "AbstractBlogPostPage"))


def apply_settings(site: Path, project: str) -> None:
    path = site / project / "settings" / "base.py"
    code = block("python", "INTRANET_APPS")
    path.write_text(path.read_text() + "\n\n" + code)


def apply_urls(site: Path, project: str) -> None:
    code = block("python", 'include("intranet.urls")')
    anchor = '    path("search/", search_views.search, name="search"),\n'
    replace_once(site / project / "urls.py", anchor, anchor + code)


def apply_search(site: Path, project: str) -> None:
    code = block("python", "audience.visible_to")
    imports = [line for line in code.splitlines() if line.startswith("from ")]
    query = [line for line in code.splitlines() if "visible_to" in line]
    if len(imports) != 1 or len(query) != 1:
        raise Mismatch("step 8 should show one import and one search line")
    path = site / "search" / "views.py"
    replace_once(
        path,
        "from wagtail.models import Page\n",
        "from wagtail.models import Page\n\n" + imports[0] + "\n",
    )
    replace_once(
        path,
        "        search_results = Page.objects.live().search(search_query)\n",
        query[0] + "\n",
    )


def apply_template(site: Path, project: str) -> None:
    where = "mysite/templates/intranet/public_base.html"
    if where not in section():
        raise Mismatch(f"the README section should name {where}")
    path = site / project / "templates" / "intranet" / "public_base.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(block("django", '{% extends "base.html" %}'))


def command(line: str) -> None:
    shown = [
        row.strip()
        for language, code in blocks()
        if language == "sh"
        for row in code.splitlines()
    ]
    if line not in shown:
        raise Mismatch(f"the README section shows no command {line!r}")


def main(argv: list[str]) -> None:
    match argv:
        case ["apply", site, project]:
            for apply in (apply_settings, apply_urls, apply_template, apply_search):
                apply(Path(site), project)
                print(f"applied {apply.__name__.removeprefix('apply_')}")
        case ["models", site]:
            write_models(Path(site))
            print("wrote staff/models.py")
        case ["block", "shell"]:
            sys.stdout.write(block("python", "add_child"))
        case ["block", "check"]:
            sys.stdout.write(block("", "intranet.E"))
        case ["command", line]:
            command(line)
        case _:
            raise SystemExit(__doc__)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Mismatch as mismatch:
        raise SystemExit(f"README and site disagree: {mismatch}") from None
