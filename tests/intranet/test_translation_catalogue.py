"""The Finnish catalogue covers every string of the package, and Django reads it.

The strings are extracted from the package's code and templates as
``makemessages`` does (into a copy, so the committed catalogue is untouched), and
each one must have a Finnish translation that is neither empty nor fuzzy.
"""

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.utils import translation

import intranet

PACKAGE = Path(intranet.__file__).resolve().parent
CATALOGUE = PACKAGE / "locale" / "fi" / "LC_MESSAGES" / "django.po"


def key(entry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def translated(entry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory, monkeypatch_module):
    assert shutil.which("xgettext"), "GNU gettext (xgettext) is needed to extract"
    copy = tmp_path_factory.mktemp("extract") / "intranet"
    shutil.copytree(
        PACKAGE,
        copy,
        ignore=shutil.ignore_patterns("locale", "__pycache__", "demo_images", "*.png"),
    )
    (copy / "locale").mkdir()
    monkeypatch_module.chdir(copy)
    call_command("makemessages", locale=["fi"], verbosity=0, add_location="never")
    return polib.pofile(str(copy / "locale" / "fi" / "LC_MESSAGES" / "django.po"))


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(CATALOGUE))


def test_every_string_of_the_package_has_a_finnish_translation(extracted, catalogue):
    finnish = {key(entry): entry for entry in catalogue if not entry.obsolete}
    assert len(extracted) > 500  # the extraction found the package's strings
    missing = [e.msgid for e in extracted if key(e) not in finnish]
    untranslated = [
        e.msgid
        for e in extracted
        if key(e) in finnish and not translated(finnish[key(e)])
    ]
    assert not missing, (
        f"{len(missing)} strings are not in {CATALOGUE.name}: {missing[:10]}"
    )
    assert not untranslated, f"{len(untranslated)} untranslated: {untranslated[:10]}"


def test_no_translation_is_fuzzy_or_left_over(catalogue):
    fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags]
    obsolete = [e.msgid for e in catalogue.obsolete_entries()]
    assert not fuzzy, f"fuzzy translations: {fuzzy[:10]}"
    assert not obsolete, f"strings no longer used: {obsolete[:10]}"


def test_the_catalogue_keeps_every_placeholder():
    if not shutil.which("msgfmt"):
        pytest.skip("GNU gettext's msgfmt checks the placeholders")
    result = subprocess.run(  # noqa: S603 - a fixed command on the project's own file
        ["msgfmt", "--check", "-o", "/dev/null", str(CATALOGUE)],  # noqa: S607
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_django_reads_the_compiled_finnish_messages():
    with translation.override("fi"):
        assert translation.gettext("Sign in") != "Sign in"
        assert translation.gettext("Staff intranet") != "Staff intranet"
