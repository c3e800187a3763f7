"""Spreadsheet exports that cannot run a formula in the reader's spreadsheet.

A CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read as a formula by Excel, LibreOffice and Google Sheets, so a display name such as
``=HYPERLINK(...)`` would run when an editor opens the export. Such text gets a
leading single quote, as OWASP recommends; numbers, dates and other text are written
as they are. Wagtail's Excel export already stores such cells as text, not formulas.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """``value`` as a spreadsheet shows it as text: text that could start a formula
    is quoted; anything that is not text (a number, a date) is left as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SpreadsheetSafeMixin:
    """For views with Wagtail's ``SpreadsheetExportMixin`` (``ReportView``,
    ``IndexView``): every CSV cell goes through :func:`spreadsheet_safe`."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            return spreadsheet_safe(value)
        return value
