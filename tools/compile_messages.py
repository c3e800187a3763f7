"""Compile the intranet's message catalogues (``locale/*/LC_MESSAGES/*.po``) into the
``.mo`` files Django reads, with polib, so no GNU gettext is needed to build or run.

    python tools/compile_messages.py            # the package in this checkout
    python tools/compile_messages.py DIRECTORY  # every catalogue under DIRECTORY

``make install`` runs it, and so does building the wheel (``setup.py``). The ``.mo``
files are not committed; a test fails when the ``.po`` misses or fuzzes a string.
"""

import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "intranet"


def compile_messages(directory: Path) -> list[Path]:
    """Write a ``.mo`` beside each catalogue under ``directory`` that is newer than
    it (or has none); return the files written."""
    import polib

    written = []
    for po in sorted(Path(directory).glob("**/locale/*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        polib.pofile(str(po)).save_as_mofile(str(mo))
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_messages(Path(sys.argv[1]) if len(sys.argv) > 1 else PACKAGE):
        print(f"compiled {path}")
