"""Browser tests: Playwright for Python driving Debian's Chromium.

No browser is ever downloaded. When no Chromium is installed, these tests skip and
say why; CI installs Debian's ``chromium`` package first.
"""

import functools
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import build_tree

CHROMIUM = (
    os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
)
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

# Playwright's sync API runs an event loop in this thread; the live server's
# database work happens in its own thread, so this is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's 'chromium' package")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The page tree, rebuilt after the live server's transactional flush."""
    tree = build_tree()
    tree.url = live_server.url
    return tree


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in(page, url, username, password="changeme"):
    """Sign in through the login form, starting from the home page."""
    page.goto(f"{url}/")
    assert "/accounts/login/" in page.url
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(f"{url}/")


AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
# What axe checks: WCAG 2.0, 2.1 and 2.2 at levels A and AA ...
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING_IMPACTS = ("critical", "serious")
# ... and two of its best practices, which fail whatever their impact: headings in
# order (no h1 straight to h3), and no role an element may not take.
HOUSE_RULES = ["heading-order", "aria-allowed-role"]

# What axe leaves to a person to judge, checked here: every id that an ARIA
# relation or a label points to exists, and the title names the page itself.
SELF_CHECKS = """() => {
    const problems = [];
    for (const attr of ["aria-labelledby", "aria-describedby", "aria-controls"]) {
        for (const el of document.querySelectorAll(`[${attr}]`)) {
            for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
                if (!document.getElementById(id)) {
                    problems.push(`${attr} points to a missing #${id}`);
                }
            }
        }
    }
    for (const label of document.querySelectorAll("label[for]")) {
        if (!document.getElementById(label.htmlFor)) {
            problems.push(`label for a missing #${label.htmlFor}`);
        }
    }
    const title = document.title.replace(/·[^·]*$/, "").trim();
    if (!title) problems.push(`the title says nothing of the page: "${document.title}"`);
    return problems;
}"""


def axe_violations(page) -> list[dict]:
    """What axe-core finds on the page as it stands: WCAG 2.2 A and AA, and the
    house rules.

    The CSP refuses inline scripts, so axe is not added as a script tag: Playwright
    evaluates its source in the page through the DevTools protocol, which the page's
    CSP does not govern. Nothing is fetched from outside.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_axe_source())
    return page.evaluate(
        """async ([tags, rules]) => {
            const results = await window.axe.run(document, {
                runOnly: {type: "tag", values: tags},
                rules: Object.fromEntries(rules.map((id) => [id, {enabled: true}])),
                resultTypes: ["violations"],
            });
            return results.violations;
        }""",
        [WCAG_AA, HOUSE_RULES],
    )


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def accessibility_problems(page, name: str) -> list[str]:
    """Each critical or serious axe violation on the page (and any breach of the
    house rules or the self checks), one line per rule with the elements it
    concerns. The page is saved as ``a11y-<name>.png`` to look at."""
    screenshot(page, f"a11y-{name}")
    problems = [f"{name} ({page.url}): {text}" for text in page.evaluate(SELF_CHECKS)]
    for violation in axe_violations(page):
        if (
            violation["impact"] not in BLOCKING_IMPACTS
            and violation["id"] not in HOUSE_RULES
        ):
            continue
        targets = ", ".join(
            " ".join(str(part) for part in node["target"])
            for node in violation["nodes"]
        )
        problems.append(
            f"{name} ({page.url}): {violation['impact']} {violation['id']}: "
            f"{violation['help']} [{targets}]"
        )
    return problems


def assert_accessible(page, name: str) -> None:
    """Fail, listing each of the page's ``accessibility_problems``, if it has any."""
    problems = accessibility_problems(page, name)
    assert not problems, "\n".join(problems)
