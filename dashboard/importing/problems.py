"""What the importer reports when a file breaks the contract."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.i18n import N_, UserError, _, ngettext
from dashboard.text import format as fmt


@dataclass(frozen=True)
class Problem:
    """One violation, located the way the user sees the file in Excel (header = row 1).

    Attributes:
        row: Excel row number, or None for a problem with the file as a whole.
        column: the column concerned, or "" for the whole file.
        value: the offending value as it stood in the file.
        expected: what the contract expects, in the language of the request (Dutch outside one).
    """

    row: int | None
    column: str
    value: str
    expected: str

    def message(self, file_name: str) -> str:
        """A sentence naming file, row, column, value and what is expected."""
        where = (
            _("{bestand}, rij {rij}").format(bestand=file_name, rij=self.row)
            if self.row is not None
            else file_name
        )
        if self.column:
            where += _(", kolom '{kolom}'").format(kolom=self.column)
        value = _(": waarde '{waarde}'").format(waarde=self.value) if self.value else ""
        return f"{where}{value}: {self.expected}"


class ImportRejected(Exception):
    """The file was refused whole; nothing was written."""

    def __init__(self, file_name: str, problems: list[Problem]) -> None:
        """Keep the problems so the CLI and the upload page can list them."""
        self.file_name = file_name
        self.problems = problems
        super().__init__(self.report())

    def report(self, limit: int = 50) -> str:
        """The problems as lines (Dutch outside a request), at most ``limit`` of them."""
        lines = [p.message(self.file_name) for p in self.problems[:limit]]
        more = len(self.problems) - limit
        if more > 0:
            lines.append(
                ngettext("… en nog {n} fout.", "… en nog {n} fouten.", more).format(n=fmt.number(more))
            )
        header = _("Bestand '{bestand}' is geweigerd; er is niets opgeslagen.").format(bestand=self.file_name)
        return "\n".join([header, *lines])


class ImportBusy(UserError):
    """Another import of the same organisations got in first; nothing was written, try again."""

    def __init__(self, file_name: str) -> None:
        """The message reads in the language of wherever it is shown."""
        self.file_name = file_name
        super().__init__(N_("Er loopt al een import voor deze organisatie; probeer het zo opnieuw."))


class ImportUnconfirmed(ImportRejected):
    """The file passed the contract but raised warnings, and nobody chose "toch importeren".

    Nothing was written. The warnings are the ``problems`` (without row or column), so every
    place that lists a refused file's problems lists them too.
    """

    def __init__(self, file_name: str, warnings: tuple[str, ...]) -> None:
        """Keep the warnings as problems of the file as a whole."""
        self.warnings = warnings
        super().__init__(file_name, [Problem(None, "", "", warning) for warning in warnings])

    def report(self, limit: int = 50) -> str:
        """The warnings as lines, after a header that says how to import anyway."""
        header = ngettext(
            "Bestand '{bestand}' gaf {n} waarschuwing; er is niets opgeslagen. Klopt het bestand "
            "toch, importeer dan met 'toch importeren' (op de pagina Data, of hzw import … "
            "--toch-importeren).",
            "Bestand '{bestand}' gaf {n} waarschuwingen; er is niets opgeslagen. Klopt het bestand "
            "toch, importeer dan met 'toch importeren' (op de pagina Data, of hzw import … "
            "--toch-importeren).",
            len(self.warnings),
        ).format(bestand=self.file_name, n=fmt.number(len(self.warnings)))
        return "\n".join([header, *self.warnings[:limit]])
